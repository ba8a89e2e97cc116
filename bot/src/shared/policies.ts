/**
 * The settings of the features that the configuration reads from the environment: kept apart from the features so
 * that reading the configuration loads none of them (main.ts reads it before telemetry starts, and telemetry must
 * start before the modules it instruments are loaded).
 */

export interface MixPolicy {
  /** A pool is published once this many envelopes wait in it (k). */
  batchSize: number;
  /** Or when any envelope in it has waited past its own random moment within this many milliseconds. */
  maxDelayMs: number;
}

export const DEFAULT_MIX_POLICY: MixPolicy = { batchSize: 5, maxDelayMs: 24 * 60 * 60 * 1000 };

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

/**
 * How long workshops keep their people. Some time after the end the registrations and the organiser go
 * (only the number of participants stays, for the figures); the workshop itself goes later.
 */
export interface WorkshopRetentionPolicy {
  /** Days after the end that registrations and the organiser's ids are kept (evaluations, aftercare). */
  peopleDays: number;
  /** Days after the end that the workshop is kept at all, with its evaluations, for the figures. */
  days: number;
}
