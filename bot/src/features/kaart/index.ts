/** What the kaart feature offers the wiring and the other features; the rest of its folder is its own. */
export { kaartRoutes } from './api-routes';
export { dangerPlaceElement, placeElement } from './place-element';
export { type OrganisationEntry, type Referral, type RoutingRule, type SocialeKaart, socialeKaartSchema } from '../../shared/api/kaart';
export { emergencyPlaces, FIRST_PLACES, placeFor, placesForTopic, route, type RoutingAdvice, type StaffedInbox } from './routing';
export { seededSocialeKaart, seedSocialeKaart } from './seed-sociale-kaart';
export { SocialeKaartRepository } from './sociale-kaart-repository';
export { warnUnstaffedInboxes } from './unstaffed-warning';
export { kaartStrings, type KaartStrings } from './strings';
