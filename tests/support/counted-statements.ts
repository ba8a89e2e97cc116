import type { Database } from '../../bot/src/platform/database/database';

/** The database, with a count of the statements (outside transactions) whose text holds `fragment`. */
export function countingStatements(db: Database, fragment: string): { db: Database; count: () => number } {
  let n = 0;
  return {
    db: { ...db, query: (sql, params) => ((n += sql.includes(fragment) ? 1 : 0), db.query(sql, params)) },
    count: () => n,
  };
}
