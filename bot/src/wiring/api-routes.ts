import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type Referral, referralSchema, routingRuleSchema, type SocialeKaartRepository } from '../features/kaart';
import { categorySchema, organisationSchema, RIJK } from '../shared/signal-vocabulary';
import type { WorkshopService } from '../features/workshops';
import { messageTextSchema } from '../features/signals';
import type { DeskAccess, SignalDesk } from '../features/desk';
import type { Strings } from '../platform/i18n/locale';
import type { FacilitatorStore, PoolStore } from '../features/pool';
import type { InsightsService } from '../features/insights';
import { apiAnswer } from '../platform/http/error-answers';
import { type ApiRoute, invalidFields, route } from '../platform/http/router';

/** A refusal in the API's shape, `{error, message}`, as every route answers it. */
const refusal = (status: number, t: Strings) => ({ status, body: apiAnswer(status, t) });

export interface ApiRouteDependencies {
  kaart: SocialeKaartRepository;
  desk: SignalDesk;
  facilitators: FacilitatorStore;
  pool: PoolStore;
  insights: InsightsService;
  workshops: WorkshopService;
  clock?: () => Date;
}

const referralIdParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const uuidParam = (name: string) => z.object({ [name]: z.string().uuid() });
const instant = z.string().datetime({ offset: true }).transform((v) => new Date(v));
/** The longest availability period one entry may hold: a year. */
const MAX_PERIOD_MS = 366 * 24 * 60 * 60 * 1000;

