import { type Attributes, SpanKind } from '@opentelemetry/api';

/**
 * What a finished span may carry to Azure Monitor. The exporter turns every attribute into a custom
 * dimension and the URL into the request's name and address, so before export a span keeps its route and
 * host but loses query strings (calendar links carry `?t=` tokens), ids in paths (Teams conversations, signals,
 * facilitators), client addresses and user agents, and the text of errors (a database error can quote a value).
 */
export interface RedactableSpan {
  readonly kind: SpanKind;
  readonly attributes: Attributes;
  readonly events: ReadonlyArray<{ readonly name: string; readonly attributes?: Attributes }>;
  readonly status: { message?: string };
}

export const REDACTED = '[redacted]';

/** Where a request came from and with what: of no use to operators, and personal data for the tab's users. */
const DROPPED = [
  'client.address',
  'client.port',
  'network.peer.address',
  'network.peer.port',
  'http.client_ip',
  'net.peer.ip',
  'net.sock.peer.addr',
  'user_agent.original',
  'http.user_agent',
  'enduser.id',
  'enduser.pseudo.id',
  'session.id',
  'microsoft.client.ip',
  'url.query',
];
const URL_ATTRIBUTES = ['url.full', 'http.url'];
const PATH_ATTRIBUTES = ['url.path', 'http.target'];

/** The path of a request no route took: its segments were chosen by whoever sent it. */
export const UNMATCHED = '/(unmatched)';

export function redactSpan(span: RedactableSpan): void {
  const { attributes } = span;
  for (const key of DROPPED) delete attributes[key];
  const route = attributes['http.route'];
  // A request to the service is named by the route that served it (telemetry.ts sets it from restify);
  // an outgoing one by its path with every id-like segment replaced.
  const pathOf = (path: string) => (span.kind === SpanKind.SERVER ? (typeof route === 'string' ? route : UNMATCHED) : safePath(path));
  for (const key of URL_ATTRIBUTES) {
    const value = attributes[key];
    if (typeof value === 'string') attributes[key] = safeUrl(value, pathOf);
  }
  for (const key of PATH_ATTRIBUTES) {
    const value = attributes[key];
    if (typeof value === 'string') attributes[key] = pathOf(value);
  }
  for (const event of span.events) {
    if (event.name !== 'exception' || !event.attributes) continue;
    if (event.attributes['exception.message'] !== undefined) event.attributes['exception.message'] = REDACTED;
    const stack = event.attributes['exception.stacktrace'];
    if (typeof stack === 'string') event.attributes['exception.stacktrace'] = framesOf(stack);
  }
  span.status.message = undefined;
}

/** Scheme, host and a safe path: no user info, query or fragment. Something that is no URL is dropped whole. */
function safeUrl(value: string, pathOf: (path: string) => string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${pathOf(url.pathname)}`;
  } catch {
    return REDACTED;
  }
}

/**
 * A segment that names a kind of thing ("v3", "conversations", "oauth2", "calendar.ics") stays; one that names
 * one thing (an id: digits, ':', '%', '@', or long) becomes ":id".
 */
export function safePath(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  return bare
    .split('/')
    .map((segment) => (segment === '' || isWord(segment) ? segment : ':id'))
    .join('/');
}

function isWord(segment: string): boolean {
  return /^[a-z][a-z0-9._-]{0,31}$/i.test(segment) && (segment.match(/\d/g)?.length ?? 0) <= 2;
}

/** The stack's frames without the message lines above them, which an error's text may fill. */
function framesOf(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
