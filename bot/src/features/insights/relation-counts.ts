import type { Database } from '../../platform/database/database';
import type { Relation } from '../../shared/signal-vocabulary';
import { monthSettleMs, quarterOf, type Settling } from './periods';

/** Opens one pending relation (KeyRingSignalSealing.openRelation): null when the reporter said nothing. */
export type OpenRelation = (sealed: string, pendingId: string) => Relation | null;

/**
 * Adds the relations of every quarter whose signals have all left the mixer to relation_counts, at once, and
 * deletes them from relation_pending, in one transaction: a replica that runs this at the same moment finds the
 * rows gone. Until then each waits sealed and apart from its signal, so no count changes with one signal; the
 * figures show quarters only once they have settled (two weeks later), so they see every relation of theirs.
 * Returns how many pending relations were added up.
 */
export async function countSettledRelations(db: Database, openRelation: OpenRelation, now: Date, settling: Settling): Promise<number> {
  const latest = new Date(now.getTime() - monthSettleMs(settling));
  // The quarter that holds `latest` may still get signals from the mixer; every one before it is complete.
  const unsettled = quarterOf(latest.getUTCFullYear(), Math.floor(latest.getUTCMonth() / 3)).key;
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; quarter: string; organisation: string; category: string; relation_sealed: string }>(
      'DELETE FROM relation_pending WHERE quarter < $1 RETURNING id, quarter, organisation, category, relation_sealed',
      [unsettled],
    );
    const counts = new Map<string, { quarter: string; organisation: string; category: string; relation: Relation; n: number }>();
    for (const row of rows) {
      const relation = openRelation(row.relation_sealed, row.id);
      if (relation === null) continue;
      const key = [row.quarter, row.organisation, row.category, relation].join('\n');
      const count = counts.get(key) ?? { quarter: row.quarter, organisation: row.organisation, category: row.category, relation, n: 0 };
      count.n++;
      counts.set(key, count);
    }
    // In the order of their keys, so two replicas never wait for each other's rows in a circle.
    const c = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, count]) => count);
    if (c.length > 0) {
      await tx.query(
        `INSERT INTO relation_counts (quarter, organisation, category, relation, n)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
         ON CONFLICT (quarter, organisation, category, relation) DO UPDATE SET n = relation_counts.n + EXCLUDED.n`,
        [c.map((x) => x.quarter), c.map((x) => x.organisation), c.map((x) => x.category), c.map((x) => x.relation), c.map((x) => x.n)],
      );
    }
    return rows.length;
  });
}
