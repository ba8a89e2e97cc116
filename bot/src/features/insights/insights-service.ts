import { CATEGORIES } from '../../shared/signal-vocabulary';
import { monthsOf, type Period, settledMonths, settledQuarters, type Settling } from './periods';
import { HIDDEN, type Insights, type Shown, type SuppressedTable, type WorkshopFigures } from '../../shared/api/insights';
import { shownCount, SUPPRESS_BELOW, suppressQuarter, suppressVector, tableOf } from './suppression';

/** A closed month as published: the signals per category. */
export interface MonthSnapshot {
  categories: string[];
  signals: Shown[];
}

/** A closed quarter as published: the signals per organisation and category, and the workshops. */
export interface QuarterSnapshot {
  signalsByOrganisation: SuppressedTable;
  workshops: WorkshopFigures;
}

/** The raw counts of a period. They never leave the domain: only snapshots, suppressed, are stored and shown. */
export interface InsightsStore {
  signalsPerCategory(period: Period): Promise<Record<string, number>>;
  signalsPerOrganisation(period: Period): Promise<{ organisations: string[]; counts: Array<{ organisation: string; category: string; n: number }> }>;
  workshops(period: Period): Promise<{ held: number; participants: number; managers: number; evaluations: number; ratingSum: number }>;
  /** The snapshot of a period, stored once: the first one stored wins, and is what every later call gets. */
  snapshot<T>(period: string, make: () => Promise<T>): Promise<T>;
}

const MONTHS_SHOWN = 12;

/** Figures only for closed periods, each taken once when it has settled (see periods.ts and suppression.ts). */
export class InsightsService {
  constructor(
    private readonly store: InsightsStore,
    private readonly settling: Settling,
  ) {}

  async insights(now: Date): Promise<Insights> {
    const months = settledMonths(now, this.settling, MONTHS_SHOWN);
    const snapshots: MonthSnapshot[] = [];
    for (const month of months) snapshots.push(await this.month(month));
    const categories = [...CATEGORIES];
    const cell = (s: MonthSnapshot, category: string): Shown => {
      const i = s.categories.indexOf(category);
      // A category added later had no signals in that month.
      return i < 0 ? 0 : s.signals[i]!;
    };
    const [latest] = settledQuarters(now, this.settling, 1);
    const quarter = await this.quarter(latest!);
    return {
      months: months.map((m) => m.key),
      signalsByMonth: tableOf(
        categories,
        months.map((m) => m.key),
        categories.map((c) => snapshots.map((s) => cell(s, c))),
      ),
      quarter: latest!.key,
      ...quarter,
    };
  }

  /** A settled quarter as published (Inzicht's table per organisation, and the workshops): the network figures' base. */
  published(quarter: Period): Promise<QuarterSnapshot> {
    return this.quarter(quarter);
  }

  /** Takes the snapshots of every period settled by now (the service does this hourly, so none is missed). */
  async takeSnapshots(now: Date): Promise<void> {
    await this.insights(now);
  }

  private month(month: Period): Promise<MonthSnapshot> {
    return this.store.snapshot(month.key, async () => {
      const counts = await this.store.signalsPerCategory(month);
      const categories = [...CATEGORIES];
      return { categories, signals: suppressVector(categories.map((c) => counts[c] ?? 0)) };
    });
  }

  private quarter(quarter: Period): Promise<QuarterSnapshot> {
    return this.store.snapshot(quarter.key, async () => {
      const months: MonthSnapshot[] = [];
      for (const month of monthsOf(quarter)) months.push(await this.month(month));
      const categories = [...CATEGORIES];
      const monthsShown = categories.map((c) =>
        months.every((m) => {
          const i = m.categories.indexOf(c);
          return i < 0 || m.signals[i] !== HIDDEN;
        }),
      );
      const { organisations, counts } = await this.store.signalsPerOrganisation(quarter);
      const grid = organisations.map((o) => categories.map((c) => counts.find((x) => x.organisation === o && x.category === c)?.n ?? 0));
      const w = await this.store.workshops(quarter);
      const others = w.participants - w.managers;
      return {
        signalsByOrganisation: suppressQuarter(organisations, categories, grid, monthsShown),
        workshops: {
          held: w.held,
          participants: shownCount(w.participants),
          managerShare:
            w.participants > 0 && shownCount(w.managers) !== HIDDEN && shownCount(others) !== HIDDEN ? Math.round((100 * w.managers) / w.participants) / 100 : null,
          averageRating: w.evaluations >= SUPPRESS_BELOW ? Math.round((10 * w.ratingSum) / w.evaluations) / 10 : null,
          evaluations: shownCount(w.evaluations),
        },
      };
    });
  }
}
