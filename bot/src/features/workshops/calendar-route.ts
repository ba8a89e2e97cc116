import restify, { type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { calendarDescription } from './workshop-cards';
import { calendarFile } from './calendar';
import type { WorkshopService } from './workshop-service';
import { type LocaleSetting, chooseLocale, format } from '../../platform/i18n/locale';
import type { Logger } from '../../platform/logging/logger';
import { TOKEN_PATTERN, type WorkshopTokens } from './workshop-tokens';
import { answerTooMany, type RequestLimits } from '../../platform/limits/request-limits';
import { workshopStrings, type WorkshopStrings } from './strings';
import type { ProgrammeService } from './programme-service';
import type { Programme } from './programme';

const paramsSchema = z.object({ id: z.string().uuid() });
const querySchema = z.object({ t: z.string().regex(TOKEN_PATTERN) });

export interface CalendarRouteDependencies {
  workshops: WorkshopService;
  programmes: ProgrammeService;
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
    const link = await readLink(req, res, deps, (t) => t.workshop.outcomes.onbekend);
    if (!link) return;
    const { t, notFound } = link;
    const workshop = await deps.workshops.find(link.id);
    if (!workshop) return notFound();
    if (!deps.tokens.calendarMatches(workshop.id, link.token, await deps.workshops.calendarHolders(workshop))) return notFound();
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

  /**
   * GET /api/programmes/:id/calendar.ics?t=…: the plenary part and the sessions this person holds a seat in, one
   * entry each; the organiser's file has the whole programme. Refused as a workshop's link is.
   */
  server.get('/api/programmes/:id/calendar.ics', restify.plugins.queryParser({ mapParams: false }), async (req: Request, res: Response) => {
    const link = await readLink(req, res, deps, (t) => t.programme.outcomes.onbekend);
    if (!link) return;
    const { t, notFound } = link;
    const programme = await deps.programmes.find(link.id);
    if (!programme) return notFound();
    const holder = await programmeHolder(deps, programme, link.token);
    if (!holder) return notFound();
    res.writeHead(200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="bijeenkomst.ics"',
    });
    res.end(calendarFile(programmeEntries(t, programme, holder.seats), new Date()));
  });
}

/**
 * What both calendar links share: counted per address (refused with 429), the id and token read, and one 404 for
 * anything that is not a link someone was given. Undefined when the answer was already sent.
 */
async function readLink(
  req: Request,
  res: Response,
  deps: CalendarRouteDependencies,
  unknown: (t: WorkshopStrings) => string,
): Promise<{ id: string; token: string; t: WorkshopStrings; notFound: () => void } | undefined> {
  const t = workshopStrings[chooseLocale(deps.locale, req.header('accept-language'))];
  const notFound = () => {
    deps.logger.info({ event: 'calendar.refused' }, 'calendar link refused');
    res.json(404, { error: 'not-found', message: unknown(t) });
  };
  const fromAddress = await deps.limits.fromAddress(req);
  if (!fromAddress.allowed) {
    deps.logger.info({ event: 'calendar.limited' }, 'calendar link refused: too many requests');
    answerTooMany(res, t, fromAddress);
    return undefined;
  }
  const params = paramsSchema.safeParse(req.params);
  const query = querySchema.safeParse(req.query ?? {});
  if (!params.success || !query.success) {
    notFound();
    return undefined;
  }
  return { id: params.data.id, token: query.data.t, t, notFound };
}

/** Whose link this is: the organiser (every session) or someone with a seat (their sessions); undefined for anyone else. */
async function programmeHolder(deps: CalendarRouteDependencies, programme: Programme, token: string): Promise<{ seats: Set<string> | 'all' } | undefined> {
  if (programme.organiser.aadObjectId && deps.tokens.calendarMatches(programme.id, token, [programme.organiser])) return { seats: 'all' };
  const holders = await deps.programmes.seatHolders(programme.id);
  const holder = holders.find((h) => deps.tokens.calendarMatches(programme.id, token, [h]));
  return holder && { seats: new Set(holder.sessions) };
}

function programmeEntries(t: WorkshopStrings, p: Programme, seats: Set<string> | 'all') {
  const where = p.location.kind === 'online' ? p.location.url : p.location.text;
  const url = p.location.kind === 'online' ? p.location.url : undefined;
  const common = { sequence: p.version - 1, location: where, url, cancelled: p.status === 'geannuleerd', description: t.programme.calendarFooter };
  const plenary = p.plenary
    ? [{ ...common, uid: `${p.id}-plenair@sociaal-veilig`, startsAt: p.plenary.startsAt, endsAt: p.plenary.endsAt, summary: format(t.programme.calendarPlenary, { title: p.title, plenary: p.plenary.title }) }]
    : [];
  const sessions = p.rounds.flatMap((r) =>
    r.sessions
      .filter((s) => seats === 'all' || seats.has(s.id))
      .map((s) => ({
        ...common,
        uid: `${s.id}@sociaal-veilig`,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        summary: format(t.programme.calendarSummary, { title: p.title, session: s.title }),
        location: s.room ? `${where} (${t.programme.roomPrefix} ${s.room})` : where,
      })),
  );
  return [...plenary, ...sessions];
}
