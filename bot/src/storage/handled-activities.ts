import { createHash } from 'node:crypto';
import type { Database } from './database';

/** How long a handled activity is remembered; Teams retries within minutes, never days. */
export const HANDLED_ACTIVITY_RETENTION_HOURS = 48;

const keyHash = (conversationId: string, activityId: string) =>
  createHash('sha256').update(`${conversationId}\u0000${activityId}`).digest();

/** Records which activities were handled, so a repeated delivery is recognised. */
export class HandledActivities {
  constructor(private readonly db: Database) {}

  /** True when this call claimed the activity; false when it was handled (or claimed) before. */
  async claim(conversationId: string, activityId: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'INSERT INTO handled_activities (key_hash) VALUES ($1) ON CONFLICT DO NOTHING',
      [keyHash(conversationId, activityId)],
    );
    return rowCount === 1;
  }

  /** Gives a claim back when handling failed, so Teams' retry is handled instead of dropped. */
  async release(conversationId: string, activityId: string): Promise<void> {
    await this.db.query('DELETE FROM handled_activities WHERE key_hash = $1', [keyHash(conversationId, activityId)]);
  }

  async purgeOlderThan(hours = HANDLED_ACTIVITY_RETENTION_HOURS): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM handled_activities WHERE handled_at < now() - make_interval(hours => $1::int)`,
      [hours],
    );
    return rowCount;
  }
}
