import type { Database, Queryable, Row } from '../../bot/src/platform/database/database';

/**
 * The database, with `before` called with each statement's text before it is sent (it may wait, or throw to make the
 * statement fail): everywhere, or only inside transactions.
 */
export function beforeEachStatement(db: Database, before: (sql: string) => void | Promise<void>, where: 'everywhere' | 'in-transactions' = 'everywhere'): Database {
  const watched = (q: Queryable): Queryable => ({
    ...q,
    query: async <T extends Row>(sql: string, params?: readonly unknown[]) => {
      await before(sql);
      return q.query<T>(sql, params);
    },
  });
  return { ...db, ...(where === 'everywhere' ? watched(db) : {}), transaction: (work) => db.transaction((tx) => work(watched(tx))) };
}

/** The database, with a count of the statements (inside transactions and out) whose text holds `fragment`. */
export function countingStatements(db: Database, fragment: string): { db: Database; count: () => number } {
  let n = 0;
  return { db: beforeEachStatement(db, (sql) => void (n += sql.includes(fragment) ? 1 : 0)), count: () => n };
}
