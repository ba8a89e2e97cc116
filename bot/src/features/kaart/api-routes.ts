import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppStrings } from '../../platform/i18n/locale';
import { type ApiRoute, invalidFields, refusal, route } from '../../platform/http/router';
import { categorySchema, organisationSchema, RIJK } from '../../shared/signal-vocabulary';
import type { WorkshopService } from '../workshops';
import { type Referral, referralSchema, routingRuleSchema } from '../../shared/api/kaart';
import type { SocialeKaartRepository } from './sociale-kaart-repository';

const referralIdParam = z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) });

/** The routes of the tab API for the sociale kaart: its places and rules (the coordinator), searching and sending a place. */
export function kaartRoutes(kaart: SocialeKaartRepository, workshops: WorkshopService): ReadonlyArray<ApiRoute<any, any, any>> {
  /** A place belongs to an organisation in the organisations table, or to the Rijk as a whole: a code of the right shape is not enough. */
  const knownOwner = async (organisation: string) => organisation === RIJK || (await kaart.hasOrganisation(organisation));
  const unknownOwner = (t: AppStrings) => ({ status: 400, body: invalidFields(t, [{ path: 'organisation', reason: t.fieldReasons.choice }]) });
  return [
    route({
      method: 'put',
      path: '/api/referrals/:id',
      roles: ['coordinator'],
      params: referralIdParam,
      body: referralSchema,
      handle: async ({ params, body, t }) => {
        if (body.id !== params.id) return refusal(400, t);
        if (!(await knownOwner(body.organisation))) return unknownOwner(t);
        return (await kaart.updateReferral(body)) ? { body: { referral: body } } : refusal(404, t);
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
          if (await kaart.addReferral(referral)) return { status: 201, body: { referral } };
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
        (await kaart.removeReferral(params.id as string)) ? { body: { id: params.id } } : refusal(404, t),
    }),

    route({
      method: 'get',
      path: '/api/routing-rules',
      roles: ['coordinator'],
      handle: async () => ({ body: { rules: await kaart.routingRules() } }),
    }),

    route({
      method: 'put',
      path: '/api/routing-rules',
      roles: ['coordinator'],
      body: routingRuleSchema,
      handle: async ({ body }) => {
        await kaart.upsertRoutingRule(body);
        return { body: { rule: body } };
      },
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
        const [places, rules] = await Promise.all([kaart.referrals(), kaart.routingRules()]);
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
      method: 'post',
      path: '/api/referrals/:id/send',
      roles: ['facilitator'],
      params: referralIdParam,
      body: z.object({ workshopId: z.string().uuid(), participant: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict(),
      handle: async ({ principal, params, body, t }) => {
        if (!(await kaart.referrals()).some((p) => p.id === params.id)) return refusal(404, t);
        const outcome = await workshops.sendPlace(body.workshopId, principal.aadObjectId, body.participant, params.id as string);
        if (outcome === 'niet-begeleider') return refusal(403, t);
        if (outcome === 'niet-deelnemer') return refusal(404, t);
        return { status: 202, body: { outcome, message: t.api.placeSent } };
      },
    }),
  ];
}
