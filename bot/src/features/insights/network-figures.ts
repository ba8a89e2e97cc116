import { HIDDEN, type Shown, type SuppressedTable, type WorkshopFigures } from '../../shared/api/insights';
import { type Breakdown, type BreakdownDimension, BREAKDOWNS, type NetworkFigures, REPORT_CATEGORIES, type YearReport } from '../../shared/api/network';
import { REPORT_GROUPS } from '../../shared/report-categories';
import { ANONYMITY, CATEGORIES, OUTCOMES, RELATIONS, WISHES } from '../../shared/signal-vocabulary';
import type { InsightsService, InsightsStore } from './insights-service';
import type { NetworkStore, OrganisationPart } from './network-store';
import { latestSettledYear, type Period, settledQuarters, type Settling, yearOf } from './periods';
import { SUPPRESS_BELOW, tableOf } from './suppression';

/** Who asks: the coordinator sees every organisation and all together; a network coordinator the ones kept for them. */
export interface Asker {
  aadObjectId: string;
  coordinator: boolean;
}

export const ALL = 'all';
export const QUARTERS_SHOWN = 4;

const VALUES: Record<BreakdownDimension, readonly string[]> = { wish: WISHES, anonymity: ANONYMITY, relation: RELATIONS, outcome: OUTCOMES };
/**
 * Every signal has a wish and an anonymity: those breakdowns add up to the organisation's number of signals. That
 * number is public only when Inzicht's quarter table holds back no topic; otherwise it would tell how many signals
 * the organisation had in the topics held back.
 */
const ADDS_UP_TO_ALL: ReadonlySet<BreakdownDimension> = new Set(['wish', 'anonymity']);

/** What is stored once per closed quarter and organisation: its breakdowns, held back as the rules say. */
interface OrganisationSnapshot {
  counts: Record<BreakdownDimension, Shown[]>;
}

/**
 * One organisation's counts of one breakdown: all of them held back, zeros included, when any is 1 to 4. Its total
 * may be known (the organisation's signals), so holding back a part would let the rest give it away; held back whole,
 * the counts are only known to add up to it.
 */
export function suppressBreakdown(counts: readonly number[]): Shown[] {
  return counts.some((n) => n > 0 && n < SUPPRESS_BELOW) ? counts.map(() => HIDDEN) : [...counts];
}

/** A sum of published cells: hidden when any of them is. The sum of shown cells is 0 or at least 5 (suppression.ts). */
const strictSum = (cells: readonly Shown[]): Shown => (cells.some((c) => c === HIDDEN) ? HIDDEN : cells.reduce<number>((s, c) => s + (c as number), 0));

/** A table whose totals are strict sums: a year's total is never the sum of its shown quarters only. */
function strictTable(rows: string[], columns: string[], cells: Shown[][]): SuppressedTable {
  return {
    rows,
    columns,
    cells,
    rowTotals: cells.map(strictSum),
    columnTotals: columns.map((_, c) => strictSum(cells.map((row) => row[c]!))),
    total: strictSum(cells.flat()),
  };
}

/**
 * Figures for a counsellor network (issue 19). Everything a scope shows is a sum of what is published per
 * organisation, hidden when any of its parts is, so an organisation with its parts, or all together, tells nothing
 * its organisations' figures do not: the counts per topic are Inzicht's quarter tables; the other breakdowns are
 * counted per organisation and quarter, stored once, and held back as a whole where a count is 1 to 4; a median of
 * the days to a first reaction only when every organisation of the scope had at least 5.
 */
export class NetworkFiguresService {
  constructor(
    private readonly store: NetworkStore,
    private readonly insights: InsightsService,
    private readonly snapshots: Pick<InsightsStore, 'snapshot'>,
    private readonly settling: Settling,
  ) {}

