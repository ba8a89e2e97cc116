import { z } from 'zod';
import { type ApiRoute, refusal, route, uuidParam } from '../../platform/http/router';
import { type WorkshopService, workshopStrings } from '../workshops';
import type { FacilitatorStore, PoolStore } from './facilitator-store';

const instant = z.string().datetime({ offset: true }).transform((v) => new Date(v));
/** The longest availability period one entry may hold: a year. */
const MAX_PERIOD_MS = 366 * 24 * 60 * 60 * 1000;

/** The routes of the tab API for the pool (the coordinator) and a facilitator's planning, each with the roles it needs. */
export function poolRoutes(facilitators: FacilitatorStore, pool: PoolStore, workshops: WorkshopService, now: () => Date): ReadonlyArray<ApiRoute<any, any, any>> {
  const me = async (aadObjectId: string) => facilitators.byAad(aadObjectId);
  return [
    route({
      method: 'get',
      path: '/api/pool',
      roles: ['coordinator'],
      handle: async () => ({ body: { facilitators: await pool.pool(now()) } }),
    }),

    route({
      method: 'post',
      path: '/api/pool/:id',
      roles: ['coordinator'],
      params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/) }),
      body: z.object({ active: z.boolean() }).strict(),
      handle: async ({ params, body, t }) =>
        (await pool.setActive(params.id as string, body.active))
          ? { body: { id: params.id, active: body.active } }
          : refusal(404, t),
    }),

    route({
      method: 'get',
      path: '/api/workshops',
      roles: ['coordinator'],
      handle: async ({ principal }) => ({ body: { workshops: await pool.workshops(now(), principal.aadObjectId) } }),
    }),

    route({
      method: 'get',
      path: '/api/planning',
      roles: ['facilitator'],
      handle: async ({ principal, t }) => {
        const facilitator = await me(principal.aadObjectId);
        if (!facilitator) return refusal(404, t);
        return { body: await facilitators.planning(facilitator, now()) };
      },
    }),

    route({
      method: 'post',
      path: '/api/planning/requests/:workshopId',
      roles: ['facilitator'],
      params: uuidParam('workshopId'),
      body: z.object({ answer: z.enum(['accept', 'decline']) }).strict(),
      handle: async ({ principal, params, body, locale, t }) => {
        const facilitator = await me(principal.aadObjectId);
        if (!facilitator) return refusal(404, t);
        // The same action as the accept/decline card in Teams: both stay in step.
        const result = await workshops.answerRequest(params.workshopId as string, facilitator.id, body.answer);
        const answer = { outcome: result.outcome, message: workshopStrings[locale].workshop.answers[result.outcome] };
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
        return { body: { workshops: await facilitators.participants(facilitator, now()) } };
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
        const id = await facilitators.addAvailability(facilitator.id, body.startsAt, body.endsAt);
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
        const removed = facilitator ? await facilitators.removeAvailability(facilitator.id, params.id as string) : false;
        return removed ? { status: 204, body: null } : refusal(404, t);
      },
    }),
  ];
}
