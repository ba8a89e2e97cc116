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
      await this.db.transaction((tx) => insertSignal(tx, r, r.createdOn, 'fail-on-duplicates'));
      return 'stored';
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code !== UNIQUE_VIOLATION) throw error;
      return constraint?.includes('submission') ? 'duplicate-submission' : 'duplicate-code';
    }
  }
}

/**
 * One signal row, keeping the day it was made (UTC midnight). The mixer ignores duplicates: a repeat of a form that
 * slipped into the mixer while its first envelope was being published stores nothing.
 */
export async function insertSignal(q: Queryable, r: NewSignalRecord, day: string, mode: 'fail-on-duplicates' | 'ignore-duplicates'): Promise<void> {
  const inserted = await q.query(
    `INSERT INTO signals (id, case_code_hmac, submission_hmac, organisation, category, wish, anonymity, urgency,
       inbox_role, status, description_sealed, case_code_sealed, reporter_aad_object_id, reporter_name_sealed, reply_route_sealed, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::timestamptz)
     ${mode === 'ignore-duplicates' ? 'ON CONFLICT DO NOTHING' : ''}`,
    [
      r.id,
      r.caseCodeHmac,
      r.submissionHmac,
      r.organisation,
      r.category,
      r.wish,
      r.anonymity,
      r.urgency,
      r.inboxRole,
      r.status,
      r.descriptionSealed,
      r.caseCodeSealed,
      r.reporterAadObjectId,
      r.reporterNameSealed,
      r.replyRouteSealed,
      `${day}T00:00:00Z`,
    ],
  );
  // Counted only, and only with a signal that was stored (a repeat the mixer drops counts nothing).
  if (r.relation && (inserted.rowCount ?? 0) > 0) {
    await q.query(
      `INSERT INTO relation_counts (quarter, organisation, category, relation, n) VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (quarter, organisation, category, relation) DO UPDATE SET n = relation_counts.n + 1`,
      [quarterOf(day), r.organisation, r.category, r.relation],
    );
  }
}

/** "2026-12-07" → "2026-Q4": the quarter a day falls in, as the figures name it. */
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
