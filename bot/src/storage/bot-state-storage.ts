import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from './database';

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder's `Storage` on our own database, so conversation and user state live beside the data
 * and survive restarts and replicas. Semantics follow botbuilder's MemoryStorage: a write whose eTag
 * is absent, empty or "*" always wins; any other eTag must match the stored one, or the write fails.
 * eTags come from one sequence, so they are never reused, not even after a delete.
 */
export class DatabaseBotStorage implements Storage {
  constructor(private readonly db: Database) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const { rows } = await this.db.query<{ key: string; document: Record<string, unknown>; etag: number }>(
      'SELECT key, document, etag FROM bot_state WHERE key = ANY($1::text[])',
      [keys],
    );
    const items: StoreItems = {};
    for (const row of rows) items[row.key] = { ...row.document, eTag: String(row.etag) };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...document } = (item ?? {}) as Record<string, unknown> & { eTag?: string };
      const json = JSON.stringify(document);
      if (!eTag || eTag === '*') {
        await this.db.query(
          `INSERT INTO bot_state (key, document) VALUES ($1, $2::jsonb)
           ON CONFLICT (key) DO UPDATE SET document = EXCLUDED.document, etag = nextval('bot_state_etag_seq')`,
          [key, json],
        );
        continue;
      }
      const expected = Number(eTag);
      const { rowCount } = await this.db.query(
        `INSERT INTO bot_state (key, document) VALUES ($1, $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET document = EXCLUDED.document, etag = nextval('bot_state_etag_seq')
         WHERE bot_state.etag = $3`,
        [key, json, Number.isFinite(expected) ? expected : -1],
      );
      if (rowCount === 0) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM bot_state WHERE key = ANY($1::text[])', [keys]);
  }
}
