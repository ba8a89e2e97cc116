import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Config } from '../../bot/src/config/config';

/**
 * A fresh, empty store that is removed afterwards: for the tests (storages.ts) and the benchmarks, which run
 * outside Jest.
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
export async function tempPostgres(): Promise<StoreFixture & { storage: Extract<Config['storage'], { kind: 'postgres' }> }> {
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
