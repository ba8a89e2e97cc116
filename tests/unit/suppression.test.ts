import fc from 'fast-check';
import { type InsightsStore, InsightsService } from '../../bot/src/features/insights/insights-service';
import { monthsOf, type Period, settledMonths, settledQuarters } from '../../bot/src/features/insights/periods';
import { HIDDEN } from '../../bot/src/shared/api/insights';
import { suppressQuarter, suppressVector, tableOf } from '../../bot/src/features/insights/suppression';
import { CATEGORIES } from '../../bot/src/shared/signal-vocabulary';
import { disclosedCells, type PublishedFigures } from '../support/disclosure';

describe('small-count suppression', () => {
  it('hides counts 1 to 4 in a month, keeps zeros and larger counts, and never hides exactly one', () => {
    expect(suppressVector([12, 0, 7, 9])).toEqual([12, 0, 7, 9]);
    // One small count alone would follow from a total known elsewhere: the next smallest goes too.
    expect(suppressVector([12, 3, 7, 9])).toEqual([12, HIDDEN, HIDDEN, 9]);
    expect(suppressVector([2, 1, 30])).toEqual([HIDDEN, HIDDEN, 30]);
  });

  it('shows a quarter column only when its months are shown and none of its cells is small; else hides it whole, zeros too', () => {
    const t = suppressQuarter(['bzk', 'jenv', 'ubr'], ['pesten', 'discriminatie', 'integriteit'], [
      [10, 0, 6],
      [0, 1, 7],
      [5, 6, 8],
    ], [true, true, false]);
    expect(t.cells.map((row) => row[0])).toEqual([10, 0, 5]);
    expect(t.cells.map((row) => row[1])).toEqual([HIDDEN, HIDDEN, HIDDEN]);
    // A hidden month hides the column, whatever its cells.
    expect(t.cells.map((row) => row[2])).toEqual([HIDDEN, HIDDEN, HIDDEN]);
    // Totals over shown cells only.
    expect(t.rowTotals).toEqual([10, 0, 5]);
    expect(t.columnTotals).toEqual([15, HIDDEN, HIDDEN]);
  });

  it('never hides exactly one column: the next smallest goes with it', () => {
    const t = suppressQuarter(['a', 'b'], ['x', 'y', 'z'], [
      [2, 9, 20],
      [5, 8, 30],
    ], [true, true, true]);
    expect(t.cells).toEqual([
      [HIDDEN, HIDDEN, 20],
      [HIDDEN, HIDDEN, 30],
    ]);
  });

  it('totals count shown cells only, and hide a small one', () => {
    const t = tableOf(['a'], ['x', 'y'], [[HIDDEN, 3]]);
    expect(t.total).toBe(HIDDEN);
    expect(tableOf(['a'], ['x', 'y'], [[HIDDEN, 8]]).total).toBe(8);
  });
});

const ORGANISATIONS = ['belastingdienst', 'bzk', 'financien', 'jenv', 'ubr'];

/** The insights service over counts in memory: what it publishes is exactly what the attacker gets. */
function serviceOver(count: (organisation: string, category: string, month: string) => number) {
  const snapshots = new Map<string, unknown>();
  const monthsIn = (p: Period) => (p.key.includes('Q') ? monthsOf(p) : [p]).map((m) => m.key);
  const store: InsightsStore = {
    async signalsPerCategory(p) {
      return Object.fromEntries(CATEGORIES.map((c) => [c, ORGANISATIONS.reduce((s, o) => s + monthsIn(p).reduce((t, m) => t + count(o, c, m), 0), 0)]));
    },
    async signalsPerOrganisation(p) {
      return {
        organisations: ORGANISATIONS,
        counts: ORGANISATIONS.flatMap((o) => CATEGORIES.map((c) => ({ organisation: o, category: c, n: monthsIn(p).reduce((t, m) => t + count(o, c, m), 0) }))),
      };
    },
    async workshops() {
      return { held: 0, participants: 0, managers: 0, evaluations: 0, ratingSum: 0 };
    },
    async snapshot<T>(period: string, make: () => Promise<T>) {
      if (!snapshots.has(period)) snapshots.set(period, await make());
      return snapshots.get(period) as T;
    },
  };
  return new InsightsService(store, { mixerDelayMs: 24 * 60 * 60 * 1000 });
}

