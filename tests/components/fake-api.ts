import { type Api, ApiError } from '../../tab/src/api';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export interface Call {
  method: Method;
  path: string;
  body?: unknown;
}
/**
 * A canned reply: JSON to answer with, an ApiError to fail with, or a function of the call giving either, or a
 * promise of either (to hold an answer back until the test lets it go: see `later`).
 */
export type Reply = unknown | ((call: Call, nth: number) => unknown);

/**
 * An in-memory stand-in for the tab's HTTP service: it records every call and answers with the reply set for
 * "METHOD path" (the exact path first, then the path without its query string). A call nobody set a reply for
 * fails with a 404, so a page that calls something unexpected shows it in the test.
 */
export class FakeApi implements Api {
  readonly calls: Call[] = [];
  private readonly replies = new Map<string, Reply>();
  private readonly counts = new Map<string, number>();

  on(method: Method, path: string, reply: Reply): this {
    this.replies.set(`${method} ${path}`, reply);
    return this;
  }

  /** The calls made with this method (and path, if given), in order. */
  callsTo(method: Method, path?: string): Call[] {
    return this.calls.filter((c) => c.method === method && (path === undefined || c.path === path));
  }

  get<T>(path: string): Promise<T> {
    return this.answer<T>({ method: 'GET', path });
  }

  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.answer<T>(body === undefined ? { method, path } : { method, path, body });
  }

  private async answer<T>(call: Call): Promise<T> {
    this.calls.push(call);
    const key = [`${call.method} ${call.path}`, `${call.method} ${call.path.split('?')[0]}`].find((k) => this.replies.has(k));
    if (key === undefined) throw new ApiError(404, `no fake reply for ${call.method} ${call.path}`);
    const nth = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, nth);
    const reply = this.replies.get(key);
    const value: unknown = await (typeof reply === 'function' ? (reply as (c: Call, n: number) => unknown)(call, nth) : reply);
    if (value instanceof ApiError) throw value;
    // A copy, as JSON over the wire would be: a page that changes what it got cannot change the canned reply.
    return (value === undefined ? undefined : JSON.parse(JSON.stringify(value))) as T;
  }
}

/** The refusal the service sends, `{ error, message, fields? }` turned into the ApiError the real client throws. */
export const refusal = (status: number, message: string, fields: ApiError['fields'] = []) => new ApiError(status, message, fields);

/** An answer held back until the test calls `answer`: for a slow service, or to look at the page while it waits. */
export function later() {
  let answer!: (value: unknown) => void;
  const reply = new Promise<unknown>((resolve) => (answer = resolve));
  return { reply, answer };
}
