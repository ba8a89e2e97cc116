import { randomUUID } from 'node:crypto';
import type { NetworkCoordinator } from '../../shared/api/network';
import type { Database, Queryable } from '../../platform/database/database';
import { seedOnce } from '../../platform/database/seed-ledger';

/** The role recorded in counsellor_changes for a change to this list. */
const ROLE = 'netwerkcoordinator';

/**
 * Who coordinates a counsellor network, for which organisation, as the coordinator keeps it (network_coordinators).
 * Every change is recorded in counsellor_changes in the same transaction. A row opens nothing by itself: the figures
 * need the Entra app role NetworkCoordinator too.
 */
export class NetworkCoordinatorStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<NetworkCoordinator[]> {
    const { rows } = await this.db.query<{ aad_object_id: string; display_name: string; organisation: string }>(
      'SELECT aad_object_id, display_name, organisation FROM network_coordinators ORDER BY organisation, display_name, aad_object_id',
    );
    return rows.map((r) => ({ aadObjectId: r.aad_object_id, displayName: r.display_name, organisation: r.organisation }));
  }

  async save(person: NetworkCoordinator, by: string): Promise<'saved' | 'unknown-organisation'> {
    return this.db.transaction(async (tx) => {
      const known = await tx.query('SELECT 1 FROM organisations WHERE code = $1', [person.organisation]);
      if (known.rows.length === 0) return 'unknown-organisation';
      await tx.query(
        `INSERT INTO network_coordinators (aad_object_id, organisation, display_name) VALUES ($1, $2, $3)
         ON CONFLICT (aad_object_id, organisation) DO UPDATE SET display_name = EXCLUDED.display_name`,
        [person.aadObjectId, person.organisation, person.displayName],
      );
      await record(tx, by, 'saved', person.aadObjectId, person.organisation);
      return 'saved' as const;
    });
  }

  /** false when the person was not kept for that organisation. */
  async remove(aadObjectId: string, organisation: string, by: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query('DELETE FROM network_coordinators WHERE aad_object_id = $1 AND organisation = $2 RETURNING 1', [aadObjectId, organisation]);
      if (rows.length === 0) return false;
      await record(tx, by, 'removed', aadObjectId, organisation);
      return true;
    });
  }
}

function record(tx: Queryable, by: string, action: 'saved' | 'removed', person: string, organisation: string) {
  return tx.query(
    'INSERT INTO counsellor_changes (id, by_aad_object_id, action, counsellor_aad_object_id, organisation, roles) VALUES ($1, $2, $3, $4, $5, $6::text[])',
    [randomUUID(), by, action, person, organisation, [ROLE]],
  );
}

/** Loads the seed file's network coordinators, each once (seed-ledger.ts), so the coordinator's edits survive. */
export async function seedNetworkCoordinators(db: Database, people: readonly NetworkCoordinator[]): Promise<void> {
  await seedOnce(db, 'network-coordinator', people, (p) => `${p.aadObjectId}:${p.organisation}`, (tx, p) =>
    tx.query('INSERT INTO network_coordinators (aad_object_id, organisation, display_name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      p.aadObjectId,
      p.organisation,
      p.displayName,
    ]),
  );
}
