import { randomUUID } from 'node:crypto';
import type { DeskHandover, DeskSignal, StatusChange } from '../../shared/api/desk';
import type { HandoverReason, ReferralRole, ReferRole } from '../../shared/signal-vocabulary';
import type { Place, SignalDeskStore, StoredDeskSignal } from './signal-desk';
import { type DeskTerms, termsOf } from '../../shared/desk-terms';
import type { DeskReminderStore, OpenSignalClock } from './desk-reminders';
import type { DeskReminderNotice, SignalNotice } from '../../shared/notices';
import { wantsAnswer } from '../signals';
import type { Database, Queryable } from '../../platform/database/database';

type Row = {
  id: string;
  organisation: string;
  inbox_role: DeskSignal['inboxRole'];
  category: DeskSignal['category'];
  wish: DeskSignal['wish'];
  anonymity: DeskSignal['anonymity'];
  urgency: DeskSignal['urgency'];
  status: DeskSignal['status'];
  created_at: Date | string;
  reporter_aad_object_id: string | null;
  has_route: boolean;
  description_sealed: string | null;
  case_code_sealed: string | null;
  reporter_name_sealed: string | null;
  closed_at: Date | string | null;
  unread: number;
  outcome: DeskSignal['outcome'];
  acknowledged_on: Date | string | null;
  terms: Partial<DeskTerms> | null;
};

const COLUMNS = `id, organisation, inbox_role, category, wish, anonymity, urgency, status, created_at, reporter_aad_object_id,
  reply_route_sealed IS NOT NULL AS has_route, description_sealed, case_code_sealed, reporter_name_sealed, closed_at, outcome,
  (SELECT count(*) FROM signal_messages m WHERE m.signal_id = signals.id AND m.author = 'reporter'
     AND m.seq > coalesce((SELECT max(r.seen_seq) FROM signal_reads r WHERE r.signal_id = signals.id), 0))::int AS unread,
  taken_on_at AS acknowledged_on,
  (SELECT o.terms FROM organisations o WHERE o.code = signals.organisation) AS terms`;

const day = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

function toDesk(r: Row): StoredDeskSignal {
  return {
    acknowledgedOn: r.acknowledged_on ? day(r.acknowledged_on) : null,
    terms: termsOf(r.terms),
    id: r.id,
    organisation: r.organisation,
    inboxRole: r.inbox_role,
    category: r.category,
    wish: r.wish,
    anonymity: r.anonymity,
    urgency: r.urgency,
    status: r.status,
    receivedOn: day(r.created_at),
    reporterAadObjectId: r.anonymity === 'vertrouwelijk' ? r.reporter_aad_object_id : null,
    // "Laten lezen": the person asked that nobody contacts them, so the desk has no way to answer.
    reporterTold: r.has_route,
    canAnswer: wantsAnswer(r.wish) && (r.has_route || r.reporter_aad_object_id !== null),
    unreadReplies: r.unread,
    closedOn: r.closed_at ? day(r.closed_at) : null,
    outcome: r.outcome,
    descriptionSealed: r.description_sealed,
    caseCodeSealed: r.case_code_sealed,
    reporterNameSealed: r.anonymity === 'vertrouwelijk' ? r.reporter_name_sealed : null,
  };
}

export class DatabaseSignalDeskStore implements SignalDeskStore, DeskReminderStore {
  constructor(private readonly db: Database) {}

  async placesOf(aadObjectId: string): Promise<Place[]> {
    const { rows } = await this.db.query<{ organisation: string; inbox_role: Place['role'] }>(
      'SELECT organisation, inbox_role FROM counsellors WHERE aad_object_id = $1 ORDER BY organisation, inbox_role',
      [aadObjectId],
    );
    return rows.map((r) => ({ organisation: r.organisation, role: r.inbox_role }));
  }

  async inbox(places: Place[], state: 'open' | 'closed') {
    const { rows } = await this.db.query<Row>(
      `SELECT * FROM (
         SELECT ${COLUMNS} FROM signals
         WHERE (organisation, inbox_role) IN (SELECT * FROM unnest($1::text[], $2::text[]))
           AND status ${state === 'open' ? "IN ('nieuw', 'in-behandeling')" : "= 'gesloten'"}) s
       ORDER BY ${state === 'open' ? "unread > 0 DESC, CASE urgency WHEN 'direct' THEN 0 WHEN 'snel' THEN 1 ELSE 2 END, created_at, id" : 'closed_at DESC, id'}`,
      [places.map((p) => p.organisation), places.map((p) => p.role)],
    );
    return rows.map(toDesk);
  }

