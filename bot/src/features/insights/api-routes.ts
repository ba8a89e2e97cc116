import { type ApiRoute, route } from '../../platform/http/router';
import type { InsightsService } from './insights-service';

/** The route of the tab API for Inzicht (the coordinator). */
export function insightsRoutes(insights: InsightsService, now: () => Date): ReadonlyArray<ApiRoute<any, any, any>> {
  return [
    route({
      method: 'get',
      path: '/api/insights',
      roles: ['coordinator'],
      handle: async () => ({ body: await insights.insights(now()) }),
    }),
  ];
}
