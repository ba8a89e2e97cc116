import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Config } from '../../bot/src/config/config';

/**
 * The stores every storage test runs against: PGlite always, PostgreSQL when DATABASE_URL is set
 * (CI sets it). Each fixture is a fresh, empty store that is removed afterwards.
 */
export interface StoreFixture {
  storage: Config['storage'];
  dispose(): Promise<void>;
}

export type StoreFactory = () => Promise<StoreFixture>;

export async function tempPglite(): Promise<StoreFixture> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sv-pglite-'));
  return { storage: { kind: 'pglite', dataDir }, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

/** A new database on the server of DATABASE_URL, dropped on dispose, so tests never share state. */
export async function tempPostgres(): Promise<StoreFixture> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const name = `sv_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    storage: { kind: 'postgres', url: url.toString() },
    async dispose() {
      const c = new Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** `describe.each` input: every store this run can reach. */
export function storesUnderTest(): Array<[string, StoreFactory]> {
  const stores: Array<[string, StoreFactory]> = [['pglite', tempPglite]];
  if (process.env.DATABASE_URL) stores.push(['postgres', tempPostgres]);
  else if (process.env.CI === 'true') throw new Error('CI must set DATABASE_URL so PostgreSQL is tested');
  else process.stdout.write('PostgreSQL tests skipped: DATABASE_URL is not set (CI sets it).\n');
  return stores;
}

/**
 * `describe` for tests that need a PostgreSQL server itself (replicas, a proxy in front of it): run when
 * DATABASE_URL is set, skipped with a printed reason on a machine without it, and an error under CI, which sets it.
 */
export function postgresDescribe(what: string): jest.Describe {
  if (process.env.DATABASE_URL) return describe;
  if (process.env.CI === 'true') throw new Error(`CI must set DATABASE_URL: ${what} runs on PostgreSQL`);
  process.stdout.write(`${what} skipped: DATABASE_URL is not set (CI sets it).\n`);
  return describe.skip;
}
