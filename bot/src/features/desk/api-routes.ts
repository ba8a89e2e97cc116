import { z } from 'zod';
import type { AppStrings } from '../../platform/i18n/locale';
import { type ApiRoute, refusal, route, uuidParam } from '../../platform/http/router';
import { messageTextSchema, signalStrings } from '../signals';
import { handoverReasonSchema, outcomeSchema, referralRoleSchema, referRoleSchema } from '../../shared/signal-vocabulary';
import { deskStrings } from './strings';
import type { DeskAccess, SignalDesk } from './signal-desk';

/** The routes of the tab API for a counsellor's inbox, each with the roles it needs. */
export function deskRoutes(desk: SignalDesk): ReadonlyArray<ApiRoute<any, any, any>> {
  /** A refused or missing signal: 403 for another's inbox, 404 for none; the same words for every caller. */
  const deskReply = <T>(access: DeskAccess<T>, t: AppStrings, ok: (value: T) => unknown) =>
    access.outcome === 'ok' ? { body: ok(access.value) } : refusal(access.outcome === 'forbidden' ? 403 : 404, t);
  return [
    route({
      method: 'get',
      path: '/api/signals',
      roles: ['counsellor'],
      handle: async ({ principal }) => {
        const { open, closed } = await desk.inbox(principal.aadObjectId);
        return { body: { signals: open, closed } };
      },
    }),

    route({
      method: 'get',
      path: '/api/signals/:id',
      roles: ['counsellor'],
      params: uuidParam('id'),
      handle: async ({ principal, params, t }) => deskReply(await desk.open(params.id as string, principal.aadObjectId), t, (signal) => ({ signal })),
    }),

    route({
      method: 'post',
      path: '/api/signals/:id/answer',
      roles: ['counsellor'],
      params: uuidParam('id'),
      body: z.object({ text: messageTextSchema }).strict(),
      handle: async ({ principal, params, body, locale, t }) => {
        const access = await desk.answer(params.id as string, principal.aadObjectId, body.text);
        if (access.outcome === 'ok' && access.value === 'closed') return { status: 409, body: { error: 'closed', message: signalStrings[locale].followUp.closed } };
        if (access.outcome === 'ok' && access.value === 'not-wanted') return { status: 409, body: { error: 'not-wanted', message: signalStrings[locale].followUp.answerNotWanted } };
        if (access.outcome === 'ok' && access.value === 'moved') return { status: 409, body: { error: 'moved', message: deskStrings[locale].handover.movedMeanwhile } };
        if (access.outcome === 'ok' && access.value === 'at-loket') return { status: 409, body: { error: 'at-loket', message: deskStrings[locale].handover.atLoket } };
        return deskReply(access, t, (outcome) => ({ outcome }));
      },
    }),

    route({
      method: 'post',
      path: '/api/signals/:id/status',
      roles: ['counsellor'],
      params: uuidParam('id'),
      // Closing says how it ended (counted in the figures); taking on or reopening says nothing more.
      body: z.discriminatedUnion('status', [
        z.object({ status: z.literal('in-behandeling') }).strict(),
        z.object({ status: z.literal('gesloten'), outcome: outcomeSchema }).strict(),
      ]),
      handle: async ({ principal, params, body, locale, t }) => {
        const access = await desk.setStatus(params.id as string, principal.aadObjectId, body);
        if (access.outcome === 'ok' && access.value === 'at-loket') return { status: 409, body: { error: 'at-loket', message: deskStrings[locale].handover.atLoket } };
        return deskReply(access, t, (status) => ({ status }));
      },
    }),

    route({
      method: 'post',
      path: '/api/signals/:id/handover',
      roles: ['counsellor'],
      params: uuidParam('id'),
      body: z.object({ to: referralRoleSchema, reason: handoverReasonSchema }).strict(),
      handle: async ({ principal, params, body, locale, t }) => {
        const access = await desk.handOver(params.id as string, principal.aadObjectId, body);
        // Closed or moved meanwhile, or a desk nobody staffs: said plainly, and nothing changed.
        if (access.outcome === 'ok' && access.value === 'not-here') return { status: 409, body: { error: 'not-here', message: deskStrings[locale].handover.notHere } };
        return deskReply(access, t, () => ({ outcome: 'handed-over' }));
      },
    }),

    route({
      method: 'post',
      path: '/api/signals/:id/refer',
      roles: ['counsellor'],
      params: uuidParam('id'),
      body: z.object({ to: referRoleSchema }).strict(),
      handle: async ({ principal, params, body, locale, t }) => {
        const access = await desk.refer(params.id as string, principal.aadObjectId, body.to);
        if (access.outcome === 'ok' && access.value === 'not-here') return { status: 409, body: { error: 'not-here', message: deskStrings[locale].handover.notOpen } };
        return deskReply(access, t, () => ({ outcome: 'referred' }));
      },
    }),
  ];
}
