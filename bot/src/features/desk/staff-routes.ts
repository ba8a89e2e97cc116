import { z } from 'zod';
import { type ApiRoute, invalidFields, refusal, route } from '../../platform/http/router';
import { counsellorSchema, inboxHandOnSchema } from '../../shared/api/counsellors';
import { organisationSchema } from '../../shared/signal-vocabulary';
import type { CounsellorStore } from './counsellor-store';
import type { SignalDesk } from './signal-desk';
import { deskStrings } from './strings';

const personParam = z.object({ aadObjectId: z.string().uuid() });

/**
 * The routes of the tab API by which the coordinator keeps who reads which inbox (today only seed files could), and
 * hands on the signals of an inbox whose counsellor left. The coordinator never reads a signal here.
 */
export function staffRoutes(staff: CounsellorStore, desk: SignalDesk): ReadonlyArray<ApiRoute<any, any, any>> {
  return [
    route({
      method: 'get',
      path: '/api/counsellors',
      roles: ['coordinator'],
      handle: async () => ({ body: { counsellors: await staff.list(), unstaffed: await staff.unstaffed() } }),
    }),

    route({
      method: 'put',
      path: '/api/counsellors/:aadObjectId',
      roles: ['coordinator'],
      params: personParam,
      body: counsellorSchema,
      handle: async ({ principal, params, body, t }) => {
        // Nobody puts themselves at an inbox: the one who keeps the list is not one who reads it.
        if (body.aadObjectId !== params.aadObjectId || body.aadObjectId === principal.aadObjectId) return refusal(400, t);
        if ((await staff.save(body, principal.aadObjectId)) === 'unknown-organisation') {
          return { status: 400, body: invalidFields(t, [{ path: 'organisation', reason: t.fieldReasons.choice }]) };
        }
        return { body: { counsellor: body } };
      },
    }),

    route({
      method: 'del',
      path: '/api/counsellors/:aadObjectId',
      roles: ['coordinator'],
      params: personParam,
      query: z.object({ organisation: organisationSchema }).strict(),
      handle: async ({ principal, params, query, t }) =>
        (await staff.remove(params.aadObjectId as string, query.organisation, principal.aadObjectId)) ? { body: { removed: true } } : refusal(404, t),
    }),

    route({
      method: 'post',
      path: '/api/inboxes/hand-on',
      roles: ['coordinator'],
      body: inboxHandOnSchema,
      handle: async ({ principal, body, locale }) => {
        const moved = await desk.handOnInbox(body.organisation, body.from, body.to, principal.aadObjectId);
        if (moved === 'not-allowed') return { status: 409, body: { error: 'not-allowed', message: deskStrings[locale].handover.notUnstaffed } };
        // Whether any went, not how many: the coordinator sees no count of open signals.
        return { body: { handedOn: moved > 0 } };
      },
    }),
  ];
}
