import { suppressTable } from '../../bot/src/domain/insights/suppression';

describe('small-count suppression', () => {
  it('shows every count below 5 as "< 5", keeps zeros and larger counts', () => {
    const t = suppressTable(['pesten', 'integriteit'], ['jan', 'feb'], [
      [12, 7],
      [0, 9],
    ]);
    expect(t.cells).toEqual([
      [12, 7],
      [0, 9],
    ]);
    expect(t.total).toBe(28);
  });

  it('hides a second cell in every row and column with one hidden cell, so none can be worked out from a total', () => {
    const t = suppressTable(['a', 'b', 'c'], ['x', 'y', 'z'], [
      [3, 10, 20],
      [8, 6, 30],
      [9, 12, 40],
    ]);
    const hidden = t.cells.map((row) => row.map((c) => c === '< 5'));
    for (const row of hidden) expect(row.filter(Boolean).length === 0 || row.filter(Boolean).length >= 2).toBe(true);
    for (let c = 0; c < 3; c++) {
      const n = hidden.filter((row) => row[c]).length;
      expect(n === 0 || n >= 2).toBe(true);
    }
    // The 3 is hidden, and so are the smallest partners it needed.
    expect(t.cells[0]![0]).toBe('< 5');
    // Totals count visible cells only: no hidden cell follows from total minus the rest.
    const visibleRow0 = (t.cells[0] as Array<number | string>).filter((c): c is number => typeof c === 'number').reduce((a, b) => a + b, 0);
    expect(t.rowTotals[0]).toBe(visibleRow0);
  });

  it('hides a total below 5', () => {
    const t = suppressTable(['a'], ['x', 'y'], [[2, 1]]);
    expect(t.cells).toEqual([['< 5', '< 5']]);
    expect(t.total).toBe(0);
  });
});
