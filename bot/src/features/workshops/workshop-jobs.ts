import { type Job, noticesForJob } from './notices';
import type { Database } from '../../platform/database/database';
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
        const participants = await tx.query<{ aad_object_id: string; user_id: string }>(
          `SELECT aad_object_id, user_id FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld' ORDER BY queue_order`,
          [job.workshop_id],
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
            job.kind,
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
