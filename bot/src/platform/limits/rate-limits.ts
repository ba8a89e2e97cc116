import { BatchedCalls } from '../database/batched-calls';
import type { Database } from '../database/database';
import { type AdmitEntry, admitTogether } from './shared-admits';

/** A limit: at most `hits` in any window of `windowSeconds`. */
export interface RateLimit {
  scope: string;
  hits: number;
  windowSeconds: number;
}

/** One counted attempt: whether it is within the limit, and if not, how long until one more would be. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds (at least 1) until an attempt would be allowed, if none is made meanwhile; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Per-subject limits counted in the database (the function `admit_attempt`, migration 020). The count and the check are one statement, so two
 * turns at once (on one replica or two) cannot both take the last hit. Counts are kept per fixed window
 * on the clock, and the previous window's count weighs in for the part of it that a sliding window would
 * still cover: so the limit holds across a window's edge too, not twice the limit around it.
 * A refused attempt counts as well: whoever keeps hammering stays refused until they pause.
 * Its commit does not wait for the disk (a few attempts forgotten in a crash let a few more through). Hence `db` must
 * be the database itself, never a transaction of other work, whose commit would then not wait either.
 */
export class RateLimits {
  /** Attempts made together share one call (admit_attempts, migration 022), each counted as it would be alone. */
  private readonly attempts = new BatchedCalls<AdmitEntry, CountedAttempt>((entries) => admitTogether(this.db, entries, null));

  constructor(
    private readonly db: Database,
    /** A keyed hash of the subject (a conversation or user id), so the table holds no identifier. */
    private readonly pseudonym: (subject: string) => Buffer,
    /** Told the scope of every refused attempt (for the operators' metrics); never the subject. */
    private readonly onRefused: (scope: string) => void = () => undefined,
  ) {}

  /** Counts one attempt; true when it is within the limit. `at` is the database's clock unless a test sets it. */
  async take(limit: RateLimit, subject: string, at?: Date): Promise<boolean> {
    return (await this.attempt(limit, subject, at)).allowed;
  }

  /** Counts one attempt, and says how long a refused one should wait (for a Retry-After). */
  async attempt(limit: RateLimit, subject: string, at?: Date): Promise<RateDecision> {
    const entry = this.entryFor(limit, subject);
    // A moment set by a test is counted on its own; the shared call counts at the database's clock.
    if (at) return this.decision(limit, (await this.db.query<CountedAttempt>(ADMIT_ATTEMPT, [entry.scope, entry.subject, entry.windowSeconds, entry.hits, at.toISOString(), null, null])).rows[0]!);
    return this.decision(limit, await this.attempts.call(entry));
  }

  /** One attempt as an entry of a shared call: counted under the subject's keyed hash, claiming nothing. */
  entryFor(limit: RateLimit, subject: string): AdmitEntry {
    return { scope: limit.scope, subject: this.pseudonym(subject), windowSeconds: limit.windowSeconds, hits: limit.hits, key: null };
  }

  /** What a counted attempt means, told to the metrics when refused. */
  decision(limit: RateLimit, { counted_hits: hits, previous_hits: previous, elapsed_seconds: elapsed, allowed }: CountedAttempt): RateDecision {
    if (!allowed) this.onRefused(limit.scope);
    return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(secondsUntilAllowed(limit, previous, hits, elapsed))) };
  }

  /**
   * Forgets windows that no longer count: a window weighs in until the end of the next one, so each scope's
   * rows go two windows after they started (a keyed hash and a count per window still tell when someone was
   * active, so they are kept no longer than they are needed). Scopes not named go after a day.
   */
  async purge(limits: readonly RateLimit[] = []): Promise<number> {
    let purged = 0;
    for (const limit of limits) {
      const { rowCount } = await this.db.query(`DELETE FROM rate_limits WHERE scope = $1 AND window_start < now() - make_interval(secs => $2)`, [
        limit.scope,
        2 * limit.windowSeconds,
      ]);
      purged += rowCount;
    }
    const { rowCount } = await this.db.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`);
    return purged + rowCount;
  }
}

/** What the database function `admit_attempt` (migration 020) returns. */
export type CountedAttempt = {
  counted_hits: number;
  previous_hits: number;
  elapsed_seconds: number;
  allowed: boolean;
  claimed: boolean;
};

/** `admit_attempt` with its seven parameters: the scope, subject, window, hits and time ($1–$5), an activity and its process ($6, $7). */
const ADMIT_ATTEMPT = 'SELECT counted_hits, previous_hits, elapsed_seconds, allowed, claimed FROM admit_attempt($1, $2, $3, $4, $5, $6, $7)';

/**
 * How long after `elapsed` (seconds into the current window) one more attempt would be within the limit,
 * if none is made meanwhile: later in this window as the previous one fades, else in the next window (where
 * this one is the previous), at the latest two windows on, when nothing counts any more.
 */
function secondsUntilAllowed(limit: RateLimit, previous: number, hits: number, elapsed: number): number {
  const w = limit.windowSeconds;
  // In this window at elapsed + d: previous × (1 − (elapsed + d) / w) + hits + 1 ≤ limit.
  if (hits + 1 <= limit.hits && previous > 0) {
    const d = w * (1 - (limit.hits - hits - 1) / previous) - elapsed;
    if (d < w - elapsed) return Math.max(0, d);
  }
  // In the next window at e: hits × (1 − e / w) + 1 ≤ limit.
  const e = limit.hits > 1 ? Math.max(0, w * (1 - (limit.hits - 1) / hits)) : w;
  return Math.min(w - elapsed + e, 2 * w - elapsed);
}
