import { type Category, ORGANISATION_ROLES, type Organisation, type ReferralRole, RIJK, type Urgency, type Wish } from '../signals/vocabulary';
import type { Referral, RoutingRule } from './referral';

/** How many places the advice names: one or two, so the person is not sent into a forest again. */
export const MAX_PLACES = 2;

export interface RoutingAdvice {
  urgency: Urgency;
  /** The role whose inbox receives the signal when the person wants a conversation. */
  inboxRole: ReferralRole;
  /** False when no place of the organisation's own can take the signal (then nobody is waiting for it). */
  hasInbox: boolean;
  places: Referral[];
}

export class RoutingError extends Error {}

/** The rule for this concern: the exact category × wish rule, else the category's rule for any wish. */
export function ruleFor(rules: readonly RoutingRule[], category: Category, wish: Wish): RoutingRule {
  const rule = rules.find((r) => r.category === category && r.wish === wish) ?? rules.find((r) => r.category === category && r.wish === '*');
  if (!rule) throw new RoutingError(`no routing rule for category ${category}`);
  return rule;
}

/** The place for a role: the organisation's own, else the Rijk-wide one. */
export function placeFor(directory: readonly Referral[], organisation: Organisation, role: ReferralRole): Referral | undefined {
  return (
    directory.find((r) => r.organisation === organisation && r.role === role) ??
    directory.find((r) => r.organisation === RIJK && r.role === role)
  );
}

/** The sociaal loket: names the one or two right places for this concern in this organisation. */
export function route(
  concern: { category: Category; wish: Wish; organisation: Organisation },
  rules: readonly RoutingRule[],
  directory: readonly Referral[],
): RoutingAdvice {
  const rule = ruleFor(rules, concern.category, concern.wish);
  const places = rule.roles
    .map((role) => placeFor(directory, concern.organisation, role))
    .filter((p): p is Referral => p !== undefined)
    .slice(0, MAX_PLACES);
  if (places.length === 0) throw new RoutingError(`no place in the directory for ${rule.roles.join(', ')}`);
  // The inbox is the first place the organisation staffs itself: a public service or a Rijk-wide
  // fallback has no handler here to read it.
  const inbox = places.find((p) => p.organisation === concern.organisation && (ORGANISATION_ROLES as readonly string[]).includes(p.role));
  return { urgency: rule.urgency, inboxRole: (inbox ?? places[0]!).role, hasInbox: inbox !== undefined, places };
}

/** Acute danger comes before everything: 112, 113 and the organisation's own emergency contact. */
export function emergencyPlaces(directory: readonly Referral[], organisation: Organisation | undefined): Referral[] {
  const roles: ReferralRole[] = ['alarmnummer-112', 'zelfmoordpreventie-113'];
  const general = roles.map((role) => directory.find((r) => r.organisation === RIJK && r.role === role));
  const own = organisation
    ? [directory.find((r) => r.organisation === organisation && r.role === 'noodcontact')]
    : directory.filter((r) => r.role === 'noodcontact');
  return [...general, ...own].filter((p): p is Referral => p !== undefined);
}

/** Met iemand praten: every place for a topic in this organisation, own first, then Rijk-wide. */
export function placesForTopic(
  directory: readonly Referral[],
  rules: readonly RoutingRule[],
  topic: Category,
  organisation: Organisation,
): Referral[] {
  const roles = [...new Set(rules.filter((r) => r.category === topic).flatMap((r) => r.roles))];
  return roles.map((role) => placeFor(directory, organisation, role)).filter((p): p is Referral => p !== undefined);
}
