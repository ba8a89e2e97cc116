import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { chooseLocale, type LocaleSetting, stringsFor } from '../../i18n/locale';
import { DEV_PERSONAS, type DevelopmentTabAuthenticator, type DevPersona } from '../tab-auth';

const bodySchema = z.object({ persona: z.enum(Object.keys(DEV_PERSONAS) as [DevPersona, ...DevPersona[]]) }).strict();

/**
 * POST /api/dev/sign-in {persona}: a token for a fictional person, so the tab can be tried in a plain browser.
 * Mounted only in development mode (app.ts); production has no such route.
 */
export function mountDevSignIn(server: Server, authenticator: DevelopmentTabAuthenticator, locale: LocaleSetting): void {
  server.post('/api/dev/sign-in', restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024, rejectUnknown: true }), async (req: Request, res: Response) => {
    const parsed = bodySchema.safeParse(req.body);
    if (!parsed.success) {
      res.json(400, { error: 'invalid', message: stringsFor(chooseLocale(locale, req.header('accept-language'))).api.invalid });
      return;
    }
    res.json(200, { token: await authenticator.signIn(parsed.data.persona), persona: parsed.data.persona });
  });
}
