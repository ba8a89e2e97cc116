import { Pool, type QueryConfig, types } from 'pg';
import type { Database, QueryResult, Queryable, Row } from './database';

// bigint (int8) and numeric come back as strings from `pg` by default; PGlite gives numbers.
// Counts and ids in this app fit in a double, so both engines return numbers.
types.setTypeParser(types.builtins.INT8, (v) => Number(v));
types.setTypeParser(types.builtins.NUMERIC, (v) => Number(v));

/**
 * Bounds on the service's work, so a database that hangs (a network that swallows packets) fails a turn in
 * seconds, within the 15 s Teams waits for a bot, instead of leaving it waiting for minutes. Measured with a
 * black-holed connection in tests/integration/faults-database.test.ts.
 */
export const POSTGRES_TIMEOUTS = {
  /** Opening a connection, or waiting for a free one from the pool. */
  connectMs: 5_000,
  /** The server cancels a statement (its wait for a lock included) that runs longer. */
  statementMs: 8_000,
  /** No answer at all (a hung network): the statement fails and its connection is destroyed. */
  readMs: 10_000,
  /** The server ends a session idle inside a transaction, so the locks of a client that vanished are freed. */
  idleInTransactionMs: 10_000,
  /** ROLLBACK after a failure; past this the connection is destroyed instead, which rolls back too. */
  rollbackMs: 2_000,
} as const;

export interface PostgresOptions {
  url: string;
  maxConnections?: number;
  /**
   * false: no statement bounds, for migrations, which may run long and wait for another replica's. Connecting
   * is bounded either way.
   */
  bounded?: boolean;
}

/**
 * Connections per process. Measured (docs/PERFORMANCE.md, 20 turns at once, two runs each): 4, 10 and 20 gave the
 * same registration and submit throughput within the machine's noise; 20 was lower for the welcome turn and the tab
 * API read. 10 also leaves room for the upkeep's work beside a burst of turns.
 */
const MAX_CONNECTIONS = 10;

export async function openPostgres({ url, maxConnections = MAX_CONNECTIONS, bounded = true }: PostgresOptions): Promise<Database> {
  const t = POSTGRES_TIMEOUTS;
  const pool = new Pool({
    connectionString: url,
    max: maxConnections,
    connectionTimeoutMillis: t.connectMs,
    idleTimeoutMillis: 30_000,
    // Probes an idle connection, so one that a network dropped silently is found out.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(bounded
      ? { statement_timeout: t.statementMs, query_timeout: t.readMs, idle_in_transaction_session_timeout: t.idleInTransactionMs }
      : {}),
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
      // A connection lost between two statements emits here (the pool listens only while a client is idle);
      // unheard, it would crash the process. The next statement fails anyway, and the client is destroyed.
      let lost: Error | undefined;
      const onLost = (error: Error) => {
        lost = error;
      };
      client.on('error', onLost);
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
        // A client whose ROLLBACK fails is broken: destroy it instead of returning it to the pool. A statement
        // left without an answer means the connection hangs: a ROLLBACK would only wait behind it.
        // pg reads query_timeout per query too (its types do not say so).
        const rollbackError = isReadTimeout(error)
          ? (error as Error)
          : await client.query({ text: 'ROLLBACK', query_timeout: t.rollbackMs } as QueryConfig).then(() => undefined, (e: Error) => e);
        client.off('error', onLost);
        client.release(rollbackError ?? lost);
        throw error;
      }
      client.off('error', onLost);
      client.release(lost);
      return result;
    },
    close: () => pool.end(),
  };
}

/** pg's error for a statement that got no answer within query_timeout. */
function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}
