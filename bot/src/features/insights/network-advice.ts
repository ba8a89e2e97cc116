import type { SuppressedTable } from '../../shared/api/insights';
import { CATEGORIES } from '../../shared/signal-vocabulary';
import { categoryCounts, scopeOrganisations } from './network-figures';
import type { OrganisationPart } from './network-store';
import { type Period, settledQuarters, type Settling } from './periods';
import { SUPPRESS_BELOW } from './suppression';

/** A rise in one scope and topic from one closed quarter to the next: published counts only. */
export interface Rise {
  quarter: string;
  previousQuarter: string;
  scope: string;
  category: string;
  before: number;
  now: number;
}

/**
 * Seed 003: a network wants to hear of a rise before it reads the year report. A rise is a topic whose count for an
 * organisation (with its parts) in the newest closed quarter is at least `factor` times the quarter before's, both
 * shown by Inzicht and both at least 5: a held-back or small count never starts advice.
 */
export function risesOf(
  latest: { key: string; table: SuppressedTable },
  previous: { key: string; table: SuppressedTable },
  organisations: OrganisationPart[],
  factor: number,
): Rise[] {
  return organisations.flatMap(({ code: scope }) => {
    const counted = scopeOrganisations(scope, organisations);
    const now = categoryCounts(latest.table, counted);
    const before = categoryCounts(previous.table, counted);
    return CATEGORIES.flatMap((category) => {
      const n = now[category];
      const b = before[category];
      if (typeof n !== 'number' || typeof b !== 'number' || n < SUPPRESS_BELOW || b < SUPPRESS_BELOW || n < factor * b) return [];
      return [{ quarter: latest.key, previousQuarter: previous.key, scope, category, before: b, now: n }];
    });
  });
}

export interface NetworkAdviceStore {
  organisations(): Promise<OrganisationPart[]>;
  /**
   * Queues the advice for every network coordinator kept for the scope (and, with `whole`, for the whole it is part
   * of), once per quarter, scope and topic: false when it was queued before. The mark and the messages are one
   * transaction.
   */
  advise(rise: Rise, whole: boolean): Promise<boolean>;
}

/** Runs hourly after the snapshots: the newest closed quarter against the one before, each rise told once. */
export class NetworkAdvice {
  constructor(
    private readonly store: NetworkAdviceStore,
    private readonly published: (quarter: Period) => Promise<{ signalsByOrganisation: SuppressedTable }>,
    private readonly settling: Settling,
    private readonly factor: number,
  ) {}

  async run(now: Date): Promise<number> {
    const [previous, latest] = settledQuarters(now, this.settling, 2);
    const table = async (q: Period) => ({ key: q.key, table: (await this.published(q)).signalsByOrganisation });
    const organisations = await this.store.organisations();
    const rises = risesOf(await table(latest!), await table(previous!), organisations, this.factor);
    const rose = (scope: string | null | undefined, category: string) => rises.some((r) => r.scope === scope && r.category === category);
    let queued = 0;
    for (const rise of rises) {
      // A part's rise goes to the whole's coordinators too, unless the whole rose in that topic: its card says it.
      const whole = organisations.find((o) => o.code === rise.scope)?.partOf;
      if (await this.store.advise(rise, !rose(whole, rise.category))) queued += 1;
    }
    return queued;
  }
}
