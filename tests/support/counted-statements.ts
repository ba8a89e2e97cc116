import type { Database, Queryable } from '../../bot/src/platform/database/database';

/** The database, with a count of the statements (inside transactions and out) whose text holds `fragment`. */
export function countingStatements(db: Database, fragment: string): { db: Database; count: () => number } {
  let n = 0;
  const counted = (q: Queryable): Queryable => ({ ...q, query: (sql, params) => ((n += sql.includes(fragment) ? 1 : 0), q.query(sql, params)) });
  return {
    db: { ...db, ...counted(db), transaction: (work) => db.transaction((tx) => work(counted(tx))) },
    count: () => n,
  };
}
