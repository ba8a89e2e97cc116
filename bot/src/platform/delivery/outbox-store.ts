import type { DeskReminderNotice, Notice, Recipient, SignalNotice } from '../../shared/notices';
import type { DeliveryBacklog } from '../telemetry/service-metrics';
import type { Database } from '../database/database';

/** A claim on an outbox row: its id and the attempt that claimed it (a newer claim has a higher number). */
export interface HeldClaim {
  id: string;
  attempts: number;
}

interface Claim extends HeldClaim {
  /** Earlier tries that Teams throttled (429, 412): they do not count toward giving up. */
  throttled: number;
}

/** A claimed message: what to send is read from its source (a sealed message, a workshop) when sending. */
export type DueMessage = Claim &
  (
    | { kind: 'signal-answer'; signalId: string; messageId: string | null; notice: SignalNotice | null }
    | { kind: 'workshop-notice'; workshopId: string; notice: Notice; recipient: Recipient }
    | { kind: 'desk-reminder'; signalId: string; notice: DeskReminderNotice; recipient: Extract<Recipient, { kind: 'person' }> }
    /** `notice`: the advice's quarter, scope and topic (features/insights/network-advice.ts). */
    | { kind: 'network-advice'; notice: string; recipient: Extract<Recipient, { kind: 'person' }> }
  );

/**
 * The durable outbox. Claiming happens in the database (FOR UPDATE SKIP LOCKED), so replicas never take
 * the same row; a claimed row is 'sending' until it is settled.
 */
export class OutboxStore {
  private nextLapseCheck = 0;

  constructor(
    private readonly db: Database,
    /** A claimed message whose process died returns to the queue after this (longer than a send's timeout). */
    private readonly leaseSeconds: number,
  ) {}

