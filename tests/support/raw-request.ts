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
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      const done = () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', done);
      // The connection can break under the answer too (the body still being written): the status came, and counts.
      res.on('error', done);
      res.on('close', done);
    });
    // The service may close the connection before the whole body was written: the socket then reports a broken pipe
    // or a reset, on the request, or on the socket itself once the answer has come and the socket went back to the
    // agent's pool (whose own listener hears only the first error: a second one was thrown, and failed the suite).
    const unlessBrokenPipe = (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error));
    req.on('socket', (socket) => socket.on('error', unlessBrokenPipe));
    req.on('error', unlessBrokenPipe);
    req.on('close', () => {
      if (!answered) reject(new Error(`${method} ${path}: the connection closed without an answer`));
    });
    if (o.chunked) for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
    else req.write(body);
    req.end();
  });
}
