import { risesOf } from '../../bot/src/features/insights/network-advice';
import { suppressBreakdown } from '../../bot/src/features/insights/network-figures';
import { suppressQuarter } from '../../bot/src/features/insights/suppression';
import { HIDDEN } from '../../bot/src/shared/api/insights';

const ORGANISATIONS = [
  { code: 'bzk', partOf: null },
  { code: 'financien', partOf: null },
  { code: 'belastingdienst', partOf: 'financien' },
];
const COLUMNS = ['pesten', 'discriminatie', 'werkdruk-spanning'];
/** A quarter's table as Inzicht publishes it: rows bzk, financien, belastingdienst. */
const quarter = (key: string, counts: number[][]) => ({ key, table: suppressQuarter(ORGANISATIONS.map((o) => o.code), COLUMNS, counts, COLUMNS.map(() => true)) });

describe('risesOf (pro-active advice)', () => {
  it('finds a topic that grew to at least the factor, both counts shown and at least 5, per organisation and per whole with its parts', () => {
    const before = quarter('2030-Q1', [
      [6, 0, 10],
      [0, 0, 5],
      [5, 0, 5],
    ]);
    const now = quarter('2030-Q2', [
      [8, 0, 15],
      [0, 0, 5],
      [10, 0, 5],
    ]);
    expect(risesOf(now, before, ORGANISATIONS, 1.5)).toEqual([
      { quarter: '2030-Q2', previousQuarter: '2030-Q1', scope: 'bzk', category: 'werkdruk-spanning', before: 10, now: 15 },
      // Financiën with the Belastingdienst: pesten 5 → 10.
      { quarter: '2030-Q2', previousQuarter: '2030-Q1', scope: 'financien', category: 'pesten', before: 5, now: 10 },
      { quarter: '2030-Q2', previousQuarter: '2030-Q1', scope: 'belastingdienst', category: 'pesten', before: 5, now: 10 },
    ]);
    // bzk's pesten 6 → 8 is 1.33 times: below the factor. A factor of 2 leaves only the doubling.
    expect(risesOf(now, before, ORGANISATIONS, 2).map((r) => `${r.scope}:${r.category}`)).toEqual(['financien:pesten', 'belastingdienst:pesten']);
  });

  it('starts no advice from a count below 5 or one held back, however steep the rise', () => {
    const before = quarter('2030-Q1', [
      [0, 0, 6],
      [0, 0, 6],
      [0, 0, 6],
    ]);
    // Discrimination 2 at Financiën hides its column, and, being the only one, the next smallest: bullying, which
    // went from 0 to 9 at BZK. From 0 is no rise to tell either way: 0 is below 5.
    const now = quarter('2030-Q2', [
      [9, 0, 6],
      [0, 2, 6],
      [0, 0, 6],
    ]);
    expect(now.table.cells[0]).toEqual([HIDDEN, HIDDEN, 6]);
    expect(risesOf(now, before, ORGANISATIONS, 1.5)).toEqual([]);
    const shown = quarter('2030-Q2', [
      [9, 0, 6],
      [0, 0, 6],
      [0, 0, 6],
    ]);
    expect(shown.table.cells[0]).toEqual([9, 0, 6]);
    expect(risesOf(shown, before, ORGANISATIONS, 1.5)).toEqual([]);
  });
});

describe('suppressBreakdown', () => {
  it('holds a breakdown back whole, zeros included, when any count is 1 to 4: its total may be known, and the rest would give the small one away', () => {
    expect(suppressBreakdown([0, 0, 20])).toEqual([0, 0, 20]);
    expect(suppressBreakdown([0, 5, 15])).toEqual([0, 5, 15]);
    expect(suppressBreakdown([1, 1, 23])).toEqual([HIDDEN, HIDDEN, HIDDEN]);
    expect(suppressBreakdown([0, 4, 30])).toEqual([HIDDEN, HIDDEN, HIDDEN]);
  });
});
