import type { Next, Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { LocaleSetting } from '../i18n/locale';
import { jsonBody, refuseRequest } from './body-limits';
import { isLocalRequest } from './client-address';
import { answerInApiShape } from './error-answers';
import { DEV_PERSONAS, type DevelopmentTabAuthenticator, type DevPersona } from './tab-auth';

const bodySchema = z.object({ persona: z.enum(Object.keys(DEV_PERSONAS) as [DevPersona, ...DevPersona[]]) }).strict();

/**
 * POST /api/dev/sign-in {persona}: a token for a fictional person, so the tab can be tried in a plain browser.
 * Mounted only in development mode without a bot identity and without tab sign-in (app.ts), when the service
 * listens on loopback alone; and even then it answers only a request made on this machine, so neither a tunnel
 * nor a web page elsewhere can fetch a coordinator's token. Production has no such route.
 */
export function mountDevSignIn(server: Server, authenticator: DevelopmentTabAuthenticator, locale: LocaleSetting): void {
  server.post(
    '/api/dev/sign-in',
    (req: Request, res: Response, next: Next) => {
      if (isLocalRequest(req)) return next();
      // As if the route did not exist: from elsewhere, there is no development sign-in.
      refuseRequest(req, res, 404, locale);
      return next(false);
    },
    jsonBody(1024, locale),
    async (req: Request, res: Response) => {
      const parsed = bodySchema.safeParse(req.body);
      if (!parsed.success) return answerInApiShape(req, res, 400, locale);
      res.json(200, { token: await authenticator.signIn(parsed.data.persona), persona: parsed.data.persona });
    },
  );
}
