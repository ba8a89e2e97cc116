import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { calendarDescription } from './workshop-cards';
import { calendarFile } from './calendar';
import type { WorkshopService } from './workshop-service';
import { type LocaleSetting, chooseLocale } from '../../platform/i18n/locale';
import type { Logger } from '../../platform/logging/logger';
import { TOKEN_PATTERN, type WorkshopTokens } from './workshop-tokens';
import { answerTooMany, type RequestLimits } from '../../platform/limits/request-limits';
import { workshopStrings } from './strings';

const paramsSchema = z.object({ id: z.string().uuid() });
const querySchema = z.object({ t: z.string().regex(TOKEN_PATTERN) });

export interface CalendarRouteDependencies {
  workshops: WorkshopService;
  tokens: WorkshopTokens;
  locale: LocaleSetting;
  limits: RequestLimits;
  logger: Logger;
}

/**
 * GET /api/workshops/:id/calendar.ics?t=…: the calendar file for a registered participant. The token in
 * the link is the authentication (a capability only that participant's card carries); anything else
 * gets 404, so the address tells nobody whether a workshop exists. Counted per address like the tab API: nobody
 * signs in here, and tokens are not to be guessed at speed.
 */
export function mountCalendarRoute(server: Server, deps: CalendarRouteDependencies): void {
  server.get('/api/workshops/:id/calendar.ics', restify.plugins.queryParser({ mapParams: false }), async (req: Request, res: Response) => {
    const locale = chooseLocale(deps.locale, req.header('accept-language'));
    const t = workshopStrings[locale];
    const fromAddress = await deps.limits.fromAddress(req);
    if (!fromAddress.allowed) {
      deps.logger.info({ event: 'calendar.limited' }, 'calendar link refused: too many requests');
      return answerTooMany(res, t, fromAddress);
    }
    const params = paramsSchema.safeParse(req.params);
    const query = querySchema.safeParse(req.query ?? {});
    const notFound = () => {
      deps.logger.info({ event: 'calendar.refused' }, 'calendar link refused');
      res.json(404, { error: 'not-found', message: t.workshop.outcomes.onbekend });
    };
    if (!params.success || !query.success) return notFound();
    const workshop = await deps.workshops.find(params.data.id);
    if (!workshop) return notFound();
    if (!deps.tokens.calendarMatches(workshop.id, query.data.t, await deps.workshops.calendarHolders(workshop))) return notFound();
    const body = calendarFile(
      {
        uid: `${workshop.id}@sociaal-veilig`,
        sequence: workshop.version - 1,
        startsAt: workshop.startsAt,
        endsAt: workshop.endsAt,
        summary: t.workshop.calendarSummary,
        description: calendarDescription(t, workshop),
        location: workshop.location.kind === 'online' ? workshop.location.url : workshop.location.text,
        url: workshop.location.kind === 'online' ? workshop.location.url : undefined,
        cancelled: workshop.status === 'geannuleerd',
      },
      new Date(),
    );
    res.writeHead(200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="workshop-sociale-veiligheid.ics"',
    });
    res.end(body);
  });
}