  /** The scopes an asker may choose, the first being the one shown unless they choose. */
  async scopesFor(asker: Asker): Promise<string[]> {
    const organisations = await this.store.organisations();
    if (asker.coordinator) return [ALL, ...organisations.map((o) => o.code)];
    const kept = await this.store.scopesOf(asker.aadObjectId);
    // A network coordinator of a whole sees its parts too, each on its own.
    return organisations.filter((o) => kept.includes(o.code) || (o.partOf !== null && kept.includes(o.partOf))).map((o) => o.code);
  }

  /** Takes every organisation's snapshots of the periods settled by now (hourly, before retention deletes a signal). */
  async takeSnapshots(now: Date): Promise<void> {
    const everyone: Asker = { aadObjectId: '', coordinator: true };
    for (const scope of await this.scopesFor(everyone)) await this.figures(everyone, scope, now);
  }

  /** undefined: the asker may not see this scope (or any). */
  async figures(asker: Asker, chosen: string | undefined, now: Date): Promise<NetworkFigures | undefined> {
    const scoped = await this.scoped(asker, chosen);
    if (!scoped) return undefined;
    const quarters = settledQuarters(now, this.settling, QUARTERS_SHOWN);
    const published = await Promise.all(quarters.map((q) => this.insights.published(q)));
    const perQuarter = published.map((p) => categoryCounts(p.signalsByOrganisation, scoped.organisations));
    const breakdowns = await Promise.all(quarters.map((q, i) => this.breakdownsOf(q, published[i]!.signalsByOrganisation, scoped.organisations)));
    const categories = [...CATEGORIES];
    return {
      ...scoped,
      quarters: quarters.map((q) => q.key),
      categories: tableOf(
        categories,
        quarters.map((q) => q.key),
        categories.map((c) => perQuarter.map((counts) => counts[c]!)),
      ),
      breakdowns: BREAKDOWNS.map((dimension) => ({
        dimension,
        values: [...VALUES[dimension]],
        cells: VALUES[dimension].map((_, v) => breakdowns.map((b) => b[dimension][v]!)),
      })),
      firstReactionDays: await Promise.all(quarters.map((q) => this.median(q, scoped.scope, scoped.organisations))),
      workshops: published.map((p) => p.workshops),
    };
  }

  /** A closed calendar year in the annual report's categories; undefined as for figures, 'not-closed' for a year still open. */
  async yearReport(asker: Asker, chosen: string | undefined, year: number | undefined, now: Date): Promise<YearReport | 'not-closed' | undefined> {
    const scoped = await this.scoped(asker, chosen);
    if (!scoped) return undefined;
    const latest = latestSettledYear(now, this.settling);
    const shownYear = year ?? latest;
    if (shownYear > latest) return 'not-closed';
    const y = yearOf(shownYear);
    const published = await Promise.all(y.quarters.map((q) => this.insights.published(q)));
    const perQuarter = published.map((p) => categoryCounts(p.signalsByOrganisation, scoped.organisations));
    const breakdowns = await Promise.all(y.quarters.map((q, i) => this.breakdownsOf(q, published[i]!.signalsByOrganisation, scoped.organisations)));
    const rows = [...REPORT_CATEGORIES];
    return {
      ...scoped,
      year: shownYear,
      categories: strictTable(
        rows,
        y.quarters.map((q) => q.key),
        rows.map((r) => perQuarter.map((counts) => strictSum(REPORT_GROUPS[r].map((c) => counts[c]!)))),
      ),
      // The year's counts are its quarters' added up, hidden when any quarter's is: nothing new by subtraction.
      breakdowns: (['outcome', 'wish'] as const).map(
        (dimension): Breakdown => ({
          dimension,
          values: [...VALUES[dimension]],
          cells: VALUES[dimension].map((_, v) => [strictSum(breakdowns.map((b) => b[dimension][v]!))]),
        }),
      ),
      firstReactionDays: await this.median(y, scoped.scope, scoped.organisations),
      workshops: yearOfWorkshops(published.map((p) => p.workshops)),
    };
  }

  private async scoped(asker: Asker, chosen: string | undefined) {
    const scopes = await this.scopesFor(asker);
    const scope = chosen ?? scopes[0];
    if (scope === undefined || !scopes.includes(scope)) return undefined;
    return { scopes, scope, organisations: scopeOrganisations(scope, await this.store.organisations()) };
  }

