import type { IncomingMessage } from 'node:http';
import type { Next, Request, RequestHandler, Response } from 'restify';
import type { LocaleSetting } from '../i18n/locale';
import { answerInApiShape } from './error-answers';

/** `application/json`, with or without parameters such as `charset=utf-8`. */
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The request says a body follows: a length above zero, or a transfer coding (chunked) instead of a length. */
const carriesBody = (req: Request) => Number(req.header('content-length') ?? 0) > 0 || Boolean(req.header('transfer-encoding'));

/** Past this much of a refused body, the connection is cut rather than drained. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * After a refusal, reads what is left of the body and throws it away, chunk by chunk: closing a connection with
 * unread data resets it, and a client still sending could lose the answer. Nothing is kept; a body that goes on
 * past DRAIN_LIMIT_BYTES has the connection cut.
 */
export function discardUnreadBody(req: IncomingMessage): void {
  if (req.complete) return;
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** Answers a refusal in the API's shape, and drains the body it did not read. */
export function refuseRequest(req: Request, res: Response, status: number, locale: LocaleSetting, error?: string): void {
  discardUnreadBody(req);
  answerInApiShape(req, res, status, locale, error);
}

/**
 * Refuses a request body before a byte of it is read: any encoded one, any that is not JSON, and one larger than
 * its route takes by its declared length (a chunked one is cut off where it is read, by readJsonBody).
 * restify's body parser inflated gzip without a limit on the inflated size and ended the process on a malformed
 * one; it handed multipart bodies to formidable, which wrote them to the temp folder and never deleted them.
 * Neither Teams nor the tab sends anything but uncompressed JSON, so nothing else is read at all.
 */
export function limitBodies(maxBytesFor: (path: string) => number, locale: LocaleSetting) {
  return (req: Request, res: Response, next: Next) => {
    const refuse = (status: number, error?: string) => {
      refuseRequest(req, res, status, locale, error);
      return next(false);
    };
    if (req.header('content-encoding')) return refuse(415, 'unsupported-encoding');
    if (carriesBody(req) && !JSON_TYPE.test(req.header('content-type'))) return refuse(415);
    if (Number(req.header('content-length') ?? 0) > maxBytesFor(req.getPath())) return refuse(413);
    return next();
  };
}

export type BodyRead = { ok: true; value: unknown } | { ok: false; status: 400 | 413 };

/**
 * Reads a JSON body into memory, up to `maxBytes` whatever the client declared (chunked bodies have no declared
 * length): past that it stops reading and gives 413. No body at all reads as `undefined`.
 */
export function readJson(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyRead) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return settle({ ok: false, status: 413 });
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (size === 0) return settle({ ok: true, value: undefined });
      try {
        settle({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        settle({ ok: false, status: 400 });
      }
    };
    // A client that goes away mid-body: nobody is left to answer.
    const onError = () => settle({ ok: false, status: 400 });
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** readJson as a route handler: the body in `req.body`, or the refusal in the API's shape. */
export function jsonBody(maxBytes: number, locale: LocaleSetting): RequestHandler {
  // A callback handler, not an async one: restify continues the chain when an async handler resolves.
  return (req: Request, res: Response, next: Next) => {
    void readJson(req, maxBytes).then((read) => {
      if (!read.ok) {
        refuseRequest(req, res, read.status, locale);
        return next(false);
      }
      req.body = read.value;
      return next();
    });
  };
}
