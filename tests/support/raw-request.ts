import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  body: string;
}

export interface RawRequestOptions {
  headers?: Record<string, string>;
  /** Sent in 64 KiB chunks without a Content-Length, as a client that does not say how much is coming. */
  chunked?: boolean;
  /** The body; by default `size` bytes of JSON-ish filler. */
  body?: Buffer;
}

/**
 * One request over a plain socket, so any method can carry a body (fetch refuses one on GET) and any content
 * type: `size` bytes of JSON-ish filler with a Content-Length, or chunked without one. The service may answer
 * before it has read the body, and close the connection: what it answered is what counts.
 */
export function sendRaw(base: string, method: string, path: string, size: number, o: RawRequestOptions = {}): Promise<RawAnswer> {
  const body = o.body ?? Buffer.from(`{"x":"${'x'.repeat(Math.max(0, size - 8))}"}`);
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(o.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }), ...o.headers },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      // The connection can break under the answer too (the body still being written): the status came, and counts.
      res.on('error', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
    });
    // The service may close the connection before the whole body was written.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (o.chunked) for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    else req.write(body);
    req.end();
  });
}
