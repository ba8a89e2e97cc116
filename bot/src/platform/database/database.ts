/**
 * One small interface over both PostgreSQL engines: PGlite (embedded, the local default) and `pg`
 * (a real server, production). Everything above this file speaks only this interface, in the
 * PostgreSQL dialect, so both engines run the same migrations and queries.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export type StorageKind = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly kind: StorageKind;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
