import { randomUUID } from 'node:crypto';
import type { DeskSignal, Place, SignalDeskStore, StoredDeskSignal } from '../domain/signals/signal-desk';
import type { Database } from './database';

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
};

const COLUMNS = `id, organisation, inbox_role, category, wish, anonymity, urgency, status, created_at, reporter_aad_object_id,
  reply_route_sealed IS NOT NULL AS has_route, description_sealed, case_code_sealed`;

function toDesk(r: Row): StoredDeskSignal {
  return {
    id: r.id,
    organisation: r.organisation,
    inboxRole: r.inbox_role,
    category: r.category,
    wish: r.wish,
    anonymity: r.anonymity,
    urgency: r.urgency,
    status: r.status,
    receivedOn: new Date(r.created_at).toISOString().slice(0, 10),
    reporterAadObjectId: r.anonymity === 'vertrouwelijk' ? r.reporter_aad_object_id : null,
    canAnswer: r.has_route || r.reporter_aad_object_id !== null,
    descriptionSealed: r.description_sealed,
    caseCodeSealed: r.case_code_sealed,
  };
}

export class DatabaseSignalDeskStore implements SignalDeskStore {
  constructor(private readonly db: Database) {}

  async placesOf(aadObjectId: string): Promise<Place[]> {
    const { rows } = await this.db.query<{ organisation: string; inbox_role: Place['role'] }>(
      'SELECT organisation, inbox_role FROM counsellors WHERE aad_object_id = $1 ORDER BY organisation, inbox_role',
      [aadObjectId],
    );
    return rows.map((r) => ({ organisation: r.organisation, role: r.inbox_role }));
  }

  async inbox(places: Place[]) {
    const { rows } = await this.db.query<Row>(
      `SELECT ${COLUMNS} FROM signals
       WHERE (organisation, inbox_role) IN (SELECT * FROM unnest($1::text[], $2::text[]))
         AND status IN ('nieuw', 'in-behandeling')
       ORDER BY CASE urgency WHEN 'direct' THEN 0 WHEN 'snel' THEN 1 ELSE 2 END, created_at, id`,
      [places.map((p) => p.organisation), places.map((p) => p.role)],
    );
    return rows.map(toDesk);
  }

  async find(id: string) {
    const { rows } = await this.db.query<Row>(`SELECT ${COLUMNS} FROM signals WHERE id = $1 AND inbox_role IS NOT NULL`, [id]);
    return rows[0] && toDesk(rows[0]);
  }

  async recordRead(signalId: string, readerAadObjectId: string): Promise<void> {
    await this.db.query('INSERT INTO signal_reads (id, signal_id, reader_aad_object_id) VALUES ($1, $2, $3)', [randomUUID(), signalId, readerAadObjectId]);
  }

  async setStatus(signalId: string, status: 'in-behandeling' | 'gesloten'): Promise<void> {
    await this.db.query(
      `UPDATE signals SET status = $2, closed_at = CASE WHEN $2 = 'gesloten' THEN date_trunc('day', now()) ELSE NULL END WHERE id = $1`,
      [signalId, status],
    );
  }
}
