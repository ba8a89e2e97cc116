import { type CounsellorStore, deskRoutes, type SignalDesk, staffRoutes } from '../features/desk';
import { type InsightsService, insightsRoutes, type NetworkCoordinatorStore, type NetworkFiguresService } from '../features/insights';
import { kaartRoutes, type SocialeKaartRepository } from '../features/kaart';
import { type FacilitatorStore, type PoolStore, poolRoutes } from '../features/pool';
import type { WorkshopService } from '../features/workshops';
import { type MaterialStore, materialRoutes } from '../features/materials';
import { type ApiRoute, route } from '../platform/http/router';

export interface ApiRouteDependencies {
  kaart: SocialeKaartRepository;
  desk: SignalDesk;
  staff: CounsellorStore;
  facilitators: FacilitatorStore;
  pool: PoolStore;
  insights: InsightsService;
  network: NetworkFiguresService;
  networkCoordinators: NetworkCoordinatorStore;
  workshops: WorkshopService;
  materials: MaterialStore;
  clock?: () => Date;
}

/** The routes of the tab API: each feature's, and who is asking. */
export function apiRoutes(deps: ApiRouteDependencies): ReadonlyArray<ApiRoute<any, any, any>> {
  const now = () => (deps.clock ?? (() => new Date()))();
  return [
    ...poolRoutes(deps.facilitators, deps.pool, deps.workshops, now),
    ...kaartRoutes(deps.kaart, deps.workshops),
    ...insightsRoutes(deps.insights, deps.network, deps.networkCoordinators, now),
    ...deskRoutes(deps.desk),
    ...materialRoutes(deps.materials, (workshopId, aad) => deps.workshops.isFacilitator(workshopId, aad)),
    ...staffRoutes(deps.staff, deps.desk),
    route({
      method: 'get',
      path: '/api/me',
      roles: [],
      handle: async ({ principal }) => ({ body: { roles: principal.roles } }),
    }),
  ];
}
