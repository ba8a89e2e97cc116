import { randomUUID } from 'node:crypto';
import { BatchedCalls } from '../database/batched-calls';
import type { Database } from '../database/database';
import type { CountedAttempt, RateDecision, RateLimit, RateLimits } from '../limits/rate-limits';
import { type AdmitEntry, admitTogether } from '../limits/shared-admits';

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

/** How long before its row lapses a process stops claiming, so the last turn it claimed has room to end. */
const CLAIM_ROOM_MS = 3_000;

/** Whether a turn was within its limit, and if so whether it claimed its activity. */
export interface Admission {
  decision: RateDecision;
  claimed: boolean;
}

/**
 * Records which activities were handled, so a repeated delivery is recognised. A claim names this process and holds
 * while it lives, and after a clean stop for as long as it is kept: a turn that ended (well, or with an error message
 * to the person) is never run again, and neither is one still running, however slow. Only another process takes over
 * a claim, and only of a process that stopped saying it is alive without a clean stop (it died, or was cut off mid-turn).
 * So a turn writes its claim and nothing after it.
 */
export class HandledActivities {
  /** Random at each start: it names no person and no machine. */
  readonly processId = randomUUID();

  /** Turns that arrive together share one call (admit_attempts, migration 022; see BatchedCalls). */
  private readonly admits = new BatchedCalls<AdmitEntry, CountedAttempt>((entries) => this.admitAll(entries));

  constructor(
    private readonly db: Database,
    /**
     * A keyed hash (pseudonymOf): without the key nobody can test a guessed conversation and activity id, which
     * an unkeyed hash allowed (Teams' message ids are timestamps).
     */
    private readonly pseudonym: (subject: string) => Buffer,
    /** This process's clock, which `holdsUntil` is measured by (for tests). */
    private readonly now: () => number = Date.now,
  ) {}

  private keyHash(conversationId: string, activityId: string): Buffer {
    return this.pseudonym(`activity:${conversationId}\u0000${activityId}`);
  }

  /** Until when (this process's clock) a claim of ours is sure to hold: set by each renewal that succeeded. */
  private holdsUntil = 0;
  /** Set by a clean stop: from then on this process claims nothing. */
  private stopped = false;
  /** The renewal a turn started because the last one lapsed, shared by the turns that arrive meanwhile. */
  private renewing?: Promise<void>;

  /** This process is alive for PROCESS_ALIVE_SECONDS more: before its first claim, then every ALIVE_EVERY_MS. */
  async stayAlive(): Promise<void> {
    const sent = this.now();
    await this.db.query(
      `INSERT INTO service_processes (id, alive_until) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (id) DO UPDATE SET alive_until = excluded.alive_until`,
      [this.processId, PROCESS_ALIVE_SECONDS],
    );
    // Three seconds' room for the turn that claims last, whose claim must hold until it ends: one failed renewal
    // (the next comes 10 s after this one) still leaves two seconds.
    if (!this.stopped) this.holdsUntil = Math.max(this.holdsUntil, sent + PROCESS_ALIVE_SECONDS * 1000 - CLAIM_ROOM_MS);
  }

  /**
   * Stopped with every turn ended: its claims hold for as long as they are kept, as a finished turn's should (a repeat
   * of a slow turn may still come). After a stop that cut turns off, this is not called: their claims lapse.
   */
  async stoppedCleanly(): Promise<void> {
    this.stopped = true;
    this.holdsUntil = 0;
    await this.db.query(`UPDATE service_processes SET alive_until = now() + make_interval(mins => $2::int) WHERE id = $1`, [
      this.processId,
      HANDLED_ACTIVITY_RETENTION_MINUTES,
    ]);
  }

  /**
   * A claim of a process whose renewals fail (an overloaded process, a database it cannot write to) could be taken
   * over while its turn runs. So a turn that finds the last renewal lapsed renews first: after an outage longer than
   * a beat, the first turn once the database is back starts, instead of failing until the next beat. If that renewal
   * fails too, the process claims nothing and the turn does not start; after a clean stop it claims nothing at all.
   */
  private async ensureAlive(): Promise<void> {
    if (this.now() <= this.holdsUntil) return;
    if (this.stopped) throw new Error('this process has stopped: it claims nothing');
    this.renewing ??= this.stayAlive().finally(() => {
      this.renewing = undefined;
    });
    await this.renewing;
    // A renewal that took longer than the room a claim needs has not made this process safe to claim.
    if (this.now() > this.holdsUntil) throw new Error('this process could not say it is alive in time: it claims nothing');
  }

  /**
   * True when this call claimed the activity: it was new, or its claim was made by a process that has stopped.
   * False when it was handled, or is being handled right now.
   */
  async claim(conversationId: string, activityId: string): Promise<boolean> {
    await this.ensureAlive();
    const counted = await this.admits.call({ scope: null, subject: null, windowSeconds: null, hits: null, key: this.keyHash(conversationId, activityId) });
    return counted.claimed;
  }

  /**
   * A person's turn counted against `limit` and, only when it is within it, its activity claimed: one statement,
   * shared with the turns that arrive with it. Over the limit nothing is claimed, so a repeat after the pause is handled.
   */
  async admit(rateLimits: RateLimits, limit: RateLimit, subject: string, conversationId: string, activityId: string): Promise<Admission> {
    await this.ensureAlive();
    const counted = await this.admits.call({ ...rateLimits.entryFor(limit, subject), key: this.keyHash(conversationId, activityId) });
    return { decision: rateLimits.decision(limit, counted), claimed: counted.claimed };
  }

  /** Again as the batch leaves: a turn may have waited behind a slow batch while this process's renewals failed. */
  private async admitAll(entries: AdmitEntry[]): Promise<CountedAttempt[]> {
    await this.ensureAlive();
    return admitTogether(this.db, entries, this.processId);
  }

  /** Claims older than the retention, and processes whose claims can all be gone (after a clean stop, 15 minutes later). */
  async purgeOlderThan(minutes = HANDLED_ACTIVITY_RETENTION_MINUTES): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM handled_activities WHERE handled_at < now() - make_interval(mins => $1::int)`,
      [minutes],
    );
    await this.db.query(`DELETE FROM service_processes WHERE alive_until < now() - make_interval(mins => $1::int)`, [minutes]);
    return rowCount;
  }
}
