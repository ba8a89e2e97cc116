import type { NoticeRequest } from './notices';
import type { Queryable } from '../../platform/database/database';
import { randomUUID } from 'node:crypto';

/** Notices that stand for "the latest state", so many requests become one send (the shared card). */
const COALESCING = new Set<NoticeRequest['notice']>(['invitation-update']);

/**
 * Queues workshop notices in the caller's transaction, so a notice exists exactly when the change
 * that caused it was committed. A notice with a known key is not queued twice (one that failed is
 * tried again); a coalescing one asked for while it is being sent is sent once more afterwards, with
 * the newest state.
 */
export async function enqueueNotices(tx: Queryable, workshopId: string, notices: readonly NoticeRequest[]): Promise<void> {
  for (const n of notices) {
    const coalescing = COALESCING.has(n.notice);
    await tx.query(
      `INSERT INTO outbox (id, idempotency_key, kind, workshop_id, notice, recipient)
       VALUES ($1, $2, 'workshop-notice', $3, $4, $5::jsonb)
       ON CONFLICT (idempotency_key) DO ${
         coalescing
           ? `UPDATE SET resend = outbox.resend OR outbox.status = 'sending',
                status = CASE WHEN outbox.status = 'failed' THEN 'pending' ELSE outbox.status END,
                attempts = CASE WHEN outbox.status = 'failed' THEN 0 ELSE outbox.attempts END,
                next_attempt_at = CASE WHEN outbox.status = 'failed' THEN now() ELSE outbox.next_attempt_at END`
           : // A notice that failed before (e.g. the person had blocked the bot) may be asked for again later.
             `UPDATE SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, recipient = EXCLUDED.recipient
              WHERE outbox.status = 'failed'`
       }`,
      [randomUUID(), n.idempotencyKey, workshopId, n.notice, JSON.stringify(n.recipient)],
    );
  }
}