/** The routes of the tab API, each with the roles it needs. */
export function apiRoutes(deps: ApiRouteDependencies): ReadonlyArray<ApiRoute<any, any, any>> {
  const now = () => (deps.clock ?? (() => new Date()))();
  const me = async (aadObjectId: string) => deps.facilitators.byAad(aadObjectId);
  /** A place belongs to an organisation in the organisations table, or to the Rijk as a whole: a code of the right shape is not enough. */
  const knownOwner = async (organisation: string) => organisation === RIJK || (await deps.kaart.hasOrganisation(organisation));
  const unknownOwner = (t: Strings) => ({ status: 400, body: invalidFields(t, [{ path: 'organisation', reason: t.fieldReasons.choice }]) });

  /** A refused or missing signal: 403 for another's inbox, 404 for none; the same words for every caller. */
  const deskReply = <T>(access: DeskAccess<T>, t: Strings, ok: (value: T) => unknown) =>
    access.outcome === 'ok' ? { body: ok(access.value) } : refusal(access.outcome === 'forbidden' ? 403 : 404, t);

  return [
    route({
      method: 'get',
      path: '/api/pool',
      roles: ['coordinator'],
      handle: async () => ({ body: { facilitators: await deps.pool.pool(now()) } }),
    }),

    route({
      method: 'post',
      path: '/api/pool/:id',
      roles: ['coordinator'],
      params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/) }),
      body: z.object({ active: z.boolean() }).strict(),
      handle: async ({ params, body, t }) =>
        (await deps.pool.setActive(params.id as string, body.active))
          ? { body: { id: params.id, active: body.active } }
          : refusal(404, t),
    }),

    route({
      method: 'get',
      path: '/api/workshops',
      roles: ['coordinator'],
      handle: async ({ principal }) => ({ body: { workshops: await deps.pool.workshops(now(), principal.aadObjectId) } }),
    }),

    route({
      method: 'put',
      path: '/api/referrals/:id',
      roles: ['coordinator'],
      params: referralIdParam,
      body: referralSchema,
      handle: async ({ params, body, t }) => {
        if (body.id !== params.id) return refusal(400, t);
        if (!(await knownOwner(body.organisation))) return unknownOwner(t);
        return (await deps.kaart.updateReferral(body)) ? { body: { referral: body } } : refusal(404, t);
      },
    }),

    route({
      method: 'post',
      path: '/api/referrals',
      roles: ['coordinator'],
      body: referralSchema.omit({ id: true }).strict(),
      handle: async ({ body, t }) => {
        if (!(await knownOwner(body.organisation))) return unknownOwner(t);
        // The id is the server's: readable for a coordinator who reads the table, unique by its random tail
        // (a tail already taken stores nothing, so another is drawn: success is said only of a stored place).
        for (let attempt = 0; attempt < 3; attempt++) {
          const referral = { id: `${body.organisation}-${body.role}-${randomBytes(3).toString('hex')}`, ...body };
          if (await deps.kaart.addReferral(referral)) return { status: 201, body: { referral } };
        }
        return refusal(500, t);
      },
    }),

    route({
      method: 'del',
      path: '/api/referrals/:id',
      roles: ['coordinator'],
      params: referralIdParam,
      handle: async ({ params, t }) =>
        (await deps.kaart.removeReferral(params.id as string)) ? { body: { id: params.id } } : refusal(404, t),
    }),

    route({
      method: 'get',
      path: '/api/routing-rules',
      roles: ['coordinator'],
      handle: async () => ({ body: { rules: await deps.kaart.routingRules() } }),
    }),

    route({
      method: 'put',
      path: '/api/routing-rules',
      roles: ['coordinator'],
      body: routingRuleSchema,
      handle: async ({ body }) => {
        await deps.kaart.upsertRoutingRule(body);
        return { body: { rule: body } };
      },
    }),

    route({
      method: 'get',
      path: '/api/insights',
      roles: ['coordinator'],
      handle: async () => ({ body: await deps.insights.insights(now()) }),
    }),

    route({
      method: 'get',
      path: '/api/signals',
      roles: ['counsellor'],
      handle: async ({ principal }) => {
        const { open, closed } = await deps.desk.inbox(principal.aadObjectId);
        return { body: { signals: open, closed } };
      },
    }),

    route({
      method: 'get',
      path: '/api/signals/:id',
      roles: ['counsellor'],
      params: uuidParam('id'),
      handle: async ({ principal, params, t }) => deskReply(await deps.desk.open(params.id as string, principal.aadObjectId), t, (signal) => ({ signal })),
    }),

    route({
      method: 'post',
      path: '/api/signals/:id/answer',
      roles: ['counsellor'],
      params: uuidParam('id'),
      body: z.object({ text: messageTextSchema }).strict(),
      handle: async ({ principal, params, body, t }) => {
        const access = await deps.desk.answer(params.id as string, principal.aadObjectId, body.text);
        if (access.outcome === 'ok' && access.value === 'closed') return { status: 409, body: { error: 'closed', message: t.followUp.closed } };
        if (access.outcome === 'ok' && access.value === 'not-wanted') return { status: 409, body: { error: 'not-wanted', message: t.followUp.answerNotWanted } };
        return deskReply(access, t, (outcome) => ({ outcome }));
      },
    }),

    route({
      method: 'post',
      path: '/api/signals/:id/status',
      roles: ['counsellor'],
      params: uuidParam('id'),
      body: z.object({ status: z.enum(['in-behandeling', 'gesloten']) }).strict(),
      handle: async ({ principal, params, body, t }) =>
        deskReply(await deps.desk.setStatus(params.id as string, principal.aadObjectId, body.status), t, (status) => ({ status })),
    }),

    route({
      method: 'get',
      path: '/api/me',
      roles: [],
      handle: async ({ principal }) => ({ body: { roles: principal.roles } }),
    }),

    route({
      method: 'get',
      path: '/api/referrals',
      roles: [],
      query: z.object({
        q: z.string().trim().max(100).optional(),
        topic: categorySchema.optional(),
        organisation: organisationSchema.optional(),
      }),
      handle: async ({ query }) => {
        const [places, rules] = await Promise.all([deps.kaart.referrals(), deps.kaart.routingRules()]);
        const topicRoles = query.topic ? new Set(rules.filter((r) => r.category === query.topic).flatMap((r) => r.roles)) : undefined;
        const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
        const text = (p: Referral) => `${p.name.nl} ${p.name.en} ${p.description.nl} ${p.description.en} ${p.role}`.toLowerCase();
        const found = places
          .filter((p) => !query.organisation || p.organisation === query.organisation || p.organisation === RIJK)
          .filter((p) => !topicRoles || topicRoles.has(p.role))
          .filter((p) => words.every((w) => text(p).includes(w)));
        return { body: { referrals: found } };
      },
    }),

    route({
      method: 'get',
      path: '/api/planning',
      roles: ['facilitator'],
      handle: async ({ principal, t }) => {
        const facilitator = await me(principal.aadObjectId);
        if (!facilitator) return refusal(404, t);
        return { body: await deps.facilitators.planning(facilitator, now()) };
      },
    }),

    route({
      method: 'post',
      path: '/api/planning/requests/:workshopId',
      roles: ['facilitator'],
      params: uuidParam('workshopId'),
      body: z.object({ answer: z.enum(['accept', 'decline']) }).strict(),
      handle: async ({ principal, params, body, t }) => {
        const facilitator = await me(principal.aadObjectId);
        if (!facilitator) return refusal(404, t);
        // The same action as the accept/decline card in Teams: both stay in step.
        const result = await deps.workshops.answerRequest(params.workshopId as string, facilitator.id, body.answer);
        const answer = { outcome: result.outcome, message: t.workshop.answers[result.outcome] };
        // A refusal carries an error code, as every refusal of the API does.
        if (result.outcome === 'onbekend') return { status: 404, body: { error: 'not-found', ...answer } };
        if (result.outcome === 'al-beantwoord') return { status: 409, body: { error: 'answered', ...answer } };
        return { body: answer };
      },
    }),

    route({
      method: 'get',
      path: '/api/planning/participants',
      roles: ['facilitator'],
      handle: async ({ principal, t }) => {
        const facilitator = await me(principal.aadObjectId);
        if (!facilitator) return refusal(404, t);
        return { body: { workshops: await deps.facilitators.participants(facilitator, now()) } };
      },
    }),

    route({
      method: 'post',
      path: '/api/referrals/:id/send',
      roles: ['facilitator'],
      params: referralIdParam,
      body: z.object({ workshopId: z.string().uuid(), participant: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict(),
      handle: async ({ principal, params, body, t }) => {
        if (!(await deps.kaart.referrals()).some((p) => p.id === params.id)) return refusal(404, t);
        const outcome = await deps.workshops.sendPlace(body.workshopId, principal.aadObjectId, body.participant, params.id as string);
        if (outcome === 'niet-begeleider') return refusal(403, t);
        if (outcome === 'niet-deelnemer') return refusal(404, t);
        return { status: 202, body: { outcome, message: t.api.placeSent } };
      },
    }),

    route({
      method: 'post',
      path: '/api/planning/availability',
      roles: ['facilitator'],
      body: z
        .object({ startsAt: instant, endsAt: instant })
        .strict()
        .refine((p) => p.endsAt > p.startsAt && p.endsAt.getTime() - p.startsAt.getTime() <= MAX_PERIOD_MS, {
          message: 'period',
          // Only once both are instants: zod runs a refinement after a failed datetime too, on the untransformed text.
          when: (payload) => payload.issues.length === 0,
        }),
      handle: async ({ principal, body, t }) => {
        const facilitator = await me(principal.aadObjectId);
        if (!facilitator) return refusal(404, t);
        const id = await deps.facilitators.addAvailability(facilitator.id, body.startsAt, body.endsAt);
        return { status: 201, body: { id } };
      },
    }),

    route({
      method: 'del',
      path: '/api/planning/availability/:id',
      roles: ['facilitator'],
      params: uuidParam('id'),
      handle: async ({ principal, params, t }) => {
        const facilitator = await me(principal.aadObjectId);
        const removed = facilitator ? await deps.facilitators.removeAvailability(facilitator.id, params.id as string) : false;
        return removed ? { status: 204, body: null } : refusal(404, t);
      },
    }),
  ];
}
