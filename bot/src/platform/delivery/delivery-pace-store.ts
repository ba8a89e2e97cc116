import type { Pacing } from './teams-limits';
import type { Queryable } from '../database/database';

export type Reservation = { waitMs: number } | { laterMs: number };

/** The send slots of all replicas, kept in the database (see migration 010 for the algorithm). */
export class DeliveryPaceStore {
  constructor(private readonly db: Queryable) {}

  /** `weight`: how many tenant spacings the send takes (see Pacer). */
  async reserve(tenantKey: Buffer, conversationKey: Buffer, pacing: Pacing, weight: number): Promise<Reservation> {
    const { rows } = await this.db.query<{ wait_ms: number | null; later_ms: number | null }>('SELECT wait_ms, later_ms FROM delivery_reserve($1, $2, $3, $4, $5, $6, $7)', [
      tenantKey,
      conversationKey,
      pacing.tenantSpacingMs,
      pacing.conversationSpacingMs,
      pacing.conversationRateMs,
      pacing.conversationBurst,
      weight,
    ]);
    const row = rows[0]!;
    return row.wait_ms !== null ? { waitMs: Math.max(0, row.wait_ms) } : { laterMs: Math.max(0, row.later_ms ?? 0) };
  }

  /** After a 429: nothing more to this key (every replica) before Retry-After has passed. */
  async holdOff(key: Buffer, ms: number): Promise<void> {
    await this.db.query('UPDATE delivery_pace SET next_at = greatest(next_at, clock_timestamp() + make_interval(secs => $2)) WHERE key = $1', [key, ms / 1000]);
  }

  /** Rows of keys not sent to for an hour say nothing any more (the longest window is an hour). */
  async purge(): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM delivery_pace WHERE touched_at < now() - interval '1 hour' AND next_at < now() AND (tat IS NULL OR tat < now())`,
    );
    return rowCount;
  }
}
