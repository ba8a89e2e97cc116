import type { Next, Request, Response } from 'restify';
import type { LocaleSetting } from '../i18n/locale';
import { answerInApiShape } from './error-answers';

/**
 * Refuses a request body before a byte of it is read: one larger than its route takes (by its declared
 * length; a chunked one is cut off by the route's body parser at the same size), and any encoded one.
 * restify's body parser would inflate a gzip body without a limit on the inflated size (a 60 KB request
 * became 60 MB in memory), and a malformed one threw in a stream nobody listened to, ending the process.
 * Neither Teams nor a browser compresses what it sends.
 */
export function limitBodies(maxBytesFor: (path: string) => number, locale: LocaleSetting) {
  return (req: Request, res: Response, next: Next) => {
    const refuse = (status: number, error?: string) => {
      // Not reading the rest means the connection cannot carry another request.
      res.header('Connection', 'close');
      answerInApiShape(req, res, status, locale, error);
      return next(false);
    };
    if (req.header('content-encoding')) return refuse(415, 'unsupported-encoding');
    if (Number(req.header('content-length') ?? 0) > maxBytesFor(req.getPath())) return refuse(413);
    return next();
  };
}
