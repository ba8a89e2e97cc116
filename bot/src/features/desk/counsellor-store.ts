import { randomUUID } from 'node:crypto';
import type { Counsellor, UnstaffedInbox } from '../../shared/api/counsellors';
import type { Database, Queryable } from '../../platform/database/database';

/**
 * Who reads which inbox, as the coordinator keeps it: one row per person, organisation and desk in `counsellors`,
 * and every change recorded in `counsellor_changes` (who changed it, when), in the same transaction.
 */
export class CounsellorStore {
  constructor(
    private readonly db: Database,
    /** After a change: the routing forgets which inboxes are staffed, so new signals go where someone reads. */
    private readonly afterChange: () => void = () => undefined,
  ) {}

  async list(): Promise<Counsellor[]> {
    const { rows } = await this.db.query<{ aad_object_id: string; display_name: string; organisation: string; roles: Counsellor['roles'] }>(
      `SELECT aad_object_id, min(display_name) AS display_name, organisation, array_agg(inbox_role ORDER BY inbox_role) AS roles
       FROM counsellors GROUP BY aad_object_id, organisation ORDER BY organisation, min(display_name), aad_object_id`,
    );
    return rows.map((r) => ({ aadObjectId: r.aad_object_id, displayName: r.display_name, organisation: r.organisation, roles: r.roles }));
  }

  /** Puts a person at exactly these desks of the organisation. 'unknown-organisation': not in the organisations table. */
  async save(counsellor: Counsellor, by: string): Promise<'saved' | 'unknown-organisation'> {
    return this.db.transaction(async (tx) => {
      const known = await tx.query('SELECT 1 FROM organisations WHERE code = $1', [counsellor.organisation]);
      if (known.rows.length === 0) return 'unknown-organisation';
      await tx.query('DELETE FROM counsellors WHERE aad_object_id = $1 AND organisation = $2 AND NOT (inbox_role = ANY($3::text[]))', [
        counsellor.aadObjectId,
        counsellor.organisation,
        counsellor.roles,
      ]);
      await tx.query(
        `INSERT INTO counsellors (aad_object_id, organisation, inbox_role, display_name) SELECT $1, $2, role, $4 FROM unnest($3::text[]) AS role
         ON CONFLICT (aad_object_id, organisation, inbox_role) DO UPDATE SET display_name = EXCLUDED.display_name`,
        [counsellor.aadObjectId, counsellor.organisation, counsellor.roles, counsellor.displayName],
      );
      await this.record(tx, by, 'saved', counsellor.aadObjectId, counsellor.organisation, counsellor.roles);
      return 'saved' as const;
    }).then((outcome) => {
      if (outcome === 'saved') this.afterChange();
      return outcome;
    });
  }

  /** Takes a person off every desk of the organisation; false when they staffed none. */
  async remove(aadObjectId: string, organisation: string, by: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ inbox_role: string }>('DELETE FROM counsellors WHERE aad_object_id = $1 AND organisation = $2 RETURNING inbox_role', [
        aadObjectId,
        organisation,
      ]);
      if (rows.length === 0) return false;
      await this.record(tx, by, 'removed', aadObjectId, organisation, rows.map((r) => r.inbox_role).sort());
      return true;
    }).then((removed) => {
      if (removed) this.afterChange();
      return removed;
    });
  }

  /** Inboxes where open signals wait and nobody reads: someone left, and their signals are to be handed on. */
  async unstaffed(): Promise<UnstaffedInbox[]> {
    const { rows } = await this.db.query<{ organisation: string; inbox_role: UnstaffedInbox['role'] }>(
      `SELECT DISTINCT s.organisation, s.inbox_role FROM signals s
       WHERE s.inbox_role IS NOT NULL AND s.status IN ('nieuw', 'in-behandeling')
         AND NOT EXISTS (SELECT 1 FROM counsellors c WHERE c.organisation = s.organisation AND c.inbox_role = s.inbox_role)
       ORDER BY s.organisation, s.inbox_role`,
    );
    return rows.map((r) => ({ organisation: r.organisation, role: r.inbox_role }));
  }

  private async record(tx: Queryable, by: string, action: 'saved' | 'removed', counsellor: string, organisation: string, roles: string[]): Promise<void> {
    await tx.query(
      'INSERT INTO counsellor_changes (id, by_aad_object_id, action, counsellor_aad_object_id, organisation, roles) VALUES ($1, $2, $3, $4, $5, $6::text[])',
      [randomUUID(), by, action, counsellor, organisation, roles],
    );
  }
}
