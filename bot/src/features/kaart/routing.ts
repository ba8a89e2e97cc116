import {
  type Category,
  EMERGENCY_ROLES,
  LOKET,
  ORGANISATION_ROLES,
  type Organisation,
  type ReferralRole,
  RIJK,
  type Urgency,
  type Wish,
} from '../../shared/signal-vocabulary';
import type { Referral, RoutingRule } from '../../shared/api/kaart';

/** "Met iemand praten" shows this many places at first; the others stay behind a "meer" button. */
export const FIRST_PLACES = 2;

/** An inbox someone reads: an organisation's place with at least one active counsellor behind it. */
export interface StaffedInbox {
  organisation: Organisation;
  role: ReferralRole;
}

export interface RoutingAdvice {
  urgency: Urgency;
  /** The role whose inbox receives the signal: the first place of the rule that a counsellor staffs. */
  inboxRole: ReferralRole;
  /** False when nobody staffs any place of the rule: then no signal waits in an inbox, the advice is all. */
  hasInbox: boolean;
  places: Referral[];
}

export class RoutingError extends Error {}

/** The places that may read a signal and do nothing with it: the vertrouwenspersonen. */
const CONFIDENTIAL_READERS: readonly ReferralRole[] = ['vertrouwenspersoon-ongewenst-gedrag', 'vertrouwenspersoon-integriteit', 'vertrouwenspersoon-extern'];

/**
 * The rule for this concern: the exact category × wish rule, else the category's rule for any wish. "Laten lezen"
 * without a rule of its own goes where "een gesprek" would: the desk that would talk is the one that reads.
 */
export function ruleFor(rules: readonly RoutingRule[], category: Category, wish: Wish): RoutingRule {
  const exact = (w: RoutingRule['wish']) => rules.find((r) => r.category === category && r.wish === w);
  const rule = exact(wish) ?? (wish === 'laten-lezen' ? exact('gesprek') : undefined) ?? exact('*');
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

/** Whether a counsellor of this organisation reads the inbox of this place (a Rijk-wide place has none here). */
export function isStaffed(staffed: readonly StaffedInbox[], organisation: Organisation, place: Referral): boolean {
  return (
    place.organisation === organisation &&
    (ORGANISATION_ROLES as readonly string[]).includes(place.role) &&
    staffed.some((s) => s.organisation === organisation && s.role === place.role)
  );
}

const isEmergency = (place: Referral) => (EMERGENCY_ROLES as readonly string[]).includes(place.role);

/** The places a rule names for an organisation, in its order; roles without a place in the kaart are skipped. */
function placesOf(rule: RoutingRule, directory: readonly Referral[], organisation: Organisation): Referral[] {
  return rule.roles.map((role) => placeFor(directory, organisation, role)).filter((p): p is Referral => p !== undefined);
}

/**
 * The sociaal loket: names the right places for this concern in this organisation, every one the rule names.
 * The signal goes to the first place a counsellor staffs; with none, nobody is waiting for it and the
 * advice says so. An urgent concern always shows a place for acute need: the organisation's emergency desk
 * is added when the rule names none.
 */
export function route(
  concern: { category: Category; wish: Wish; organisation: Organisation },
  rules: readonly RoutingRule[],
  directory: readonly Referral[],
  staffed: readonly StaffedInbox[],
): RoutingAdvice {
  const rule = ruleFor(rules, concern.category, concern.wish);
  const places = placesOf(rule, directory, concern.organisation);
  if (places.length === 0) throw new RoutingError(`no place in the directory for ${rule.roles.join(', ')}`);
  if (rule.urgency !== 'normaal' && !places.some(isEmergency)) {
    const desk = placeFor(directory, concern.organisation, 'noodcontact');
    if (desk) places.push(desk);
  }
  // "Laten lezen" promises that a vertrouwenspersoon reads it: no desk that may act on it (an integrity desk records
  // and may investigate), so only a vertrouwenspersoon's inbox takes it, or none does.
  const readers = concern.wish === 'laten-lezen' ? places.filter((p) => CONFIDENTIAL_READERS.includes(p.role)) : places;
  const inbox = readers.find((p) => isStaffed(staffed, concern.organisation, p));
  if (inbox && viaLoket(concern, rule.urgency, staffed)) return { urgency: rule.urgency, inboxRole: LOKET, hasInbox: true, places };
  return { urgency: rule.urgency, inboxRole: (inbox ?? places[0]!).role, hasInbox: inbox !== undefined, places };
}

/**
 * An organisation with a sociaal loket someone staffs gets a wish for a conversation there first, to be brought where
 * it fits (the loket sees the topic, not the text), when a desk that reads is staffed too (else it would wait there
 * for ever). Not "laten lezen" (a vertrouwenspersoon reads it, as promised), not an urgent concern (no desk in
 * between), and not a misstand (its receipt must be confirmed within 7 days, by someone who reads it).
 */
function viaLoket(concern: { category: Category; wish: Wish; organisation: Organisation }, urgency: Urgency, staffed: readonly StaffedInbox[]): boolean {
  return (
    concern.wish !== 'laten-lezen' &&
    urgency !== 'direct' &&
    concern.category !== 'misstand' &&
    staffed.some((s) => s.organisation === concern.organisation && s.role === LOKET)
  );
}

/** Acute danger: 112, 113 and the person's own organisation's emergency desk; no desk of another organisation. */
export function emergencyPlaces(directory: readonly Referral[], organisation: Organisation | undefined): Referral[] {
  const general = (['alarmnummer-112', 'zelfmoordpreventie-113'] as const).map((role) => directory.find((r) => r.organisation === RIJK && r.role === role));
  const own = organisation ? directory.find((r) => r.organisation === organisation && r.role === 'noodcontact') : undefined;
  return [...general, own].filter((p): p is Referral => p !== undefined);
}

/**
 * Met iemand praten: the places for a topic in this organisation, each once. Those for "een gesprek" come
 * first (the card shows the first two), then the topic's other places.
 */
export function placesForTopic(
  directory: readonly Referral[],
  rules: readonly RoutingRule[],
  topic: Category,
  organisation: Organisation,
): Referral[] {
  const talk = rules.some((r) => r.category === topic) ? ruleFor(rules, topic, 'gesprek').roles : [];
  const roles = [...new Set([...talk, ...rules.filter((r) => r.category === topic).flatMap((r) => r.roles)])];
  return roles.map((role) => placeFor(directory, organisation, role)).filter((p): p is Referral => p !== undefined);
}

/** A rule that, in one organisation, names no place a counsellor staffs: its signals reach no inbox. */
export interface UnstaffedRule {
  organisation: Organisation;
  category: Category;
  wish: RoutingRule['wish'];
}

/** Every rule, per organisation, whose places nobody staffs (for the start-up warning and its test). */
export function unstaffedRules(
  rules: readonly RoutingRule[],
  directory: readonly Referral[],
  staffed: readonly StaffedInbox[],
  organisations: readonly Organisation[],
): UnstaffedRule[] {
  return organisations.flatMap((organisation) =>
    rules
      .filter((rule) => !placesOf(rule, directory, organisation).some((p) => isStaffed(staffed, organisation, p)))
      .map((rule) => ({ organisation, category: rule.category, wish: rule.wish })),
  );
}
