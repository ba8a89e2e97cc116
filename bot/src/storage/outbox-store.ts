import type { Notice, Recipient } from '../domain/workshops/notices';
import type { Database } from './database';

interface Claim {
  id: string;
  attempts: number;
}

/** A claimed message: what to send is read from its source (a sealed message, a workshop) when sending. */
export type DueMessage = Claim &
  (
    | { kind: 'signal-answer'; signalId: string; messageId: string }
    | { kind: 'workshop-notice'; workshopId: string; notice: Notice; recipient: Recipient }
  );

/** Retry schedule: 5 s, 20 s, 80 s, 320 s; then the message is marked failed with its reason. */
export const MAX_ATTEMPTS = 5;
const backoffSeconds = (attempts: number) => 5 * 4 ** (attempts - 1);

/** A message claimed for sending but never settled (its process died) returns to the queue after this. */
const STUCK_SECONDS = 120;

/**
 * The durable outbox. Claiming happens in the database (FOR UPDATE SKIP LOCKED), so replicas never take
 * the same row; a claimed row is 'sending' until it is settled.
 */
export class OutboxStore {
  constructor(private readonly db: Database) {}

  async claimDue(limit: number): Promise<DueMessage[]> {
    await this.db.query(
      `UPDATE outbox SET status = 'pending' WHERE status = 'sending' AND next_attempt_at < now() - make_interval(secs => $1)`,
      [STUCK_SECONDS],
    );
    const { rows } = await this.db.query<{
      id: string;
      kind: DueMessage['kind'];
      signal_id: string;
      message_id: string;
      workshop_id: string;
      notice: Notice;
      recipient: Recipient;
      attempts: number;
    }>(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = now(), resend = false
       WHERE id IN (
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, signal_id, message_id, workshop_id, notice, recipient, attempts`,
      [limit],
    );
    return rows.map((r): DueMessage =>
      r.kind === 'signal-answer'
        ? { id: r.id, kind: r.kind, signalId: r.signal_id, messageId: r.message_id, attempts: r.attempts }
        : {
            id: r.id,
            kind: r.kind,
            workshopId: r.workshop_id,
            notice: r.notice,
            recipient: r.recipient,
            attempts: r.attempts,
          },
    );
  }

  /**
   * Sent: the row goes, so no record of when someone was messaged outlives its use. Only the claim that
   * sent it may settle it (its attempt number fences off a claim that was taken over meanwhile).
   */
  async markSent(message: DueMessage): Promise<void> {
    const deleted = await this.db.query("DELETE FROM outbox WHERE id = $1 AND status = 'sending' AND attempts = $2 AND NOT resend", [
      message.id,
      message.attempts,
    ]);
    // Asked for again while it was being sent (a newer state of a shared card): once more, now.
    if (deleted.rowCount === 0) {
      await this.db.query(
        "UPDATE outbox SET status = 'pending', resend = false, attempts = 0, next_attempt_at = now() WHERE id = $1 AND status = 'sending' AND attempts = $2 AND resend",
        [message.id, message.attempts],
      );
    }
  }

  /**
   * Just before sending: the claim is still ours (no other replica took the row over after a slow batch).
   * Renewing it starts the stuck-timer again for this one message.
   */
  async renewClaim(message: DueMessage): Promise<boolean> {
    const { rowCount } = await this.db.query("UPDATE outbox SET next_attempt_at = now() WHERE id = $1 AND status = 'sending' AND attempts = $2", [
      message.id,
      message.attempts,
    ]);
    return rowCount === 1;
  }

  /** Failed messages are kept a week for the operators (reason and attempts, never a text), then deleted. */
  async purgeFailed(): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM outbox WHERE status = 'failed' AND next_attempt_at < now() - interval '7 days'`);
    return rowCount;
  }

  /** `reason` is an error name or status code, never a message text. */
  async markFailedAttempt(message: DueMessage, reason: string, retry: boolean): Promise<void> {
    const giveUp = !retry || message.attempts >= MAX_ATTEMPTS;
    await this.db.query(
      `UPDATE outbox SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4)
       WHERE id = $1 AND status = 'sending' AND attempts = $5`,
      [message.id, giveUp ? 'failed' : 'pending', reason.slice(0, 200), backoffSeconds(message.attempts), message.attempts],
    );
  }
}