  /**
   * Claims up to `limit` due messages. Messages whose claim lapsed (their process died) come back first;
   * one whose send had started may have reached Teams, so it is marked in doubt (for the operators, should
   * it fail later) and sent again rather than lost. `held` are the caller's own claims, still being sent: a
   * send slower than the lease does not make them lapse (the caller renews them, see `renewClaims`).
   */
  async claimDue(limit: number, held: readonly HeldClaim[] = []): Promise<DueMessage[]> {
    // Lapsed claims are looked for a few times per lease, not on every claim of a busy round.
    if (Date.now() >= this.nextLapseCheck) {
      this.nextLapseCheck = Date.now() + (this.leaseSeconds * 1000) / 4;
      await this.db.query(
        `UPDATE outbox SET status = 'pending', in_doubt = in_doubt OR send_started_at IS NOT NULL, send_started_at = NULL
         WHERE status = 'sending' AND next_attempt_at < now() - make_interval(secs => $1)
           AND (id, attempts) NOT IN (SELECT * FROM unnest($2::uuid[], $3::int[]))`,
        [this.leaseSeconds, held.map((c) => c.id), held.map((c) => c.attempts)],
      );
    }
    const { rows } = await this.db.query<{
      id: string;
      kind: DueMessage['kind'];
      signal_id: string;
      message_id: string;
      workshop_id: string;
      notice: string;
      recipient: Recipient;
      attempts: number;
      throttled: number;
    }>(
      `UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = now(), resend = false, send_started_at = NULL
       WHERE id IN (
         SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, kind, signal_id, message_id, workshop_id, notice, recipient, attempts, throttled`,
      [limit],
    );
    return rows.map((r): DueMessage => {
      const claim = { id: r.id, attempts: r.attempts, throttled: r.throttled };
      switch (r.kind) {
        case 'signal-answer':
          return { ...claim, kind: r.kind, signalId: r.signal_id, messageId: r.message_id, notice: r.notice as SignalNotice | null };
        case 'network-advice':
          return { ...claim, kind: r.kind, notice: r.notice, recipient: r.recipient as Extract<Recipient, { kind: 'person' }> };
        case 'desk-reminder':
          return { ...claim, kind: r.kind, signalId: r.signal_id, notice: r.notice as DeskReminderNotice, recipient: r.recipient as Extract<Recipient, { kind: 'person' }> };
        default:
          return { ...claim, kind: r.kind, workshopId: r.workshop_id, notice: r.notice as Notice, recipient: r.recipient };
      }
    });
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
        "UPDATE outbox SET status = 'pending', resend = false, attempts = 0, throttled = 0, next_attempt_at = now() WHERE id = $1 AND status = 'sending' AND attempts = $2 AND resend",
        [message.id, message.attempts],
      );
    }
  }

  /**
   * Right before the request to Teams: the claim is still ours (no other replica took the row over), its
   * lease starts again, and the row records that a send began.
   */
  async markSending(message: DueMessage): Promise<boolean> {
    const { rowCount } = await this.db.query(
      "UPDATE outbox SET next_attempt_at = now(), send_started_at = now() WHERE id = $1 AND status = 'sending' AND attempts = $2",
      [message.id, message.attempts],
    );
    return rowCount === 1;
  }

  /**
   * The process holding these claims is alive: their lease starts again, so no other replica takes them over
   * while a send is slow. A claim that was taken over meanwhile (another attempt) is left alone.
   */
  async renewClaims(claims: readonly HeldClaim[]): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET next_attempt_at = now()
       WHERE status = 'sending' AND (id, attempts) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))`,
      [claims.map((c) => c.id), claims.map((c) => c.attempts)],
    );
  }

  /** Not sent and not tried: back to the queue for `delayMs` (a busy conversation); the attempt does not count. */
  async defer(message: DueMessage, delayMs: number): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET status = 'pending', attempts = attempts - 1, send_started_at = NULL, next_attempt_at = now() + make_interval(secs => $3)
       WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [message.id, message.attempts, delayMs / 1000],
    );
  }

  /** The queue at this moment, for the operators' metrics: counts only. */
  async backlog(): Promise<DeliveryBacklog> {
    const { rows } = await this.db.query<{ due: number; waiting: number; sending: number; failed: number; oldest_due_seconds: number }>(
      `SELECT count(*) FILTER (WHERE status = 'pending' AND next_attempt_at <= now())::int AS due,
              count(*) FILTER (WHERE status = 'pending' AND next_attempt_at > now())::int AS waiting,
              count(*) FILTER (WHERE status = 'sending')::int AS sending,
              count(*) FILTER (WHERE status = 'failed')::int AS failed,
              coalesce(extract(epoch FROM now() - min(next_attempt_at) FILTER (WHERE status = 'pending' AND next_attempt_at <= now())), 0)::double precision
                AS oldest_due_seconds
       FROM outbox`,
    );
    const r = rows[0]!;
    return { due: r.due, waiting: r.waiting, sending: r.sending, failed: r.failed, oldestDueSeconds: r.oldest_due_seconds };
  }

  /** Failed messages are kept a week for the operators (reason and attempts, never a text), then deleted. */
  async purgeFailed(): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM outbox WHERE status = 'failed' AND next_attempt_at < now() - interval '7 days'`);
    return rowCount;
  }

  /**
   * A failed try: again after `retryInMs`, or, without it, given up (failed, kept a week with its reason).
   * `reason` is an error name or status code, never a message text. `inDoubt`: the request may have reached
   * Teams all the same (it timed out), which the row keeps for the operators.
   */
  async markFailedAttempt(message: DueMessage, reason: string, retryInMs?: number, throttled = false, inDoubt = false): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET status = $2, last_error = $3, send_started_at = NULL, next_attempt_at = now() + make_interval(secs => $4),
         throttled = throttled + $6::int, in_doubt = in_doubt OR $7
       WHERE id = $1 AND status = 'sending' AND attempts = $5`,
      [message.id, retryInMs === undefined ? 'failed' : 'pending', reason.slice(0, 200), (retryInMs ?? 0) / 1000, message.attempts, throttled ? 1 : 0, inDoubt],
    );
  }

}
