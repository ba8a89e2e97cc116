import { HIDDEN, type Shown, type SuppressedTable } from '../../bot/src/shared/api/insights';

/**
 * The attacker of published figures: every shown number is a linear equation over the unknown counts (one per
 * organisation × category × month), and a hidden cell is given away when its value follows from them. That is the
 * case exactly when the hidden cell's row of coefficients lies in the span of the shown equations' rows; and it is
 * pinned by the counts being at least 0 when the shown equations leave it only one value (checked with the
 * smallest and largest value a linear program allows).
 */
export interface PublishedFigures {
  organisations: string[];
  categories: string[];
  /**
   * Categories (rows) × months (columns), from the monthly snapshots. `hiddenAtLeast`: what the attacker knows of a
   * hidden cell from how the tables are made (1 where zeros are always shown).
   */
  byMonth: { months: string[]; table: SuppressedTable; hiddenAtLeast: number };
  /** Organisations (rows) × categories (columns), one per quarter, with the months it covers. */
  quarters: Array<{ months: string[]; table: SuppressedTable; hiddenAtLeast: number }>;
}

interface LinearForm {
  coefficients: Map<number, number>;
  value: Shown;
  label: string;
  atLeast: number;
}

export interface Disclosure {
  label: string;
  /** The one value it can take. */
  value: number;
}

/**
 * Every hidden cell whose exact value follows from what is shown. Empty when nothing is given away.
 * Each published number sums counts of one category only, so each category is solved on its own.
 */
export function disclosedCells(figures: PublishedFigures): Disclosure[] {
  const months = [...new Set([...figures.byMonth.months, ...figures.quarters.flatMap((q) => q.months)])];
  // Within a category, one unknown per organisation × month.
  const index = (o: number, m: number) => o * months.length + m;
  const size = figures.organisations.length * months.length;
  const forms = new Map<string, LinearForm[]>();
  const add = (category: string, value: Shown, label: string, cells: Array<[number, number]>, atLeast: number) => {
    const list = forms.get(category) ?? [];
    list.push({ coefficients: new Map(cells.map(([o, m]) => [index(o, m), 1])), value, label, atLeast });
    forms.set(category, list);
  };
  const orgs = figures.organisations.map((_, o) => o);
  // A monthly cell: the category's count over every organisation that month.
  figures.byMonth.table.rows.forEach((category, r) => {
    figures.byMonth.months.forEach((month, col) => {
      const m = months.indexOf(month);
      add(category, figures.byMonth.table.cells[r]![col]!, `${category} in ${month}`, orgs.map((o) => [o, m]), figures.byMonth.hiddenAtLeast);
    });
  });
  // A quarter cell: an organisation's count of a category over the quarter's months.
  for (const quarter of figures.quarters) {
    const qm = quarter.months.map((month) => months.indexOf(month));
    quarter.table.rows.forEach((organisation, r) => {
      const o = figures.organisations.indexOf(organisation);
      quarter.table.columns.forEach((category, col) => {
        add(category, quarter.table.cells[r]![col]!, `${organisation}/${category} in ${quarter.months.join('+')}`, qm.map((m) => [o, m]), quarter.hiddenAtLeast);
      });
    });
  }
  // Totals are sums of shown cells, so they add no equation; they are checked to be exactly that.
  for (const table of [figures.byMonth.table, ...figures.quarters.map((q) => q.table)]) assertTotalsOverShownCells(table);

  const out: Disclosure[] = [];
  for (const list of forms.values()) {
    const shown = list.filter((f) => f.value !== HIDDEN);
    const hidden = list.filter((f) => f.value === HIDDEN);
    const rows = shown.map((f) => dense(f.coefficients, size));
    const span = rank(rows);
    // What is known of hidden cells as well: a·x − s = atLeast with a slack s ≥ 0, one per such cell.
    const bounded = hidden.filter((f) => f.atLeast > 0);
    const widen = (row: number[]) => [...row, ...new Array<number>(bounded.length).fill(0)];
    const system = [
      ...rows.map(widen),
      ...bounded.map((f, k) => {
        const row = widen(dense(f.coefficients, size));
        row[size + k] = -1;
        return row;
      }),
    ];
    const values = [...shown.map((f) => f.value as number), ...bounded.map((f) => f.atLeast)];
    for (const target of hidden) {
      const a = dense(target.coefficients, size);
      const range = linearRange(system, values, widen(a));
      if (rank([...rows, a]) === span || (range && range.max - range.min < 1e-6)) {
        out.push({ label: target.label, value: range ? Math.round(range.min) : Number.NaN });
      }
    }
  }
  return out;
}

