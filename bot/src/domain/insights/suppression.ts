/**
 * Small counts in aggregate figures could point at a person ("the one signal about discrimination at UBR in
 * March"). Every count below the threshold is shown as "< 5", and so that it cannot be worked out from a total,
 * any row or column with exactly one hidden cell hides its next-smallest cell too (secondary suppression),
 * repeated until no row or column has exactly one. Totals are taken over the visible cells only and are
 * themselves hidden when below the threshold.
 */
export const SUPPRESS_BELOW = 5;

export type Shown = number | '< 5';

export interface SuppressedTable {
  rows: string[];
  columns: string[];
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

const show = (n: number): Shown => (n < SUPPRESS_BELOW && n > 0 ? '< 5' : n);

export function suppressTable(rows: string[], columns: string[], counts: number[][]): SuppressedTable {
  const hidden = counts.map((row) => row.map((n) => n > 0 && n < SUPPRESS_BELOW));
  const hideOneMore = (cells: Array<[number, number]>) => {
    const open = cells.filter(([r, c]) => !hidden[r]![c]! && counts[r]![c]! > 0).sort((a, b) => counts[a[0]]![a[1]]! - counts[b[0]]![b[1]]!);
    if (open[0]) hidden[open[0][0]]![open[0][1]] = true;
    return Boolean(open[0]);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < rows.length; r++) {
      const line = columns.map((_, c) => [r, c] as [number, number]);
      if (line.filter(([a, b]) => hidden[a]![b]).length === 1) changed = hideOneMore(line) || changed;
    }
    for (let c = 0; c < columns.length; c++) {
      const line = rows.map((_, r) => [r, c] as [number, number]);
      if (line.filter(([a, b]) => hidden[a]![b]).length === 1) changed = hideOneMore(line) || changed;
    }
  }
  const visibleSum = (cells: Array<[number, number]>) => cells.reduce((sum, [r, c]) => sum + (hidden[r]![c] ? 0 : counts[r]![c]!), 0);
  // A true total beside visible cells would give the hidden ones away (two hidden cells summing to 2 are both 1),
  // so totals count the visible cells only; the tab labels them so.
  const total = (cells: Array<[number, number]>): Shown => show(visibleSum(cells));
  const all = rows.flatMap((_, r) => columns.map((__, c) => [r, c] as [number, number]));
  return {
    rows,
    columns,
    cells: counts.map((row, r) => row.map((n, c) => (hidden[r]![c] ? '< 5' : n))),
    rowTotals: rows.map((_, r) => total(columns.map((__, c) => [r, c] as [number, number]))),
    columnTotals: columns.map((_, c) => total(rows.map((__, r) => [r, c] as [number, number]))),
    total: total(all),
  };
}
