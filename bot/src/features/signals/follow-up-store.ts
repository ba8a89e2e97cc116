import type { FollowUpStore, MessageAuthor, SignalForFollowUp } from './follow-up';
import type { SignalStatus } from '../../shared/signal-vocabulary';
import type { Wish } from '../../shared/signal-vocabulary';
import type { Database } from '../../platform/database/database';

export class DatabaseFollowUpStore implements FollowUpStore {
  constructor(private readonly db: Database) {}

  async signal(id: string): Promise<SignalForFollowUp | undefined> {
    const { rows } = await this.db.query<{
      id: string;
      status: SignalStatus;
      wish: Wish;
      reporter_aad_object_id: string | null;
      reply_route_sealed: string | null;
      case_code_sealed: string | null;
      organisation: string;
      inbox_role: string | null;
    }>('SELECT id, status, wish, reporter_aad_object_id, reply_route_sealed, case_code_sealed, organisation, inbox_role FROM signals WHERE id = $1', [id]);
    const r = rows[0];
    return (
      r && {
        id: r.id,
        status: r.status,
        wish: r.wish,
        reporterAadObjectId: r.reporter_aad_object_id,
        replyRouteSealed: r.reply_route_sealed,
        caseCodeSealed: r.case_code_sealed,
        place: r.inbox_role ? { organisation: r.organisation, role: r.inbox_role } : null,
      }
    );
  }

  async addMessage(m: { id: string; signalId: string; author: MessageAuthor; bodySealed: string; deliver: boolean; submissionHmac?: Buffer; atInbox?: string }): Promise<'stored' | 'repeat' | 'moved'> {
    return this.db.transaction(async (tx) => {
      if (m.atInbox !== undefined) {
        // Held until the answer is stored: a handover waits for it, or it finds the signal moved and stores nothing.
        const { rows } = await tx.query('SELECT 1 FROM signals WHERE id = $1 AND inbox_role = $2 FOR UPDATE', [m.signalId, m.atInbox]);
        if (rows.length === 0) return 'moved';
      }
      const inserted = await tx.query(
        'INSERT INTO signal_messages (id, signal_id, author, body_sealed, submission_hmac) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (submission_hmac) DO NOTHING',
        [m.id, m.signalId, m.author, m.bodySealed, m.submissionHmac ?? null],
      );
      if (inserted.rowCount === 0) return 'repeat';
      if (m.author === 'handler') {
        // An answer takes the signal on, and confirms its receipt (the desk's clock) if nothing did before.
        await tx.query(
          `UPDATE signals SET status = CASE WHEN status = 'nieuw' THEN 'in-behandeling' ELSE status END,
             taken_on_at = coalesce(taken_on_at, date_trunc('day', now()))
           WHERE id = $1`,
          [m.signalId],
        );
      }
      if (m.deliver) {
        await tx.query(
          `INSERT INTO outbox (id, idempotency_key, kind, signal_id, message_id) VALUES (gen_random_uuid(), $1, 'signal-answer', $2, $3)`,
          [`signal-answer:${m.id}`, m.signalId, m.id],
        );
      }
      return 'stored';
    });
  }

  async hasReply(submissionHmacs: Buffer[]): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM signal_messages WHERE submission_hmac = ANY($1::bytea[])', [submissionHmacs]);
    return rows.length > 0;
  }

  async nextSeq(): Promise<number> {
    const { rows } = await this.db.query<{ seq: number }>("SELECT nextval('signal_messages_seq') AS seq");
    return rows[0]!.seq;
  }

  async message(signalId: string, messageId: string): Promise<{ id: string; author: MessageAuthor; bodySealed: string } | undefined> {
    const { rows } = await this.db.query<{ id: string; author: MessageAuthor; body_sealed: string }>(
      'SELECT id, author, body_sealed FROM signal_messages WHERE signal_id = $1 AND id = $2',
      [signalId, messageId],
    );
    const r = rows[0];
    return r && { id: r.id, author: r.author, bodySealed: r.body_sealed };
  }

  async messages(signalId: string): Promise<Array<{ id: string; author: MessageAuthor; bodySealed: string; createdAt: Date; seq: number }>> {
    const { rows } = await this.db.query<{ id: string; author: MessageAuthor; body_sealed: string; created_at: Date; seq: number }>(
      'SELECT id, author, body_sealed, created_at, seq FROM signal_messages WHERE signal_id = $1 ORDER BY seq',
      [signalId],
    );
    return rows.map((r) => ({ id: r.id, author: r.author, bodySealed: r.body_sealed, createdAt: new Date(r.created_at), seq: r.seq }));
  }
}
