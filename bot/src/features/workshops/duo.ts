import type { Experience, WorkshopLanguage } from '../../shared/workshop-vocabulary';

/** A facilitator as the duo proposal sees them. */
export interface Candidate {
  id: string;
  organisation: string;
  experience: Experience;
  /** Languages they facilitate in. */
  languages: readonly WorkshopLanguage[];
  active: boolean;
  /** Periods they said they are available. */
  availability: readonly { startsAt: Date; endsAt: Date }[];
  /** Workshops they hold (asked or accepted) that overlap a given time are passed in as `busy`. */
  busy: readonly { startsAt: Date; endsAt: Date }[];
  /** Workshops they facilitated or will facilitate in the last 90 days: fewer comes first. */
  recentWorkshops: number;
}

export interface DuoRequest {
  startsAt: Date;
  endsAt: Date;
  language: WorkshopLanguage;
  /** The organisation of the team that asks; preferably neither facilitator comes from it. */
  teamOrganisation?: string;
  /** Facilitators already asked for this workshop (declined, expired), never asked again. */
  exclude?: readonly string[];
}

/**
 * Proposes a facilitator duo (PRODUCT.md §3, seed 001). Hard rules: both active, speaking the workshop's
 * language, available for the whole workshop and not busy then; together they bring line and facilitation experience; not both from one
 * organisation. Preferences, in order: neither from the team's own organisation, the fewest recent
 * workshops together, the most even load, and then the id, so the same pool always gives the same duo.
 */
export function proposeDuo<C extends Candidate>(pool: readonly C[], request: DuoRequest): [C, C] | undefined {
  const eligible = eligibleFor(pool, request);
  let best: { pair: [C, C]; score: number[] } | undefined;
  for (let i = 0; i < eligible.length; i++) {
    for (let j = i + 1; j < eligible.length; j++) {
      const pair: [C, C] = [eligible[i]!, eligible[j]!];
      if (!fitsTogether(pair[0], pair[1])) continue;
      const score = pairScore(pair, request);
      if (!best || compareScores(score, best.score) < 0) best = { pair, score };
    }
  }
  return best?.pair;
}

/**
 * The next facilitator beside one who stays (after a decline or no answer): the same rules and
 * preferences, with the partner fixed.
 */
export function proposePartner<C extends Candidate>(pool: readonly C[], partner: Candidate, request: DuoRequest): C | undefined {
  const exclude = [...(request.exclude ?? []), partner.id];
  const options = eligibleFor(pool, { ...request, exclude }).filter((c) => fitsTogether(partner, c));
  options.sort((a, b) => compareScores(pairScore([partner, a], request), pairScore([partner, b], request)));
  return options[0];
}

function eligibleFor<C extends Candidate>(pool: readonly C[], request: DuoRequest): C[] {
  const excluded = new Set(request.exclude ?? []);
  return [...pool]
    .filter((c) => c.active && !excluded.has(c.id) && c.languages.includes(request.language))
    .filter((c) => c.availability.some((p) => p.startsAt <= request.startsAt && p.endsAt >= request.endsAt))
    .filter((c) => !c.busy.some((b) => b.startsAt < request.endsAt && b.endsAt > request.startsAt))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Line and facilitation experience between them, from two organisations. */
export function fitsTogether(a: Candidate, b: Candidate): boolean {
  const kinds = new Set([a.experience, b.experience]);
  const mixed = kinds.has('beide') || (kinds.has('lijn') && kinds.has('begeleiding'));
  return mixed && a.organisation !== b.organisation;
}

function pairScore([a, b]: readonly [Candidate, Candidate], request: DuoRequest): number[] {
  const fromTeam = [a, b].filter((c) => request.teamOrganisation !== undefined && c.organisation === request.teamOrganisation).length;
  return [fromTeam, a.recentWorkshops + b.recentWorkshops, Math.max(a.recentWorkshops, b.recentWorkshops)];
}

/** Lower is better; equal scores keep the order of the id-sorted pool. */
function compareScores(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
