/** What the pool feature offers the wiring and the other features; the rest of its folder is its own. */
export { poolRoutes } from './api-routes';
export { FacilitatorStore, PoolStore } from './facilitator-store';
export { type FacilitatorSeed, facilitatorSeedSchema, seededFacilitators, seedFacilitators } from './seed-facilitators';
