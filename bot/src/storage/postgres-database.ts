import { Pool, types } from 'pg';
import type { Database, QueryResult, Queryable, Row } from './database';

// bigint (int8) and numeric come back as strings from `pg` by default; PGlite gives numbers.
// Counts and ids in this app fit in a double, so both engines return numbers.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));
types.setTypeParser(types.builtins.NUMERIC, (v) => Number(v));

export interface PostgresOptions {
  url: string;
  maxConnections?: number;
}

export async function openPostgres({ url, maxConnections = 10 }: PostgresOptions): Promise<Database> {
  const pool = new Pool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'sociaal-veilig',
  });
  // An idle client that loses its connection emits here; without a listener the process would crash.
  pool.on('error', () => undefined);

  const run = async <T extends Row>(
    q: Pick<Pool, 'query'>,
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<T>> => {
    const result = await q.query<T>(sql, [...params]);
    return { rows: result.rows, rowCount: result.rowCount ?? result.rows.length };
  };

  try {
    await run(pool, 'SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (script) => void (await pool.query(script)),
    async transaction(work) {
      const client = await pool.connect();
      const tx: Queryable = {
        query: (sql, params) => run(client, sql, params),
        exec: async (script) => void (await client.query(script)),
      };
      let result: Awaited<ReturnType<typeof work>>;
      try {
        await client.query('BEGIN');
        result = await work(tx);
        await client.query('COMMIT');
      } catch (error) {
        // A client whose ROLLBACK fails is broken: destroy it instead of returning it to the pool.
        const rollbackError = await client.query('ROLLBACK').then(() => undefined, (e: Error) => e);
        client.release(rollbackError);
        throw error;
      }
      client.release();
      return result;
    },
    close: () => pool.end(),
  };
}