  async find(id: string) {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM signals WHERE id = $1 AND inbox_role IS NOT NULL`, [id]);
    return rows[0] && toDesk(rows[0]);
  }

  async recordRead(signalId: string, readerAadObjectId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO signal_reads (id, signal_id, reader_aad_object_id, seen_seq)
       SELECT $1, $2, $3, coalesce((SELECT max(seq) FROM signal_messages WHERE signal_id = $2), 0)`,
      [randomUUID(), signalId, readerAadObjectId],
    );
  }

  async recordView(signalId: string, viewerAadObjectId: string): Promise<void> {
    await this.db.query('INSERT INTO signal_views (id, signal_id, viewer_aad_object_id) VALUES ($1, $2, $3)', [randomUUID(), signalId, viewerAadObjectId]);
  }

  async setStatus(signalId: string, change: StatusChange, inboxRole: string): Promise<boolean> {
    const { status } = change;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ was: string; first_take: boolean; has_route: boolean }>(
        `UPDATE signals s SET status = $2, closed_at = CASE WHEN $2 = 'gesloten' THEN date_trunc('day', now()) ELSE NULL END, outcome = $3,
           taken_on_at = CASE WHEN $2 = 'in-behandeling' THEN coalesce(s.taken_on_at, date_trunc('day', now())) ELSE s.taken_on_at END
         FROM (SELECT id, status AS was, taken_on_at IS NULL AS first_take FROM signals WHERE id = $1 AND inbox_role = $4 FOR UPDATE) old
         WHERE s.id = old.id AND s.status <> $2
         RETURNING old.was, old.first_take, s.reply_route_sealed IS NOT NULL AS has_route`,
        [signalId, status, change.status === 'gesloten' ? change.outcome : null, inboxRole],
      );
      const changed = rows[0];
      if (!changed) return false;
      // Taken on for the first time (the receipt confirmed by a person), closed, or opened again after it was closed:
      // the reporter hears it in their chat, through the sealed route.
      const notice = status === 'gesloten' ? 'gesloten' : changed.was === 'gesloten' ? 'heropend' : changed.first_take ? 'opgepakt' : undefined;
      if (notice && changed.has_route) await queueReporterNotice(tx, signalId, notice);
      return true;
    });
  }

  async openClocks(): Promise<OpenSignalClock[]> {
    const { rows } = await this.db.query<{
      id: string;
      category: OpenSignalClock['category'];
      status: OpenSignalClock['status'];
      created_at: Date | string;
      taken_on_at: Date | string | null;
      terms: Partial<DeskTerms> | null;
      counsellors: string[] | null;
    }>(
      `SELECT s.id, s.category, s.status, s.created_at, s.taken_on_at,
         (SELECT o.terms FROM organisations o WHERE o.code = s.organisation) AS terms,
         (SELECT array_agg(c.aad_object_id ORDER BY c.aad_object_id) FROM counsellors c
           WHERE c.organisation = s.organisation AND c.inbox_role = s.inbox_role) AS counsellors
       FROM signals s WHERE s.inbox_role IS NOT NULL AND s.status IN ('nieuw', 'in-behandeling')`,
    );
    return rows.map((r) => ({
      id: r.id,
      category: r.category,
      status: r.status,
      receivedOn: day(r.created_at),
      acknowledgedOn: r.taken_on_at ? day(r.taken_on_at) : null,
      terms: termsOf(r.terms),
      counsellors: r.counsellors ?? [],
    }));
  }

  async remind(signalId: string, notice: DeskReminderNotice, counsellors: string[]): Promise<boolean> {
    const [clock, state] = notice.split(':') as [string, string];
    return this.db.transaction(async (tx) => {
      const marked = await tx.query('INSERT INTO desk_reminders (signal_id, clock, state) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [signalId, clock, state]);
      if (marked.rowCount === 0) return false;
      for (const aadObjectId of counsellors) {
        await tx.query(
          `INSERT INTO outbox (id, idempotency_key, kind, signal_id, notice, recipient) VALUES (gen_random_uuid(), $1, 'desk-reminder', $2, $3, $4::jsonb)`,
          [`desk-reminder:${signalId}:${notice}:${randomUUID()}`, signalId, notice, JSON.stringify({ kind: 'person', aadObjectId })],
        );
      }
      return true;
    });
  }

  async staffedRoles(organisation: string): Promise<ReferralRole[]> {
    const { rows } = await this.db.query<{ inbox_role: ReferralRole }>('SELECT DISTINCT inbox_role FROM counsellors WHERE organisation = $1 ORDER BY inbox_role', [organisation]);
    return rows.map((r) => r.inbox_role);
  }

  async handovers(signalId: string): Promise<DeskHandover[]> {
    const { rows } = await this.db.query<{ from_role: ReferralRole; to_role: ReferralRole; reason: HandoverReason; handed_at: Date | string }>(
      'SELECT from_role, to_role, reason, handed_at FROM signal_handovers WHERE signal_id = $1 ORDER BY handed_at, id',
      [signalId],
    );
    return rows.map((r) => ({ from: r.from_role, to: r.to_role, reason: r.reason, on: day(r.handed_at) }));
  }

  async handOver(signalId: string, from: ReferralRole, to: ReferralRole, reason: HandoverReason, by: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ has_route: boolean }>(
        `UPDATE signals SET inbox_role = $3
         WHERE id = $1 AND inbox_role = $2 AND status IN ('nieuw', 'in-behandeling')
         RETURNING reply_route_sealed IS NOT NULL AS has_route`,
        [signalId, from, to],
      );
      if (!rows[0]) return false;
      // The reporter hears where it went and why, through the sealed route; never who moved it.
      await recordMove(tx, { signalId, from, to, reason, by }, rows[0].has_route ? `overgedragen:${reason}` : null);
      return true;
    });
  }

  async refer(signalId: string, from: ReferralRole, to: ReferRole, by: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ has_route: boolean }>(
        `UPDATE signals SET status = 'gesloten', closed_at = date_trunc('day', now()), outcome = 'doorverwezen'
         WHERE id = $1 AND inbox_role = $2 AND status IN ('nieuw', 'in-behandeling')
         RETURNING reply_route_sealed IS NOT NULL AS has_route`,
        [signalId, from],
      );
      if (!rows[0]) return false;
      // Audited as a handover is: from which desk, to which place, by whom, on which day.
      await recordMove(tx, { signalId, from, to, reason: 'ander-onderwerp', by }, rows[0].has_route ? `verwezen:${to}` : null);
      return true;
    });
  }

  async openAt(organisation: string, role: ReferralRole): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM signals WHERE organisation = $1 AND inbox_role = $2 AND status IN ('nieuw', 'in-behandeling') ORDER BY created_at, id`,
      [organisation, role],
    );
    return rows.map((r) => r.id);
  }
}

/** A notice to the reporter, through the sealed route, in the transaction that made it true. */
function queueReporterNotice(tx: Queryable, signalId: string, notice: SignalNotice): Promise<unknown> {
  return tx.query(`INSERT INTO outbox (id, idempotency_key, kind, signal_id, notice) VALUES (gen_random_uuid(), $1, 'signal-answer', $2, $3)`, [
    `signal-notice:${signalId}:${randomUUID()}`,
    signalId,
    notice,
  ]);
}

/**
 * A signal left its desk (passed on, or referred to a Rijk-wide place): the sending desk's reminders go, the move is
 * audited (who, from where, to where, why, the day), and the reporter is told when a route back exists.
 */
async function recordMove(
  tx: Queryable,
  move: { signalId: string; from: ReferralRole; to: ReferralRole; reason: HandoverReason; by: string },
  notice: SignalNotice | null,
): Promise<void> {
  await tx.query('DELETE FROM desk_reminders WHERE signal_id = $1', [move.signalId]);
  await tx.query('INSERT INTO signal_handovers (id, signal_id, from_role, to_role, reason, by_aad_object_id) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    move.signalId,
    move.from,
    move.to,
    move.reason,
    move.by,
  ]);
  if (notice) await queueReporterNotice(tx, move.signalId, notice);
}
