/**
 * Figures are published per closed period only: calendar months for signals per category, calendar quarters for
 * signals per organisation and for workshops. A period's figures are taken once, when nothing can change them any
 * more (its signals have all left the mixer; its workshops' evaluations have come in), and never again: so a figure
 * never moves while someone watches, and no two published figures differ by one person's signal.
 */

export interface Period {
  /** "2026-11" or "2026-Q4". */
  key: string;
  start: Date;
  end: Date;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** How long after its end a period's figures are taken. */
export interface Settling {
  /** The mixer's longest delay: a signal from the period's last day may still be waiting. */
  mixerDelayMs: number;
}

/** Months settle once the mixer has published everything from them, with an hour to spare. */
export const monthSettleMs = (s: Settling) => s.mixerDelayMs + HOUR;

/** Quarters wait two weeks as well: participants evaluate a workshop in the days after it. */
export const quarterSettleMs = (s: Settling) => s.mixerDelayMs + 14 * DAY;

export function monthOf(year: number, month0: number): Period {
  const start = new Date(Date.UTC(year, month0, 1));
  const end = new Date(Date.UTC(year, month0 + 1, 1));
  return { key: start.toISOString().slice(0, 7), start, end };
}

export function quarterOf(year: number, quarter0: number): Period {
  return { key: `${year}-Q${quarter0 + 1}`, start: new Date(Date.UTC(year, quarter0 * 3, 1)), end: new Date(Date.UTC(year, quarter0 * 3 + 3, 1)) };
}

/** The months of a quarter, in order. */
export function monthsOf(quarter: Period): Period[] {
  return [0, 1, 2].map((i) => monthOf(quarter.start.getUTCFullYear(), quarter.start.getUTCMonth() + i));
}

/** The last `count` months whose figures are settled at `now`, oldest first. */
export function settledMonths(now: Date, settling: Settling, count: number): Period[] {
  const latest = new Date(now.getTime() - monthSettleMs(settling));
  // The month that contains `latest` has not ended before it: the one before it is the newest settled.
  const out: Period[] = [];
  for (let i = count; i >= 1; i--) out.push(monthOf(latest.getUTCFullYear(), latest.getUTCMonth() - i));
  return out;
}

/** The last `count` quarters whose figures are settled at `now`, oldest first. */
export function settledQuarters(now: Date, settling: Settling, count: number): Period[] {
  const latest = new Date(now.getTime() - quarterSettleMs(settling));
  const current = latest.getUTCFullYear() * 4 + Math.floor(latest.getUTCMonth() / 3);
  const out: Period[] = [];
  for (let q = current - count; q < current; q++) out.push(quarterOf(Math.floor(q / 4), q % 4));
  return out;
}

/** A calendar year, and its quarters in order. */
export function yearOf(year: number): Period & { quarters: Period[] } {
  return { key: String(year), start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)), quarters: [0, 1, 2, 3].map((q) => quarterOf(year, q)) };
}

/** The newest calendar year whose last quarter has settled at `now`. */
export function latestSettledYear(now: Date, settling: Settling): number {
  const [latest] = settledQuarters(now, settling, 1);
  const year = latest!.start.getUTCFullYear();
  return latest!.key.endsWith('Q4') ? year : year - 1;
}
