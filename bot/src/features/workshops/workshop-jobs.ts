import { type Job, noticesForJob } from './notices';
import type { Database, Queryable } from '../../platform/database/database';
import { divideIntoGroups } from './mixed-groups';
import { enqueueNotices } from './workshop-notices-outbox';

const BATCH = 20;

/**
 * Scheduled sends (reminders, the evaluation). A due job is claimed and turned into outbox notices in
 * one transaction (FOR UPDATE SKIP LOCKED), so two replicas never send one twice and a crash loses none.
 */
export class WorkshopJobs {
  constructor(private readonly db: Database) {}

  /** Runs what is due; returns how many jobs ran. */
  runDue(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ workshop_id: string; programme_id: string | null; kind: Job; cancelled: boolean; started: boolean }>(
        `UPDATE workshop_jobs j SET done_at = now()
         FROM workshops w
         WHERE w.id = j.workshop_id AND (j.workshop_id, j.kind) IN (
           SELECT workshop_id, kind FROM workshop_jobs WHERE done_at IS NULL AND due_at <= now()
           ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING j.workshop_id, w.programme_id, j.kind, w.status = 'geannuleerd' AS cancelled, w.starts_at <= now() AS started`,
        [BATCH],
      );
      for (const job of rows) {
        // A reminder after the start (the service was down when it was due) would only confuse.
        if (job.cancelled || (job.kind !== 'evaluation' && job.started)) continue;
        if (job.kind === 'groups') {
          await divideDialogue(tx, job.workshop_id);
          continue;
        }
        const kind = job.kind;
        // A session's day reminder goes only to those with no seat in an earlier round: they had it with that one.
        const participants = await tx.query<{ aad_object_id: string; user_id: string }>(
          `SELECT r.aad_object_id, r.user_id FROM registrations r JOIN workshops w ON w.id = r.workshop_id
           WHERE r.workshop_id = $1 AND r.status = 'aangemeld'
             AND NOT ($2 AND w.programme_id IS NOT NULL AND EXISTS (
               SELECT 1 FROM registrations e JOIN workshops ew ON ew.id = e.workshop_id
               WHERE ew.programme_id = w.programme_id AND ew.round < w.round AND e.aad_object_id = r.aad_object_id AND e.status = 'aangemeld'))
           ORDER BY r.queue_order`,
          [job.workshop_id, job.kind === 'reminder-day'],
        );
        const facilitators = await tx.query<{ aad_object_id: string }>(
          `SELECT f.aad_object_id FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
           WHERE x.workshop_id = $1 AND x.status = 'geaccepteerd' AND f.aad_object_id IS NOT NULL`,
          [job.workshop_id],
        );
        await enqueueNotices(
          tx,
          job.workshop_id,
          noticesForJob(
            kind,
            job.workshop_id,
            participants.rows.map((p) => ({ aadObjectId: p.aad_object_id, userId: p.user_id })),
            facilitators.rows.map((f) => ({ aadObjectId: f.aad_object_id })),
            job.programme_id ?? undefined,
          ),
        );
      }
      return rows.length;
    });
  }
}

/**
 * A dialogue's groups, at the time its programme set: the people with a seat divided by the mix rule
 * (mixed-groups.ts), each told their group and who is in it. Run once per session, in the job's transaction.
 */
async function divideDialogue(tx: Queryable, sessionId: string): Promise<void> {
  const { rows: rules } = await tx.query<{ mix_roles: string[] | null; group_size: number | null; mix_min_percent: number | null }>(
    `SELECT p.mix_roles, p.group_size, p.mix_min_percent FROM workshops w JOIN programmes p ON p.id = w.programme_id WHERE w.id = $1 AND w.mixed`,
    [sessionId],
  );
  const r = rules[0];
  if (!r?.mix_roles || !r.group_size || !r.mix_min_percent) return;
  // The session locked, as a choice locks it: nobody joins or leaves while the groups are made.
  await tx.query('SELECT 1 FROM workshops WHERE id = $1 FOR NO KEY UPDATE', [sessionId]);
  const { rows } = await tx.query<{ aad_object_id: string; user_id: string; role: string | null; queue_order: string }>(
    `SELECT aad_object_id, user_id, role, queue_order FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld'`,
    [sessionId],
  );
  const { groups } = divideIntoGroups(
    rows.map((p) => ({ ...p, role: p.role ?? '', queueOrder: BigInt(p.queue_order) })),
    { roles: r.mix_roles, groupSize: r.group_size, minPercent: r.mix_min_percent },
  );
  for (const [i, group] of groups.entries()) {
    await tx.query('UPDATE registrations SET group_number = $3 WHERE workshop_id = $1 AND aad_object_id = ANY($2::text[])', [sessionId, group.map((p) => p.aad_object_id), i + 1]);
  }
  await enqueueNotices(
    tx,
    sessionId,
    groups.flat().map((p) => ({
      notice: 'groups',
      recipient: { kind: 'person', aadObjectId: p.aad_object_id, userId: p.user_id },
      idempotencyKey: `groups:${sessionId}:${p.aad_object_id}`,
    })),
  );
}
