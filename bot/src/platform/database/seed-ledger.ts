import type { Database, Queryable } from './database';

export type SeedKind = 'organisation' | 'organisation-part' | 'referral' | 'routing-rule' | 'facilitator' | 'counsellor' | 'network-coordinator';

/**
 * Puts seed rows in once in the life of a database (the `seeded` ledger): a row that was edited stays edited,
 * one that was removed stays removed. On a normal start every row is in the ledger already, which one query
 * tells; a new row is claimed and inserted in one transaction, so replicas starting together insert it once.
 */
export async function seedOnce<T>(db: Database, kind: SeedKind, rows: readonly T[], keyOf: (row: T) => string, insert: (tx: Queryable, row: T) => Promise<unknown>): Promise<void> {
  const { rows: known } = await db.query<{ key: string }>('SELECT key FROM seeded WHERE kind = $1', [kind]);
  const seeded = new Set(known.map((r) => r.key));
  for (const row of rows) {
    const key = keyOf(row);
    if (seeded.has(key)) continue;
    await db.transaction(async (tx) => {
      const claimed = await tx.query('INSERT INTO seeded (kind, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key', [kind, key]);
      if (claimed.rowCount > 0) await insert(tx, row);
    });
  }
}
