/**
 * Dialogues in mixed groups (seed 002: counsellors and managers in mixed groups, 80 participants). The organiser names
 * the roles, a group size and the least share of each role in every group ("at least a third"). Seats are given so
 * that, once the session is full, every group can hold that share of every role; at a set time before the start the
 * people with a seat are divided into groups. Pure rules: the store applies them with the session locked.
 */

export interface MixRule {
  /** The roles people choose from, as the organiser named them (2 to 4). */
  roles: readonly string[];
  groupSize: number;
  /** The least share of each role in every group, in percent. */
  minPercent: number;
}

/** How many groups a session of `seats` makes. */
export const groupCount = (seats: number, rule: Pick<MixRule, 'groupSize'>) => Math.ceil(seats / rule.groupSize);

/** The least number of each role a full group needs. */
export const leastPerGroup = (rule: Pick<MixRule, 'groupSize' | 'minPercent'>) => Math.ceil((rule.groupSize * rule.minPercent) / 100);

/** Whether the rule can hold in a full session at all: every group can take the least of every role. */
export function mixPossible(seats: number, rule: MixRule): boolean {
  return rule.roles.length >= 2 && rule.roles.length * groupCount(seats, rule) * leastPerGroup(rule) <= seats && rule.roles.length * leastPerGroup(rule) <= rule.groupSize;
}

/**
 * Whether one more person of `role` may take a seat: there is a seat, and after it the seats still hold, for every
 * other role, the least all groups need of it. So when the session is full, every role has at least what its groups
 * need, and a division into mixed groups exists.
 */
export function mixAdmits(seated: ReadonlyMap<string, number>, role: string, seats: number, rule: MixRule): boolean {
  const total = [...seated.values()].reduce((n, c) => n + c, 0);
  if (total >= seats) return false;
  const needed = groupCount(seats, rule) * leastPerGroup(rule);
  const after = rule.roles.reduce((n, r) => n + Math.max((seated.get(r) ?? 0) + (r === role ? 1 : 0), needed), 0);
  return after <= seats;
}

/** Where a new registration goes: a seat, the waiting list because the session is full, or because of the mix. */
export function mixedPlace(seated: ReadonlyMap<string, number>, role: string, seats: number, rule: MixRule): 'aangemeld' | 'vol' | 'mix' {
  const total = [...seated.values()].reduce((n, c) => n + c, 0);
  if (total >= seats) return 'vol';
  return mixAdmits(seated, role, seats, rule) ? 'aangemeld' : 'mix';
}

/**
 * Who moves up when seats or room in the mix come free: the waiting list in its order, each taken when the mix admits
 * them (someone of a role with room may pass someone whose role has none; nobody passes anyone of their own role).
 */
export function mixedPromoted<T extends { queueOrder: bigint; role: string }>(waiting: readonly T[], seated: ReadonlyMap<string, number>, seats: number, rule: MixRule): T[] {
  const counts = new Map(seated);
  const up: T[] = [];
  for (const w of [...waiting].sort((a, b) => (a.queueOrder < b.queueOrder ? -1 : a.queueOrder > b.queueOrder ? 1 : 0))) {
    if (!mixAdmits(counts, w.role, seats, rule)) continue;
    counts.set(w.role, (counts.get(w.role) ?? 0) + 1);
    up.push(w);
  }
  return up;
}

/**
 * Divides the people with a seat into groups of at most the group size, as even as can be: dealt round by round,
 * role after role, in the order they registered. Every group gets of every role the same number or one more than
 * another group. `short` names the groups (1-based) that miss the least share of a role: only possible when fewer
 * of that role took part than the groups need.
 */
export function divideIntoGroups<T extends { role: string; queueOrder: bigint }>(people: readonly T[], rule: MixRule): { groups: T[][]; short: number[] } {
  if (people.length === 0) return { groups: [], short: [] };
  const k = Math.ceil(people.length / rule.groupSize);
  const rank = (role: string) => {
    const i = rule.roles.indexOf(role);
    return i < 0 ? rule.roles.length : i;
  };
  const dealt = [...people].sort((a, b) => rank(a.role) - rank(b.role) || (a.queueOrder < b.queueOrder ? -1 : a.queueOrder > b.queueOrder ? 1 : 0));
  const groups: T[][] = Array.from({ length: k }, () => []);
  dealt.forEach((p, i) => groups[i % k]!.push(p));
  const short = groups.flatMap((g, i) => (rule.roles.some((r) => g.filter((p) => p.role === r).length < Math.ceil((g.length * rule.minPercent) / 100)) ? [i + 1] : []));
  return { groups, short };
}