/** Everything Inzicht has published by `now`: the twelve months and every quarter within them. */
async function published(service: InsightsService, now: Date): Promise<PublishedFigures> {
  const insights = await service.insights(now);
  const quarters: PublishedFigures['quarters'] = [];
  // Every quarter shown over time (each was "the latest" once): the attacker kept them all.
  for (const q of settledQuarters(now, { mixerDelayMs: 24 * 60 * 60 * 1000 }, 4)) {
    const months = monthsOf(q).map((m) => m.key);
    if (!months.every((m) => insights.months.includes(m))) continue;
    const atThatTime = await service.insights(new Date(q.end.getTime() + 20 * 24 * 60 * 60 * 1000));
    expect(atThatTime.quarter).toBe(q.key);
    // A hidden quarter column may hold zeros: the attacker knows only that its cells are at least 0.
    quarters.push({ months, table: atThatTime.signalsByOrganisation, hiddenAtLeast: 0 });
  }
  // A hidden monthly count is never 0 (zeros are shown): the attacker knows it is at least 1.
  return {
    organisations: ORGANISATIONS,
    categories: [...CATEGORIES],
    byMonth: { months: insights.months, table: insights.signalsByMonth, hiddenAtLeast: 1 },
    quarters,
  };
}

describe('published figures against an attacker who solves them as linear equations', () => {
  const now = new Date('2026-12-06T12:00:00Z');

  it('finds the value the old tables gave away (discriminatie: 8 in all, ubr 6 shown, so jenv and bzk are 1 each)', () => {
    // The attacker is not blind: on tables suppressed one by one, as before, it finds both hidden cells.
    const months = ['2026-07', '2026-08', '2026-09'];
    const byMonth = tableOf(['discriminatie'], months, [[8, 0, 0]]);
    const quarter = tableOf(['bzk', 'jenv', 'ubr'], ['discriminatie'], [[HIDDEN], [HIDDEN], [6]]);
    // Then a hidden cell meant 1 to 4, never 0.
    const found = disclosedCells({
      organisations: ['bzk', 'jenv', 'ubr'],
      categories: ['discriminatie'],
      byMonth: { months, table: byMonth, hiddenAtLeast: 1 },
      quarters: [{ months, table: quarter, hiddenAtLeast: 1 }],
    });
    expect(found.map((d) => [d.label, d.value])).toEqual([
      ['bzk/discriminatie in 2026-07+2026-08+2026-09', 1],
      ['jenv/discriminatie in 2026-07+2026-08+2026-09', 1],
    ]);
  });

  it('the same counts, published now, give nothing away', async () => {
    const counts: Record<string, number> = { 'ubr/2026-07': 6, 'jenv/2026-08': 1, 'bzk/2026-09': 1 };
    const service = serviceOver((o, c, m) => (c === 'discriminatie' ? (counts[`${o}/${m}`] ?? 0) : 0));
    expect(disclosedCells(await published(service, now))).toEqual([]);
  });

  it('gives nothing away for any counts (random months of five organisations, many of them small)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 30 })), { minLength: 5 * 10 * 12, maxLength: 5 * 10 * 12 }), async (flat) => {
        const months = settledMonths(now, { mixerDelayMs: 24 * 60 * 60 * 1000 }, 12).map((m) => m.key);
        // Only three categories carry counts, to keep the run short; the others are zero.
        const service = serviceOver((o, c, m) => {
          const ci = ['pesten', 'discriminatie', 'integriteit'].indexOf(c);
          const mi = months.indexOf(m);
          return ci < 0 || mi < 0 ? 0 : flat[(ORGANISATIONS.indexOf(o) * 3 + ci) * 12 + mi]!;
        });
        const figures = await published(service, now);
        expect(figures.quarters.length).toBeGreaterThanOrEqual(3);
        expect(disclosedCells(figures)).toEqual([]);
      }),
      { numRuns: 40, seed: 20261206 },
    );
  });

  it('publishes nothing of a period before it has settled, and the same figures every time after', async () => {
    let extra = 0;
    const service = serviceOver((o, c, m) => (o === 'bzk' && c === 'pesten' && m === '2026-12' ? 7 + extra : 0));
    const before = await service.insights(now);
    expect(before.months).not.toContain('2026-12');
    expect(before.months.at(-1)).toBe('2026-11');
    // A signal today changes nothing published, now or when December has closed: its snapshot is taken once.
    extra = 1;
    expect(await service.insights(now)).toEqual(before);
    const january = await service.insights(new Date('2027-01-03T00:00:00Z'));
    expect(january.months.at(-1)).toBe('2026-12');
    extra = 2;
    expect((await service.insights(new Date('2027-01-20T00:00:00Z'))).signalsByMonth).toEqual(january.signalsByMonth);
  });
});
