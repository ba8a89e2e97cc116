/** What the materials feature offers the wiring and the other features; the rest of its folder is its own. */
export { materialRoutes } from './api-routes';
export { MaterialStore } from './material-store';
