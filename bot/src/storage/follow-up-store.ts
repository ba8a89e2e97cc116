import type { FollowUpStore, MessageAuthor, SignalForFollowUp } from '../domain/signals/follow-up';
import type { SignalStatus } from '../domain/signals/signal-service';
import type { Database } from './database';

export class DatabaseFollowUpStore implements FollowUpStore {
  constructor(private readonly db: Database) {}

  async signal(id: string): Promise<SignalForFollowUp | undefined> {
    const { rows } = await this.db.query<{ id: string; status: SignalStatus; reporter_aad_object_id: string | null; reply_route_sealed: string | null }>(
      'SELECT id, status, reporter_aad_object_id, reply_route_sealed FROM signals WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r && { id: r.id, status: r.status, reporterAadObjectId: r.reporter_aad_object_id, replyRouteSealed: r.reply_route_sealed };
  }

  async addMessage(m: { id: string; signalId: string; author: MessageAuthor; bodySealed: string; deliver: boolean }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO signal_messages (id, signal_id, author, body_sealed) VALUES ($1, $2, $3, $4)', [
        m.id,
        m.signalId,
        m.author,
        m.bodySealed,
      ]);
      if (m.author === 'handler') {
        await tx.query("UPDATE signals SET status = 'in-behandeling' WHERE id = $1 AND status = 'nieuw'", [m.signalId]);
      }
      if (m.deliver) {
        await tx.query(
          `INSERT INTO outbox (id, idempotency_key, kind, signal_id, message_id) VALUES (gen_random_uuid(), $1, 'signal-answer', $2, $3)`,
          [`signal-answer:${m.id}`, m.signalId, m.id],
        );
      }
    });
  }

  async message(signalId: string, messageId: string): Promise<{ id: string; author: MessageAuthor; bodySealed: string } | undefined> {
    const { rows } = await this.db.query<{ id: string; author: MessageAuthor; body_sealed: string }>(
      'SELECT id, author, body_sealed FROM signal_messages WHERE signal_id = $1 AND id = $2',
      [signalId, messageId],
    );
    const r = rows[0];
    return r && { id: r.id, author: r.author, bodySealed: r.body_sealed };
  }

  async messages(signalId: string): Promise<Array<{ id: string; author: MessageAuthor; bodySealed: string; createdAt: Date }>> {
    const { rows } = await this.db.query<{ id: string; author: MessageAuthor; body_sealed: string; created_at: Date }>(
      'SELECT id, author, body_sealed, created_at FROM signal_messages WHERE signal_id = $1 ORDER BY created_at, id',
      [signalId],
    );
    return rows.map((r) => ({ id: r.id, author: r.author, bodySealed: r.body_sealed, createdAt: new Date(r.created_at) }));
  }
}
