import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './database';

export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

/** Any constant shared by all replicas; it names the lock that serialises migrations. */
const MIGRATION_LOCK_ID = 0x5356_0001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migration files in order, their names checked: the version and name each stands for. */
async function migrationFiles(dir: string): Promise<Array<Omit<Migration, 'sql'> & { file: string }>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const found: Array<Omit<Migration, 'sql'> & { file: string }> = [];
  for (const file of files) {
    const match = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`Migration file name must look like 001_name.sql: ${file}`);
    const version = Number(match[1]);
    if (found.some((m) => m.version === version)) throw new Error(`Two migrations share version ${version}`);
    found.push({ version, name: match[2] as string, file });
  }
  return found;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = await migrationFiles(dir);
  return Promise.all(files.map(async ({ version, name, file }) => ({ version, name, sql: await readFile(path.join(dir, file), 'utf8') })));
}

/** The schema version this code expects: the last migration's, read from the file names alone. */
export async function latestMigrationVersion(dir = MIGRATIONS_DIR): Promise<number> {
  return Math.max(0, ...(await migrationFiles(dir)).map((m) => m.version));
}

/**
 * Applies the migrations not yet applied, all in one transaction under an advisory lock, so replicas
 * that start together wait for each other and each migration runs exactly once.
 * Returns the versions this call applied.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await loadMigrations());
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of all) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
