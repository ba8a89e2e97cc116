import { HIDDEN, type Shown, type SuppressedTable, type WorkshopFigures } from '../../shared/api/insights';
import { type NetworkFigures, REPORT_CATEGORIES, SHARE_DIMENSIONS, type ShareDimension, type Shares, type YearReport } from '../../shared/api/network';
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
/** Shares only over at least this many signals: over fewer, ten percent would be one or two people. */
export const SHARES_FROM = 20;

const VALUES: Record<ShareDimension, readonly string[]> = { wish: WISHES, anonymity: ANONYMITY, relation: RELATIONS, outcome: OUTCOMES };

/** What is stored once per closed period and scope: shares and a median, never a count. */
interface ScopeSnapshot {
  percent: Record<ShareDimension, Array<number | null>>;
  firstReactionDays: number | null;
}

/** Each value's share in whole tens of percent, or none at all below SHARES_FROM. */
export function sharesOf(values: readonly string[], counts: Record<string, number>): Array<number | null> {
  const base = values.reduce((s, v) => s + (counts[v] ?? 0), 0);
  return values.map((v) => (base < SHARES_FROM ? null : Math.round(((counts[v] ?? 0) / base) * 10) * 10));
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
 * Figures for a counsellor network (issue 19): the counts per category are Inzicht's quarter tables, the scope's rows
 * added up, so they add nothing to what the coordinator's tables publish; the other breakdowns are shares in tens of
 * percent over at least 20 signals, and a median over at least 5, stored once per closed period and scope.
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

  /** Takes every scope's snapshots of the periods settled by now (hourly, before retention deletes a signal). */
  async takeSnapshots(now: Date): Promise<void> {
    const everyone: Asker = { aadObjectId: '', coordinator: true };
    for (const scope of await this.scopesFor(everyone)) await this.figures(everyone, scope, now);
    if (latestSettledYear(now, this.settling) === settledQuarters(now, this.settling, 1)[0]!.start.getUTCFullYear()) {
      for (const scope of await this.scopesFor(everyone)) await this.yearReport(everyone, scope, undefined, now);
    }
  }

  /** undefined: the asker may not see this scope (or any). */
  async figures(asker: Asker, chosen: string | undefined, now: Date): Promise<NetworkFigures | undefined> {
    const scoped = await this.scoped(asker, chosen);
    if (!scoped) return undefined;
    const quarters = settledQuarters(now, this.settling, QUARTERS_SHOWN);
    const published = await Promise.all(quarters.map((q) => this.insights.published(q)));
    const perQuarter = published.map((p) => categoryCounts(p.signalsByOrganisation, scoped.organisations));
    const snaps = await Promise.all(quarters.map((q) => this.snapshot(q, [q.key], scoped.scope, scoped.organisations)));
    const categories = [...CATEGORIES];
    return {
      ...scoped,
      quarters: quarters.map((q) => q.key),
      categories: tableOf(
        categories,
        quarters.map((q) => q.key),
        categories.map((c) => perQuarter.map((counts) => counts[c]!)),
      ),
      shares: SHARE_DIMENSIONS.map((dimension) => ({
        dimension,
        values: [...VALUES[dimension]],
        percent: VALUES[dimension].map((_, v) => snaps.map((s) => s.percent[dimension][v] ?? null)),
      })),
      firstReactionDays: snaps.map((s) => s.firstReactionDays),
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
    const snap = await this.snapshot(y, y.quarters.map((q) => q.key), scoped.scope, scoped.organisations);
    const rows = [...REPORT_CATEGORIES];
    return {
      ...scoped,
      year: shownYear,
      categories: strictTable(
        rows,
        y.quarters.map((q) => q.key),
        rows.map((r) => perQuarter.map((counts) => strictSum(REPORT_GROUPS[r].map((c) => counts[c]!)))),
      ),
      shares: (['outcome', 'wish'] as const).map((dimension): Shares => ({
        dimension,
        values: [...VALUES[dimension]],
        percent: snap.percent[dimension].map((p) => [p]),
      })),
      firstReactionDays: snap.firstReactionDays,
      workshops: yearOfWorkshops(published.map((p) => p.workshops)),
    };
  }

  private async scoped(asker: Asker, chosen: string | undefined) {
    const scopes = await this.scopesFor(asker);
    const scope = chosen ?? scopes[0];
    if (scope === undefined || !scopes.includes(scope)) return undefined;
    return { scopes, scope, organisations: scopeOrganisations(scope, await this.store.organisations()) };
  }

  private snapshot(period: Period, quarters: string[], scope: string, organisations: string[]): Promise<ScopeSnapshot> {
    return this.snapshots.snapshot(`network:${period.key}:${scope}`, async () => {
      const counts = await this.store.counts(period, quarters, organisations);
      const firstReaction = await this.store.firstReaction(period, organisations);
      return {
        percent: Object.fromEntries(SHARE_DIMENSIONS.map((d) => [d, sharesOf(VALUES[d], counts[d])])) as ScopeSnapshot['percent'],
        firstReactionDays: firstReaction.n >= SUPPRESS_BELOW ? firstReaction.median : null,
      };
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
