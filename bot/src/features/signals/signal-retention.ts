import type { RetentionPolicy } from '../../shared/policies';
import type { RetentionResult, SignalRetentionStore } from './retention';
import type { Database } from '../../platform/database/database';

/** Enforces the retention policy in the database. Idempotent, so every replica may run it. */
export class DatabaseSignalRetention implements SignalRetentionStore {
  constructor(private readonly db: Database) {}

  async enforce(policy: RetentionPolicy): Promise<RetentionResult> {
    return this.db.transaction(async (tx) => {
      const texts = await tx.query(
        `UPDATE signals SET description_sealed = NULL
         WHERE status = 'geteld' AND description_sealed IS NOT NULL AND created_at < now() - make_interval(days => $1::int)`,
        [policy.countedTextDays],
      );
      const counted = await tx.query(
        `DELETE FROM signals WHERE status = 'geteld' AND created_at < now() - make_interval(days => $1::int)`,
        [policy.countedDays],
      );
      const closed = await tx.query(
        `DELETE FROM signals WHERE status = 'gesloten' AND closed_at < now() - make_interval(days => $1::int)`,
        [policy.closedDays],
      );
      const idle = await tx.query(
        `DELETE FROM signals s WHERE status IN ('nieuw', 'in-behandeling') AND created_at < now() - make_interval(days => $1::int)
           AND NOT EXISTS (SELECT 1 FROM signal_messages m WHERE m.signal_id = s.id AND m.created_at >= now() - make_interval(days => $1::int))`,
        [policy.openIdleDays],
      );
      // The relations of a quarter go when a counted signal of its last day would: they served its figures.
      const relations = await tx.query(
        `DELETE FROM relation_pending WHERE quarter < to_char(now() - make_interval(days => $1::int), 'YYYY"-Q"Q')`,
        [policy.countedDays],
      );
      await tx.query(`UPDATE signals SET submission_hmac = NULL WHERE submission_hmac IS NOT NULL AND created_at < now() - interval '1 day'`);
      await tx.query(`UPDATE signal_messages SET submission_hmac = NULL WHERE submission_hmac IS NOT NULL AND created_at < now() - interval '1 day'`);
      return { textsDropped: texts.rowCount, countedDeleted: counted.rowCount, closedDeleted: closed.rowCount, openIdleDeleted: idle.rowCount, relationsDeleted: relations.rowCount };
    });
  }
}
