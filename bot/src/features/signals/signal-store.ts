import type { PublishedSignal } from './mixing/mixer';
import type { NewSignalRecord, SignalStore, SignalSummary } from './signal-service';
import type { Database, Queryable } from '../../platform/database/database';

const UNIQUE_VIOLATION = '23505';

const SUMMARY_COLUMNS = `id, category, wish, anonymity, status, organisation, created_at, reporter_aad_object_id, reply_route_sealed, taken_on_at,
  (SELECT min(r.read_at) FROM signal_reads r WHERE r.signal_id = signals.id) AS first_opened_at`;

type SummaryRow = {
  id: string;
  category: SignalSummary['category'];
  wish: SignalSummary['wish'];
  anonymity: SignalSummary['anonymity'];
  status: SignalSummary['status'];
  organisation: SignalSummary['organisation'];
  created_at: Date;
  reporter_aad_object_id: string | null;
  reply_route_sealed: string | null;
  taken_on_at: Date | null;
  first_opened_at: Date | null;
};

const summary = (r: SummaryRow): SignalSummary => ({
  id: r.id,
  category: r.category,
  wish: r.wish,
  anonymity: r.anonymity,
  status: r.status,
  organisation: r.organisation,
  createdAt: new Date(r.created_at),
  reporterAadObjectId: r.reporter_aad_object_id,
  replyRouteSealed: r.reply_route_sealed,
  takenOnAt: r.taken_on_at && new Date(r.taken_on_at),
  firstOpenedAt: r.first_opened_at && new Date(r.first_opened_at),
});

export class DatabaseSignalStore implements SignalStore {
  constructor(private readonly db: Database) {}

  async findByCaseCode(hmacs: Buffer[]): Promise<SignalSummary | undefined> {
    const { rows } = await this.db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM signals WHERE case_code_hmac = ANY($1::bytea[])`, [hmacs]);
    // Two matches can only be one code stored under two keys (before and after a rotation): show neither.
    return rows.length === 1 ? summary(rows[0]!) : undefined;
  }

  async codeBelongsToSubmission(codeHmacs: Buffer[], submissionHmacs: Buffer[]): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM signals WHERE case_code_hmac = ANY($1::bytea[]) AND submission_hmac = ANY($2::bytea[])', [
      codeHmacs,
      submissionHmacs,
    ]);
    return rows.length > 0;
  }

  async listByReporter(aadObjectId: string): Promise<SignalSummary[]> {
    const { rows } = await this.db.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM signals WHERE reporter_aad_object_id = $1 ORDER BY created_at DESC`,
      [aadObjectId],
    );
    return rows.map(summary);
  }

  async inbox(organisation: string, role: string): Promise<SignalSummary[]> {
    const { rows } = await this.db.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM signals
       WHERE organisation = $1 AND inbox_role = $2 AND status IN ('nieuw', 'in-behandeling') ORDER BY created_at`,
      [organisation, role],
    );
    return rows.map(summary);
  }


  async insert(r: PublishedSignal): Promise<'stored' | 'duplicate-submission' | 'duplicate-code'> {
    try {
      // The row and its count are one: a count never stands without its signal, nor a signal without its count.
      await this.db.transaction((tx) => insertSignals(tx, [r], 'fail-on-duplicates'));
      return 'stored';
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code !== UNIQUE_VIOLATION) throw error;
      return constraint?.includes('submission') ? 'duplicate-submission' : 'duplicate-code';
    }
  }
}

/**
 * Signal rows in one statement however many there are (a publication writes its whole batch at once), each keeping
 * the day it was made (UTC midnight), in the order given. The mixer ignores duplicates: a repeat of a form that
 * slipped into the mixer while its first envelope was being published stores nothing, and neither does a second
 * row of the same form in one batch.
 */
export async function insertSignals(q: Queryable, rs: readonly PublishedSignal[], mode: 'fail-on-duplicates' | 'ignore-duplicates'): Promise<void> {
  if (rs.length === 0) return;
  const inserted = await q.query<{ id: string }>(
    `INSERT INTO signals (id, case_code_hmac, submission_hmac, organisation, category, wish, anonymity, urgency,
       inbox_role, status, description_sealed, case_code_sealed, reporter_aad_object_id, reporter_name_sealed, reply_route_sealed, created_at)
     SELECT t.id, t.case_code_hmac, t.submission_hmac, t.organisation, t.category, t.wish, t.anonymity, t.urgency,
       t.inbox_role, t.status, t.description_sealed, t.case_code_sealed, t.reporter_aad_object_id, t.reporter_name_sealed, t.reply_route_sealed, t.created_at
     FROM unnest($1::uuid[], $2::bytea[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[]) WITH ORDINALITY
       AS t(id, case_code_hmac, submission_hmac, organisation, category, wish, anonymity, urgency, inbox_role, status,
         description_sealed, case_code_sealed, reporter_aad_object_id, reporter_name_sealed, reply_route_sealed, created_at, n)
     ORDER BY t.n
     ${mode === 'ignore-duplicates' ? 'ON CONFLICT DO NOTHING' : ''}
     RETURNING id`,
    [
      rs.map((r) => r.id),
      rs.map((r) => r.caseCodeHmac),
      rs.map((r) => r.submissionHmac),
      rs.map((r) => r.organisation),
      rs.map((r) => r.category),
      rs.map((r) => r.wish),
      rs.map((r) => r.anonymity),
      rs.map((r) => r.urgency),
      rs.map((r) => r.inboxRole),
      rs.map((r) => r.status),
      rs.map((r) => r.descriptionSealed),
      rs.map((r) => r.caseCodeSealed),
      rs.map((r) => r.reporterAadObjectId),
      rs.map((r) => r.reporterNameSealed),
      rs.map((r) => r.replyRouteSealed),
      rs.map((r) => `${r.createdOn}T00:00:00Z`),
    ],
  );
  // Who the other person was is kept sealed, apart from its signal, and counted only when its quarter's figures are
  // taken: one row for every stored signal (a repeat the mixer drops adds nothing), whether a relation was said or
  // not, in the order of the rows' own random ids, not of the signals.
  const stored = new Set(inserted.rows.map((row) => row.id));
  const pending = rs.filter((r) => stored.has(r.id)).sort((a, b) => (a.relationPending.id < b.relationPending.id ? -1 : 1));
  if (pending.length === 0) return;
  await q.query(
    `INSERT INTO relation_pending (id, quarter, organisation, category, relation_sealed)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])`,
    [
      pending.map((r) => r.relationPending.id),
      pending.map((r) => quarterOf(r.createdOn)),
      pending.map((r) => r.organisation),
      pending.map((r) => r.category),
      pending.map((r) => r.relationPending.sealed),
    ],
  );
}

/** "2026-12-07" → "2026-Q4": the quarter a day falls in, as the figures name it. */
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
