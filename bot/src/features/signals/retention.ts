/**
 * How long a signal's parts are kept. A counted signal (nobody follows it up) needs no text at all
 * for the figures, so its text goes first; the row stays for the anonymous figures a while longer.
 * A closed signal is deleted whole after its period.
 */
export interface RetentionPolicy {
  /** Text of a signal nobody follows up ("alleen laten weten", "advies", "formeel melden"). */
  countedTextDays: number;
  /** A counted signal's row, kept for the anonymous figures. */
  countedDays: number;
  /** A closed signal, with its messages, after closing. */
  closedDays: number;
  /**
   * A signal left open (nobody closed it) after this many days without a message either way: a case nobody
   * follows up any more is not kept for ever.
   */
  openIdleDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { countedTextDays: 30, countedDays: 730, closedDays: 365, openIdleDays: 730 };

export interface RetentionResult {
  textsDropped: number;
  countedDeleted: number;
  closedDeleted: number;
  openIdleDeleted: number;
}

export interface SignalRetentionStore {
  enforce(policy: RetentionPolicy): Promise<RetentionResult>;
}