  /** A scope's breakdowns in a quarter: its organisations' snapshots added up, hidden where any is. */
  private async breakdownsOf(quarter: Period, table: SuppressedTable, organisations: string[]): Promise<Record<BreakdownDimension, Shown[]>> {
    const snaps = await Promise.all(organisations.map((o) => this.organisationSnapshot(quarter, table, o)));
    return Object.fromEntries(
      BREAKDOWNS.map((d) => [d, VALUES[d].map((_, v) => strictSum(snaps.map((s) => s.counts[d][v] ?? 0)))]),
    ) as Record<BreakdownDimension, Shown[]>;
  }

  private organisationSnapshot(quarter: Period, table: SuppressedTable, organisation: string): Promise<OrganisationSnapshot> {
    return this.snapshots.snapshot(`network:${quarter.key}:org:${organisation}`, async () => {
      const counts = await this.store.counts(quarter, [quarter.key], [organisation]);
      const topicHeldBack = table.cells.some((row) => row.includes(HIDDEN));
      return {
        counts: Object.fromEntries(
          BREAKDOWNS.map((d) => {
            const raw = VALUES[d].map((v) => counts[d][v] ?? 0);
            return [d, ADDS_UP_TO_ALL.has(d) && topicHeldBack ? raw.map(() => HIDDEN) : suppressBreakdown(raw)];
          }),
        ) as OrganisationSnapshot['counts'],
      };
    });
  }

  /** The median days to a first reaction, only when each organisation of the scope had at least 5 (so no difference of two scopes rests on fewer). */
  private median(period: Period, scope: string, organisations: string[]): Promise<number | null> {
    return this.snapshots.snapshot(`network:${period.key}:median:${scope}`, async () => {
      for (const o of organisations) if ((await this.store.firstReaction(period, [o])).n < SUPPRESS_BELOW) return null;
      return (await this.store.firstReaction(period, organisations)).median;
    });
  }
}

/** The organisations a scope counts: all, or one with its parts. */
export function scopeOrganisations(scope: string, organisations: OrganisationPart[]): string[] {
  return scope === ALL ? organisations.map((o) => o.code) : organisations.filter((o) => o.code === scope || o.partOf === scope).map((o) => o.code);
}

/**
 * A scope's count per category in one quarter: its organisations' cells of Inzicht's table added up, or hidden where
 * the table holds the category back (then every cell of it is hidden). An organisation the table does not know yet
 * had no signals in it.
 */
export function categoryCounts(table: SuppressedTable, organisations: string[]): Record<string, Shown> {
  return Object.fromEntries(
    CATEGORIES.map((category) => {
      const c = table.columns.indexOf(category);
      if (c < 0) return [category, 0];
      const cells = table.rows.flatMap((row, r) => (organisations.includes(row) ? [table.cells[r]![c]!] : []));
      const heldBack = table.cells.some((row) => row[c] === HIDDEN);
      return [category, heldBack ? HIDDEN : strictSum(cells)];
    }),
  );
}

/** A year's workshops from its published quarters: a count hidden in any quarter hides the year's, so none comes back by subtraction. */
function yearOfWorkshops(quarters: WorkshopFigures[]): YearReport['workshops'] {
  const evaluations = strictSum(quarters.map((q) => q.evaluations));
  const rated = quarters.filter((q) => q.averageRating !== null);
  // The year's average only when every quarter's evaluations are shown: weighted by them, and rounded as a quarter's.
  const averageRating =
    evaluations !== HIDDEN && evaluations >= SUPPRESS_BELOW && rated.length === quarters.filter((q) => q.evaluations !== 0).length
      ? Math.round((10 * rated.reduce((s, q) => s + q.averageRating! * (q.evaluations as number), 0)) / evaluations) / 10
      : null;
  return { held: quarters.reduce((s, q) => s + q.held, 0), participants: strictSum(quarters.map((q) => q.participants)), averageRating };
}
