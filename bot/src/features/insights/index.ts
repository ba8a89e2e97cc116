/** What the insights feature offers the wiring and the other features; the rest of its folder is its own. */
export { insightsRoutes } from './api-routes';
export { InsightsService } from './insights-service';
export { DatabaseInsightsStore } from './insights-store';
export { NetworkAdvice } from './network-advice';
export { NetworkAdviceDeliverer } from './network-advice-deliverer';
export { NetworkCoordinatorStore, seedNetworkCoordinators } from './network-coordinator-store';
export { NetworkFiguresService } from './network-figures';
export { DatabaseNetworkStore } from './network-store';
export { SUPPRESS_BELOW } from './suppression';
export { insightsStrings } from './strings';
