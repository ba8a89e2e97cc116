import { createHash } from 'node:crypto';
import type { Database } from './database';

/** How long a handled activity is remembered; Teams retries within minutes, never days. */
export const HANDLED_ACTIVITY_RETENTION_HOURS = 48;

/**
 * A claim whose turn never finished (its process died) may be taken over after this long. Teams gives
 * a bot 15 seconds to answer; a turn still running after that has already failed from Teams' side.
 */
export const STALE_CLAIM_SECONDS = 15;

const keyHash = (conversationId: string, activityId: string) =>
  createHash('sha256').update(`${conversationId}\u0000${activityId}`).digest();

/** Records which activities were handled, so a repeated delivery is recognised. */
export class HandledActivities {
  constructor(private readonly db: Database) {}

  /**
   * True when this call claimed the activity: it was new, or its earlier claim never finished and is
   * stale. False when it was handled, or is being handled right now.
   */
  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO handled_activities (key_hash) VALUES ($1)
       ON CONFLICT (key_hash) DO UPDATE SET handled_at = now()
       WHERE NOT handled_activities.done AND handled_activities.handled_at < now() - make_interval(secs => $2)`,
      [keyHash(conversationId, activityId), STALE_CLAIM_SECONDS],
    );
    return rowCount === 1;
  }

  /** The turn ended, well or with an error message to the person: a repeat must not run it again. */
  async finish(conversationId: string, activityId: string): Promise<void> {
    await this.db.query('UPDATE handled_activities SET done = true WHERE key_hash = $1', [keyHash(conversationId, activityId)]);
  }

  async purgeOlderThan(hours = HANDLED_ACTIVITY_RETENTION_HOURS): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM handled_activities WHERE handled_at < now() - make_interval(hours => $1::int)`,
      [hours],
    );
    return rowCount;
  }
}
