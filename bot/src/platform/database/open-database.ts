import type { Database } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite-database';
import { openPostgres } from './postgres-database';

/** Opens the configured store and brings its schema up to date. */
/** Which store to open: a PostgreSQL server, or PGlite's files in a folder. */
export type StorageSettings = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export async function openDatabase(storage: StorageSettings): Promise<Database> {
  if (storage.kind === 'postgres') {
    // A migration may run long, or wait for another replica's: on a connection without the service's statement bounds.
    const migrator = await openPostgres({ url: storage.url, maxConnections: 1, bounded: false });
    try {
      await migrate(migrator);
    } finally {
      await migrator.close();
    }
    return openPostgres({ url: storage.url });
  }
  const db = await openPglite(storage.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
