import { HIDDEN, type Shown, type SuppressedTable } from '../../shared/api/insights';

/**
 * Small counts in aggregate figures could point at a person ("the one signal about discrimination at UBR in
 * March"). What is published must let nobody work out a count below the threshold, from one table or from all of
 * them together (the cells, their totals, and the tables that share a margin).
 *
 * The published tables (see periods.ts for when they are made):
 * - per closed month, the signals per category (a vector): counts 1–4 are hidden, and when exactly one count is
 *   hidden the next smallest is hidden too, so a total known from elsewhere does not give it away;
 * - per closed quarter, the signals per organisation and category: a category's column is shown only when all
 *   three of its months are shown and none of its cells is 1–4. Otherwise the whole column is hidden, zeros
 *   included: then the column's cells are only known to sum to the months' total (if that is shown), which fixes
 *   none of them. When exactly one column would be hidden, the next smallest is hidden too.
 * Every total counts the shown cells only. So the only equations between published figures are a category's
 * quarter total = the sum of its three months, and they hold between shown numbers: no hidden cell is ever in an
 * equation with fewer than two unknowns, and none is pinned by being at least 0 or 1.
 */
export const SUPPRESS_BELOW = 5;

const small = (n: number) => n > 0 && n < SUPPRESS_BELOW;

/** A total of shown cells, itself hidden when small, or when there is no shown cell to add. */
const totalOf = (cells: readonly Shown[]): Shown => {
  if (cells.length > 0 && cells.every((c) => c === HIDDEN)) return HIDDEN;
  const sum = cells.reduce<number>((s, c) => s + (c === HIDDEN ? 0 : c), 0);
  return small(sum) ? HIDDEN : sum;
};

/** One month's counts per category: small ones hidden, and never exactly one. */
export function suppressVector(counts: readonly number[]): Shown[] {
  const hidden = counts.map(small);
  if (hidden.filter(Boolean).length === 1) {
    const next = counts.map((n, i) => ({ n, i })).filter(({ n, i }) => !hidden[i] && n > 0).sort((a, b) => a.n - b.n)[0];
    if (next) hidden[next.i] = true;
  }
  return counts.map((n, i) => (hidden[i] ? HIDDEN : n));
}

/**
 * A quarter's counts per organisation (rows) and category (columns). `monthsShown[c]`: all three of the quarter's
 * monthly counts of category c are shown (published earlier).
 */
export function suppressQuarter(rows: string[], columns: string[], counts: readonly (readonly number[])[], monthsShown: readonly boolean[]): SuppressedTable {
  const columnSum = (c: number) => counts.reduce((s, row) => s + (row[c] ?? 0), 0);
  const hiddenColumns = columns.map((_, c) => !monthsShown[c] || counts.some((row) => small(row[c] ?? 0)));
  if (hiddenColumns.filter(Boolean).length === 1) {
    const next = columns
      .map((_, c) => ({ c, n: columnSum(c) }))
      .filter(({ c, n }) => !hiddenColumns[c] && n > 0)
      .sort((a, b) => a.n - b.n)[0];
    if (next) hiddenColumns[next.c] = true;
  }
  const cells = counts.map((row) => columns.map((_, c): Shown => (hiddenColumns[c] ? HIDDEN : (row[c] ?? 0))));
  return tableOf(rows, columns, cells);
}

/** A table of cells already suppressed (e.g. monthly vectors side by side), with totals over the shown cells. */
export function tableOf(rows: string[], columns: string[], cells: Shown[][]): SuppressedTable {
  return {
    rows,
    columns,
    cells,
    rowTotals: cells.map((row) => totalOf(row)),
    columnTotals: columns.map((_, c) => totalOf(cells.map((row) => row[c]!))),
    total: totalOf(cells.flat()),
  };
}

/** A count of people, for figures beside the tables: hidden when small. */
export const shownCount = (n: number): Shown => (small(n) ? HIDDEN : n);
