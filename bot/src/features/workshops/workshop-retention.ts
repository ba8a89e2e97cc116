import type { WorkshopRetentionPolicy } from '../../shared/policies';
import type { WorkshopRetentionResult } from './retention';
import type { Database } from '../../platform/database/database';

/** Enforces the workshop retention policy. Idempotent, so every replica may run it. */
export async function enforceWorkshopRetention(db: Database, policy: WorkshopRetentionPolicy): Promise<WorkshopRetentionResult> {
  return db.transaction(async (tx) => {
    const forgotten = await tx.query<{ id: string }>(
      `UPDATE workshops w SET organiser_aad_object_id = NULL, organiser_user_id = NULL,
         participants_kept = (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'aangemeld')
       WHERE w.ends_at < now() - make_interval(days => $1::int) AND w.organiser_aad_object_id IS NOT NULL
       RETURNING w.id`,
      [policy.peopleDays],
    );
    // A session's host is a person named by the organiser: forgotten with the people of the session.
    await tx.query('UPDATE workshops SET host = NULL WHERE id = ANY($1::uuid[]) AND host IS NOT NULL', [forgotten.rows.map((r) => r.id)]);
    await tx.query(
      `UPDATE programmes SET organiser_aad_object_id = NULL, organiser_user_id = NULL
       WHERE ends_at < now() - make_interval(days => $1::int) AND organiser_aad_object_id IS NOT NULL`,
      [policy.peopleDays],
    );
    const ids = forgotten.rows.map((r) => r.id);
    if (ids.length > 0) {
      await tx.query('DELETE FROM registrations WHERE workshop_id = ANY($1::uuid[])', [ids]);
      await tx.query('DELETE FROM outbox WHERE workshop_id = ANY($1::uuid[])', [ids]);
    }
    const deleted = await tx.query(`DELETE FROM workshops WHERE ends_at < now() - make_interval(days => $1::int)`, [policy.days]);
    // A programme goes with its last session (their ends are the same day).
    await tx.query(`DELETE FROM programmes WHERE ends_at < now() - make_interval(days => $1::int)`, [policy.days]);
    return { workshopsForgotten: ids.length, workshopsDeleted: deleted.rowCount };
  });
}
