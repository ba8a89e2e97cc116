import { z } from 'zod';
import { type ApiRoute, invalidFields, refusal, route } from '../../platform/http/router';
import type { Principal } from '../../platform/http/principal';
import { networkCoordinatorSchema } from '../../shared/api/network';
import { organisationSchema } from '../../shared/signal-vocabulary';
import type { InsightsService } from './insights-service';
import type { NetworkCoordinatorStore } from './network-coordinator-store';
import { ALL, type Asker, type NetworkFiguresService } from './network-figures';
import { insightsStrings } from './strings';

const scopeQuery = z.object({ scope: z.union([organisationSchema, z.literal(ALL)]).optional() }).strict();
const yearQuery = scopeQuery.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
const personParam = z.object({ aadObjectId: z.string().uuid() });

const askerOf = (p: Principal): Asker => ({ aadObjectId: p.aadObjectId, coordinator: p.roles.includes('coordinator') });

/** The routes of the tab API for Inzicht (the coordinator) and the network figures (the coordinator and network coordinators). */
export function insightsRoutes(insights: InsightsService, network: NetworkFiguresService, people: NetworkCoordinatorStore, now: () => Date): ReadonlyArray<ApiRoute<any, any, any>> {
  return [
    route({
      method: 'get',
      path: '/api/insights',
      roles: ['coordinator'],
      handle: async () => ({ body: await insights.insights(now()) }),
    }),

    route({
      method: 'get',
      path: '/api/network/figures',
      roles: ['coordinator', 'network'],
      query: scopeQuery,
      handle: async ({ principal, query, locale }) => {
        const figures = await network.figures(askerOf(principal), query.scope, now());
        return figures ? { body: figures } : { status: 403, body: { error: 'forbidden', message: insightsStrings[locale].network.noScope } };
      },
    }),

    route({
      method: 'get',
      path: '/api/network/year-report',
      roles: ['coordinator', 'network'],
      query: yearQuery,
      handle: async ({ principal, query, locale }) => {
        const report = await network.yearReport(askerOf(principal), query.scope, query.year, now());
        if (report === 'not-closed') return { status: 409, body: { error: 'not-closed', message: insightsStrings[locale].network.yearOpen } };
        return report ? { body: report } : { status: 403, body: { error: 'forbidden', message: insightsStrings[locale].network.noScope } };
      },
    }),

    route({
      method: 'get',
      path: '/api/network-coordinators',
      roles: ['coordinator'],
      handle: async () => ({ body: { networkCoordinators: await people.list() } }),
    }),

    route({
      method: 'put',
      path: '/api/network-coordinators/:aadObjectId',
      roles: ['coordinator'],
      params: personParam,
      body: networkCoordinatorSchema,
      handle: async ({ principal, params, body, t }) => {
        if (body.aadObjectId !== params.aadObjectId) return refusal(400, t);
        if ((await people.save(body, principal.aadObjectId)) === 'unknown-organisation') {
          return { status: 400, body: invalidFields(t, [{ path: 'organisation', reason: t.fieldReasons.choice }]) };
        }
        return { body: { networkCoordinator: body } };
      },
    }),

    route({
      method: 'del',
      path: '/api/network-coordinators/:aadObjectId',
      roles: ['coordinator'],
      params: personParam,
      query: z.object({ organisation: organisationSchema }).strict(),
      handle: async ({ principal, params, query, t }) =>
        (await people.remove(params.aadObjectId as string, query.organisation, principal.aadObjectId)) ? { body: { removed: true } } : refusal(404, t),
    }),
  ];
}
