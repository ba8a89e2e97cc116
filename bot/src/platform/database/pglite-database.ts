import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock';
import type { Database, QueryResult, Queryable, Row } from './database';

/** PGlite keeps its files in `dataDir`; `undefined` gives an in-memory database (tests). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  let unlock = async () => undefined as void;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  let pg: PGlite;
  try {
    // Numbers as numbers, as postgres-database.ts makes `pg` return them (20 = int8, 1700 = numeric).
    const parsers = { 20: Number, 1700: Number };
    pg = await PGlite.create(dataDir ? { dataDir, parsers } : { parsers });
  } catch (error) {
    await unlock();
    throw error;
  }

  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const result = await q.query<T>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      await q.exec(script);
    },
  });
  const self = wrap(pg);

  return {
    kind: 'pglite',
    query: self.query,
    exec: self.exec,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    async close() {
      await pg.close();
      await unlock();
    },
  };
}
