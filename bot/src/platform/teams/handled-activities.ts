import { randomUUID } from 'node:crypto';
import type { Database } from '../database/database';
import { ADMIT_ATTEMPT, type CountedAttempt, type RateDecision, type RateLimit, type RateLimits } from '../limits/rate-limits';

/**
 * How long a handled activity is remembered. Teams repeats a delivery it got no answer to within seconds to a few
 * minutes; a claim kept longer would only tell a database reader when somebody used the bot.
 */
export const HANDLED_ACTIVITY_RETENTION_MINUTES = 15;

/**
 * A process that has not said it is alive for this long has stopped, and a repeat may take over its claims. Teams
 * gives a bot 15 seconds to answer: a turn cut off by its process dying has failed from Teams' side by then.
 */
export const PROCESS_ALIVE_SECONDS = 15;

/** How often a process says it is alive: a few times within PROCESS_ALIVE_SECONDS, so one slow write does not end it. */
export const ALIVE_EVERY_MS = 5_000;

/** Whether a turn was within its limit, and if so whether it claimed its activity. */
export interface Admission {
  decision: RateDecision;
  claimed: boolean;
}

/**
 * Records which activities were handled, so a repeated delivery is recognised. A claim names this process and holds
 * while it lives: a turn that ended (well, or with an error message to the person) is never run again, and neither
 * is one still running, however slow. Only a claim of a process that stopped saying it is alive (it died mid-turn)
 * is taken over by a repeat. So a turn writes its claim and nothing after it.
 */
export class HandledActivities {
  /** Random at each start: it names no person and no machine. */
  readonly processId = randomUUID();

  constructor(
    private readonly db: Database,
    /**
     * A keyed hash (pseudonymOf): without the key nobody can test a guessed conversation and activity id, which
     * an unkeyed hash allowed (Teams' message ids are timestamps).
     */
    private readonly pseudonym: (subject: string) => Buffer,
  ) {}

  private keyHash(conversationId: string, activityId: string): Buffer {
    return this.pseudonym(`activity:${conversationId}\u0000${activityId}`);
  }

  /** This process is alive for PROCESS_ALIVE_SECONDS more: before its first claim, then every ALIVE_EVERY_MS. */
  async stayAlive(): Promise<void> {
    await this.db.query(
      `INSERT INTO service_processes (id, alive_until) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (id) DO UPDATE SET alive_until = excluded.alive_until`,
      [this.processId, PROCESS_ALIVE_SECONDS],
    );
  }

  /**
   * True when this call claimed the activity: it was new, or its claim was made by a process that has stopped.
   * False when it was handled, or is being handled right now.
   */
  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const { rows } = await this.db.query<CountedAttempt>(ADMIT_ATTEMPT, [null, null, null, null, null, this.keyHash(conversationId, activityId), this.processId]);
    return rows[0]!.claimed;
  }

  /**
   * A person's turn counted against `limit` and, only when it is within it, its activity claimed: one statement, one
   * round trip. Over the limit nothing is claimed, so a repeat after the pause is handled.
   */
  async admit(rateLimits: RateLimits, limit: RateLimit, subject: string, conversationId: string, activityId: string): Promise<Admission> {
    const { rows } = await this.db.query<CountedAttempt>(ADMIT_ATTEMPT, [
      ...rateLimits.attemptParameters(limit, subject),
      this.keyHash(conversationId, activityId),
      this.processId,
    ]);
    const row = rows[0]!;
    return { decision: rateLimits.decision(limit, row), claimed: row.claimed };
  }

  /** Claims older than the retention, and processes that stopped before the oldest claim kept could have been made. */
  async purgeOlderThan(minutes = HANDLED_ACTIVITY_RETENTION_MINUTES): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM handled_activities WHERE handled_at < now() - make_interval(mins => $1::int)`,
      [minutes],
    );
    await this.db.query(`DELETE FROM service_processes WHERE alive_until < now() - make_interval(mins => $1::int)`, [minutes]);
    return rowCount;
  }
}
