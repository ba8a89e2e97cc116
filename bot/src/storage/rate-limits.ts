import type { Queryable } from './database';

/** A limit: at most `hits` in each window of `windowSeconds` (fixed windows on the clock). */
export interface RateLimit {
  scope: string;
  hits: number;
  windowSeconds: number;
}

/**
 * Per-subject limits counted in the database. The count and the check are one statement, so two
 * turns at once (on one replica or two) cannot both take the last hit.
 */
export class RateLimits {
  constructor(
    private readonly db: Queryable,
    /** A keyed hash of the subject (a conversation or user id), so the table holds no identifier. */
    private readonly pseudonym: (subject: string) => Buffer,
  ) {}

  /** Counts one attempt; true when it is within the limit. */
  async take(limit: RateLimit, subject: string): Promise<boolean> {
    const { rows } = await this.db.query<{ hits: number }>(
      `INSERT INTO rate_limits (scope, subject_hash, window_start, hits)
       VALUES ($1, $2, to_timestamp(floor(extract(epoch FROM now()) / $3) * $3), 1)
       ON CONFLICT (scope, subject_hash, window_start) DO UPDATE SET hits = rate_limits.hits + 1
       RETURNING hits`,
      [limit.scope, this.pseudonym(subject), limit.windowSeconds],
    );
    return rows[0]!.hits <= limit.hits;
  }

  /** Windows that ended a day ago or more say nothing any more. */
  async purge(): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`);
    return rowCount;
  }
}
