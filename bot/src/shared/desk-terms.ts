import type { Category, SignalStatus } from './signal-vocabulary';
import type { Clock, ClockKind, ClockState } from './api/desk';

/**
 * The terms an organisation sets for its desks (its integrity regulation, its own promise for a first reaction),
 * with the defaults of docs/ROUTING.md: 12 weeks for an integrity report (P-Direkt), 5 working days otherwise.
 */
export interface DeskTerms {
  firstReactionWorkingDays: number;
  integrityWeeks: number;
}
export const DEFAULT_TERMS: DeskTerms = { firstReactionWorkingDays: 5, integrityWeeks: 12 };

/** An organisation's terms where it set them, the defaults where it did not. */
export const termsOf = (own?: Partial<DeskTerms> | null): DeskTerms => ({ ...DEFAULT_TERMS, ...own });

/** A misstand under the Wet bescherming klokkenluiders (art. 2): receipt confirmed within 7 days, feedback within 3 months of that. */
export const WHISTLEBLOWER_ACKNOWLEDGE_DAYS = 7;
export const WHISTLEBLOWER_FEEDBACK_MONTHS = 3;

/** How many days before its end a clock is "due soon": a short clock a couple of days, a long one two weeks. */
const earliest = (a: string, b: string) => (a < b ? a : b);

const SOON_DAYS: Record<ClockKind, number> = { bevestigen: 2, 'eerste-reactie': 2, terugkoppelen: 14, afhandelen: 14 };

/** What decides a signal's clock. Days are ISO dates ("2026-12-07"), as the desk stores them. */
export interface ClockFacts {
  category: Category;
  status: SignalStatus;
  receivedOn: string;
  /** The first day a handler took it on or answered: the receipt confirmed by a person. */
  acknowledgedOn: string | null;
}

/**
 * The clock that applies to an open signal at a desk, or none once it is closed (or only counted):
 * - misstand: "bevestigen" until a handler takes it on or answers (7 days after receipt), then "terugkoppelen":
 *   3 calendar months (as the law counts, not 90 days) after that day, or after the seventh day if it was
 *   confirmed later (the EU directive 2019/1937, art. 9(1)(f): a late confirmation does not move the term);
 * - integriteit: "afhandelen" within the organisation's term, from receipt;
 * - anything else: "eerste-reactie" within the organisation's working days, until a handler takes it on or answers.
 * `today` is the desk's day; the state says whether the end is near or past, in words the tab shows.
 */
export function clockOf(facts: ClockFacts, terms: DeskTerms, today: string): Clock | null {
  if (facts.status === 'gesloten' || facts.status === 'geteld') return null;
  const due = dueOf(facts, terms);
  if (!due) return null;
  return { kind: due.kind, dueOn: due.on, state: stateOf(due.kind, due.on, today) };
}

function dueOf(facts: ClockFacts, terms: DeskTerms): { kind: ClockKind; on: string } | null {
  if (facts.category === 'misstand') {
    return facts.acknowledgedOn === null
      ? { kind: 'bevestigen', on: addDays(facts.receivedOn, WHISTLEBLOWER_ACKNOWLEDGE_DAYS) }
      : { kind: 'terugkoppelen', on: addMonths(earliest(facts.acknowledgedOn, addDays(facts.receivedOn, WHISTLEBLOWER_ACKNOWLEDGE_DAYS)), WHISTLEBLOWER_FEEDBACK_MONTHS) };
  }
  if (facts.category === 'integriteit') return { kind: 'afhandelen', on: addDays(facts.receivedOn, terms.integrityWeeks * 7) };
  if (facts.acknowledgedOn !== null) return null;
  return { kind: 'eerste-reactie', on: addWorkingDays(facts.receivedOn, terms.firstReactionWorkingDays) };
}

function stateOf(kind: ClockKind, dueOn: string, today: string): ClockState {
  if (today > dueOn) return 'te-laat';
  return daysBetween(today, dueOn) <= SOON_DAYS[kind] ? 'bijna' : 'op-tijd';
}

const DAY_MS = 24 * 60 * 60 * 1000;
const parse = (day: string) => Date.parse(`${day}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => isoDay(parse(day) + days * DAY_MS);
export const daysBetween = (from: string, to: string) => Math.round((parse(to) - parse(from)) / DAY_MS);

/** Calendar months; a day the month lacks becomes its last day (30 November + 3 months is 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return isoDay(target.getTime());
}

/** Monday to Friday; public holidays are not left out (an organisation that wants them sets a longer term). */
export function addWorkingDays(day: string, days: number): string {
  let ms = parse(day);
  for (let left = days; left > 0; ) {
    ms += DAY_MS;
    const weekday = new Date(ms).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return isoDay(ms);
}
