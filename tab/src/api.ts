/** A field of a form the service refused: its path in the body sent ("contact.phone") and why, in the user's language. */
export interface FieldProblem {
  path: string;
  reason: string;
}

/**
 * The service answers refusals as `{ error, message }`, the message in the caller's language; a form it refused
 * also with `fields`, each wrong field and why.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

const fieldsOf = (body: unknown): FieldProblem[] => {
  const fields = (body as { fields?: unknown } | undefined)?.fields;
  return Array.isArray(fields) ? fields.filter((f): f is FieldProblem => typeof f?.path === 'string' && typeof f?.reason === 'string') : [];
};

const DEV_TOKEN_KEY = 'sociaal-veilig.dev-token';

/**
 * In Teams: the SSO token for this app (teams-sso.ts, loaded only there). In a plain browser (development): the
 * development sign-in's token.
 */
export async function tokenFor(inTeams: boolean): Promise<string | undefined> {
  if (inTeams) return (await import('./teams-sso')).teamsSsoToken();
  return sessionStorage.getItem(DEV_TOKEN_KEY) ?? undefined;
}

export async function devSignIn(persona: string): Promise<void> {
  const res = await fetch('/api/dev/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }) });
  const body = (await res.json()) as { token?: string; message?: string };
  if (!res.ok || !body.token) throw new ApiError(res.status, body.message ?? String(res.status));
  sessionStorage.setItem(DEV_TOKEN_KEY, body.token);
}

export function devSignOut(): void {
  sessionStorage.removeItem(DEV_TOKEN_KEY);
}

export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

export function api(token: () => Promise<string | undefined>, locale: string): Api {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const bearer = await token();
    const res = await fetch(path, {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'accept-language': locale,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) throw new ApiError(res.status, (parsed as { message?: string } | undefined)?.message ?? String(res.status), fieldsOf(parsed));
    return parsed as T;
  };
  return { get: (path) => call('GET', path), send: (method, path, body) => call(method, path, body) };
}
