import type { Database } from '../database/database';

/**
 * How long a handled activity is remembered. Teams repeats a delivery it got no answer to within seconds to a few
 * minutes; a claim kept longer would only tell a database reader when somebody used the bot.
 */
export const HANDLED_ACTIVITY_RETENTION_MINUTES = 15;

/**
 * A claim whose turn never finished (its process died) may be taken over after this long. Teams gives
 * a bot 15 seconds to answer; a turn still running after that has already failed from Teams' side.
 */
export const STALE_CLAIM_SECONDS = 15;

/** Records which activities were handled, so a repeated delivery is recognised. */
export class HandledActivities {
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

  /**
   * True when this call claimed the activity: it was new, or its earlier claim never finished and is
   * stale. False when it was handled, or is being handled right now.
   */
  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO handled_activities (key_hash) VALUES ($1)
       ON CONFLICT (key_hash) DO UPDATE SET handled_at = now()
       WHERE NOT handled_activities.done AND handled_activities.handled_at < now() - make_interval(secs => $2)`,
      [this.keyHash(conversationId, activityId), STALE_CLAIM_SECONDS],
    );
    return rowCount === 1;
  }

  /** The turn ended, well or with an error message to the person: a repeat must not run it again. */
  async finish(conversationId: string, activityId: string): Promise<void> {
    await this.db.query('UPDATE handled_activities SET done = true WHERE key_hash = $1', [this.keyHash(conversationId, activityId)]);
  }

  async purgeOlderThan(minutes = HANDLED_ACTIVITY_RETENTION_MINUTES): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM handled_activities WHERE handled_at < now() - make_interval(mins => $1::int)`,
      [minutes],
    );
    return rowCount;
  }
}
