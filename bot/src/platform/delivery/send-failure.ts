import { parseRetryAfter, type SendFailure } from './retry';

interface ConnectorError {
  name?: string;
  statusCode?: number;
  code?: string;
  response?: { headers?: { get?: (name: string) => string | undefined } | Record<string, string> };
}

/** What a failed Bot Connector call tells us: its status and Retry-After, and an error name, never its message. */
export function sendFailureOf(error: unknown): SendFailure {
  const e = (error ?? {}) as ConnectorError;
  const headers = e.response?.headers;
  const retryAfter =
    headers && typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  return {
    status: typeof e.statusCode === 'number' ? e.statusCode : undefined,
    retryAfterSeconds: parseRetryAfter(retryAfter),
    name: e.code ?? e.name ?? 'Error',
  };
}