function assertTotalsOverShownCells(table: SuppressedTable): void {
  const sum = (cells: Shown[]) => cells.reduce<number>((s, c) => s + (c === HIDDEN ? 0 : c), 0);
  const matches = (total: Shown, cells: Shown[]) => (total === HIDDEN ? sum(cells) < 5 || cells.every((c) => c === HIDDEN) : total === sum(cells));
  table.cells.forEach((row, r) => {
    if (!matches(table.rowTotals[r]!, row)) throw new Error(`row total ${r} is not the sum of the shown cells`);
  });
  table.columns.forEach((_, c) => {
    if (!matches(table.columnTotals[c]!, table.cells.map((row) => row[c]!))) throw new Error(`column total ${c} is not the sum of the shown cells`);
  });
}

const dense = (coefficients: Map<number, number>, size: number) => {
  const row = new Array<number>(size).fill(0);
  for (const [i, v] of coefficients) row[i] = v;
  return row;
};

/** Rank by Gaussian elimination with partial pivoting (the matrices hold small integers). */
export function rank(input: number[][]): number {
  const m = input.map((r) => [...r]);
  let r = 0;
  const columns = m[0]?.length ?? 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    let pivot = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[pivot]![c]!)) pivot = i;
    if (Math.abs(m[pivot]![c]!) < 1e-9) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      if (f !== 0) for (let k = c; k < columns; k++) m[i]![k]! -= f * m[r]![k]!;
    }
    r++;
  }
  return r;
}

/**
 * The smallest and largest value of a·x over x ≥ 0 with E x = b: two linear programs, solved with a dense simplex
 * (Bland's rule, so it ends). Undefined when the program has no solution (it always has one for true figures).
 */
export function linearRange(E: number[][], b: number[], a: number[]): { min: number; max: number } | undefined {
  const min = simplexMin(E, b, a);
  const max = simplexMin(E, b, a.map((v) => -v));
  if (min === undefined || max === undefined) return undefined;
  return { min, max: -max };
}

/** min c·x s.t. E x = b, x ≥ 0 (two-phase simplex on a dense tableau). Undefined when infeasible; -Infinity when unbounded. */
function simplexMin(E: number[][], b: number[], c: number[]): number | undefined {
  const m = E.length;
  const n = c.length;
  if (m === 0) return c.every((v) => v >= 0) ? 0 : -Infinity;
  // Phase 1: artificial variables n..n+m-1, rows made b ≥ 0.
  const T = E.map((row, i) => {
    const sign = b[i]! < 0 ? -1 : 1;
    return [...row.map((v) => v * sign), ...Array.from({ length: m }, (_, j) => (j === i ? 1 : 0)), b[i]! * sign];
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const width = n + m;
  const pivot = (r: number, col: number) => {
    const p = T[r]![col]!;
    for (let k = 0; k <= width; k++) T[r]![k]! /= p;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const f = T[i]![col]!;
      if (f !== 0) for (let k = 0; k <= width; k++) T[i]![k]! -= f * T[r]![k]!;
    }
    basis[r] = col;
  };
  const run = (cost: (j: number) => number, allowed: (j: number) => boolean): 'optimal' | 'unbounded' => {
    for (let iterations = 0; iterations < 20_000; iterations++) {
      // Reduced costs: c_j − c_B · column j.
      let entering = -1;
      for (let j = 0; j < width; j++) {
        if (!allowed(j) || basis.includes(j)) continue;
        let reduced = cost(j);
        for (let i = 0; i < m; i++) reduced -= cost(basis[i]!) * T[i]![j]!;
        if (reduced < -1e-9) {
          entering = j;
          break;
        }
      }
      if (entering < 0) return 'optimal';
      let leaving = -1;
      let best = Infinity;
      for (let i = 0; i < m; i++) {
        const v = T[i]![entering]!;
        if (v > 1e-9) {
          const ratio = T[i]![width]! / v;
          if (ratio < best - 1e-12 || (Math.abs(ratio - best) <= 1e-12 && basis[i]! < basis[leaving]!)) {
            best = ratio;
            leaving = i;
          }
        }
      }
      if (leaving < 0) return 'unbounded';
      pivot(leaving, entering);
    }
    throw new Error('simplex did not end');
  };
  run((j) => (j >= n ? 1 : 0), () => true);
  const infeasibility = basis.reduce((s, j, i) => s + (j >= n ? T[i]![width]! : 0), 0);
  if (infeasibility > 1e-6) return undefined;
  // Drive artificial variables out of the basis where possible; rows that stay are redundant (value 0).
  for (let i = 0; i < m; i++) {
    if (basis[i]! < n) continue;
    const j = T[i]!.findIndex((v, k) => k < n && Math.abs(v) > 1e-9 && !basis.includes(k));
    if (j >= 0) pivot(i, j);
  }
  const outcome = run((j) => (j < n ? c[j]! : 0), (j) => j < n);
  if (outcome === 'unbounded') return -Infinity;
  return basis.reduce((s, j, i) => s + (j < n ? c[j]! * T[i]![width]! : 0), 0);
}
