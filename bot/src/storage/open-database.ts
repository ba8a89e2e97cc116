import type { Config } from '../config/config';
import type { Database } from './database';
import { migrate } from './migrate';
import { openPglite } from './pglite-database';
import { openPostgres } from './postgres-database';

/** Opens the configured store and brings its schema up to date. */
export async function openDatabase(storage: Config['storage']): Promise<Database> {
  const db = storage.kind === 'postgres' ? await openPostgres({ url: storage.url }) : await openPglite(storage.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
