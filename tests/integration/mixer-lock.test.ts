import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createMixer } from '../../bot/src/wiring/features';
import { MIX_LOCK_ID } from '../../bot/src/features/signals/mixing/mix-store';
import { SignalService } from '../../bot/src/features/signals/signal-service';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { DatabaseSignalStore } from '../../bot/src/features/signals/signal-store';
import { SocialeKaartRepository } from '../../bot/src/features/kaart/sociale-kaart-repository';
import { seedSocialeKaart } from '../../bot/src/features/kaart/seed-sociale-kaart';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import type { Database } from '../../bot/src/platform/database/database';
import { openDatabase } from '../../bot/src/platform/database/open-database';
import { postgresDescribe, tempPostgres } from '../support/storages';
import { beforeEachStatement, countingStatements } from '../support/counted-statements';

jest.setTimeout(60_000);

/**
 * A database operator reading the server's view of waiting statements (or a slow-statement log) while a batch of
 * anonymous signals is published: a signal sent meanwhile must not sit there waiting with its form's HMACs, which
 * would tie the published row to the moment it was sent. Needs PostgreSQL: PGlite has one connection.
 */
postgresDescribe('The mixer lock')('an anonymous signal sent while a batch is being published', () => {
  let store: Awaited<ReturnType<typeof tempPostgres>>;
  let db: Database;
  let operator: Client;

  beforeAll(async () => {
    store = await tempPostgres();
    db = await openDatabase(store.storage);
    await seedSocialeKaart(db);
    operator = new Client({ connectionString: store.storage.url });
    await operator.connect();
  });
  afterAll(async () => {
    await operator?.end();
    await db?.close();
    await store?.dispose();
  });

  it('waits for the publication without its keyed hashes, and is stored once the batch is out', async () => {
    const ring = new KeyRing(Buffer.alloc(32, 4));
    const puts = countingStatements(db, 'put_envelope');
    const kaart = new SocialeKaartRepository(db);
    const service = new SignalService(
      new DatabaseSignalStore(db),
      new KeyRingSignalSealing(ring),
      async () => ({ rules: await kaart.routingRules(), referrals: await kaart.referrals(), staffed: await kaart.staffedInboxes() }),
      createMixer(puts.db, ring, { batchSize: 5, maxDelayMs: 60_000 }),
    );
    // A publication holds the mixer's lock.
    const publication = new Client({ connectionString: store.storage.url });
    await publication.connect();
    await publication.query('BEGIN');
    await publication.query('SELECT pg_advisory_xact_lock($1)', [MIX_LOCK_ID]);
    let settled = false;
    const submitted = service
      .submit({ submissionId: randomUUID(), organisation: 'jenv', category: 'pesten', wish: 'gesprek', anonymity: 'volledig-anoniem', description: 'Iets wat gebeurde.' }, {})
      .finally(() => (settled = true));
    try {
      // It waits for the publication, in a statement that carries only the lock's name: the put with the form's
      // keyed hashes was made once, said "busy", and is not among the waiting statements.
      let waiting: string[] = [];
      while (waiting.length === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        waiting = (await operator.query<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE wait_event_type = 'Lock'`)).rows.map((r) => r.query);
      }
      expect(waiting).toEqual(['SELECT pg_advisory_xact_lock_shared($1)']);
      expect(puts.count()).toBe(1);
      expect(settled).toBe(false);
      expect((await operator.query('SELECT 1 FROM mix_envelopes')).rows).toEqual([]);
    } finally {
      await publication.query('COMMIT');
      await publication.end();
    }
    expect(await submitted).toMatchObject({ outcome: 'stored' });
    expect(puts.count()).toBe(2);
    expect((await operator.query('SELECT 1 FROM mix_envelopes')).rows).toHaveLength(1);
  });

  it('is put at once while a publication reads and opens its batch, and waits only while the batch is written', async () => {
    const ring = new KeyRing(Buffer.alloc(32, 5));
    const puts = countingStatements(db, 'put_envelope');
    // The publication pauses once it has read its batch, just before it takes the lock to write it.
    let reachedWrite!: () => void;
    const atWrite = new Promise<void>((resolve) => (reachedWrite = resolve));
    let goOn!: () => void;
    const resume = new Promise<void>((resolve) => (goOn = resolve));
    const publishing = beforeEachStatement(
      db,
      async (sql) => {
        if (!sql.startsWith('SELECT pg_advisory_xact_lock(')) return;
        reachedWrite();
        await resume;
      },
      'in-transactions',
    );
    const kaart = new SocialeKaartRepository(db);
    const serviceOn = (mixerDb: Database) =>
      new SignalService(
        new DatabaseSignalStore(db),
        new KeyRingSignalSealing(ring),
        async () => ({ rules: await kaart.routingRules(), referrals: await kaart.referrals(), staffed: await kaart.staffedInboxes() }),
        createMixer(mixerDb, ring, { batchSize: 1, maxDelayMs: 0 }),
      );
    const form = () => ({ submissionId: randomUUID(), organisation: 'jenv' as const, category: 'pesten' as const, wish: 'gesprek' as const, anonymity: 'volledig-anoniem' as const, description: 'Iets wat gebeurde.' });
    await operator.query('DELETE FROM mix_envelopes');
    expect(await serviceOn(db).submit(form(), {})).toMatchObject({ outcome: 'stored' });
    const publication = createMixer(publishing, ring, { batchSize: 1, maxDelayMs: 0 }).publishDue();
    await atWrite;
    try {
      // Sent while the batch is read and opened: stored at once, in one put, for the next batch.
      expect(await serviceOn(puts.db).submit(form(), {})).toMatchObject({ outcome: 'stored' });
      expect(puts.count()).toBe(1);
    } finally {
      goOn();
    }
    expect((await publication).signals).toBe(1);
    expect((await operator.query('SELECT 1 FROM mix_envelopes')).rows).toHaveLength(1);
  });
});
