import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { KeyRing, pseudonymOf } from '../../bot/src/platform/crypto/signal-keys';
import { TEST_SIGNAL_KEY } from '../support/service';
import type { Database } from '../../bot/src/platform/database/database';
import { HANDLED_ACTIVITY_RETENTION_MINUTES, HandledActivities } from '../../bot/src/platform/teams/handled-activities';
import { Installations } from '../../bot/src/platform/teams/installations';
import { RateLimits } from '../../bot/src/platform/limits/rate-limits';
import { loadMigrations, migrate } from '../../bot/src/platform/database/migrate';
import { openDatabase } from '../../bot/src/platform/database/open-database';
import { openPglite } from '../../bot/src/platform/database/pglite-database';
import { openPostgres } from '../../bot/src/platform/database/postgres-database';
import { type StoreFixture, storesUnderTest, tempPglite } from '../support/storages';
import { beforeEachStatement, countingStatements } from '../support/counted-statements';

jest.setTimeout(60_000);

describe.each(storesUnderTest())('storage on %s', (kind, createStore) => {
  let store: StoreFixture;
  let db: Database;

  beforeAll(async () => {
    store = await createStore();
    db = await openDatabase(store.storage);
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  it('reports its kind', () => {
    expect(db.kind).toBe(kind);
  });

  describe('migrations', () => {
    it('applied every migration once, in order', async () => {
      const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual((await loadMigrations()).map((m) => m.version));
    });

    it('apply nothing the second time', async () => {
      expect(await migrate(db)).toEqual([]);
    });

    it('roll back completely when one fails', async () => {
      const broken = [
        { version: 900, name: 'ok_part', sql: 'CREATE TABLE half_done (id int)' },
        { version: 901, name: 'broken', sql: 'CREATE TABLE nonsense (' },
      ];
      await expect(migrate(db, broken)).rejects.toThrow();
      const { rows } = await db.query("SELECT to_regclass('half_done') AS t");
      expect(rows[0]!.t).toBeNull();
      const versions = await db.query('SELECT version FROM schema_migrations WHERE version >= 900');
      expect(versions.rows).toEqual([]);
    });
  });

  it('returns int8 and numeric as numbers', async () => {
    const { rows } = await db.query('SELECT 2::int8 AS big, 1.5::numeric AS dec, count(*) AS n FROM schema_migrations');
    expect(rows[0]).toEqual({ big: 2, dec: 1.5, n: expect.any(Number) });
  });

  describe('transactions', () => {
    it('commit on success and roll back on error', async () => {
      await db.exec('CREATE TABLE IF NOT EXISTS tx_probe (n int)');
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (1)');
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO tx_probe VALUES (2)');
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const { rows } = await db.query<{ n: number }>('SELECT n FROM tx_probe ORDER BY n');
      expect(rows.map((r) => r.n)).toEqual([1]);
    });
  });

  describe('handled activities', () => {
    const pseudonym = (subject: string) => pseudonymOf(new KeyRing(TEST_SIGNAL_KEY), subject);

    it('lets the first delivery claim an activity and refuses a repeat', async () => {
      const handled = new HandledActivities(db, pseudonym);
      await handled.stayAlive();
      expect(await handled.claim('conv', 'act-1')).toBe(true);
      expect(await handled.claim('conv', 'act-1')).toBe(false);
      expect(await handled.claim('other-conv', 'act-1')).toBe(true);
    });

    it('holds a claim while its process lives, however long its turn runs or since it ended; a repeat takes over only once the process stopped', async () => {
      const first = new HandledActivities(db, pseudonym);
      const second = new HandledActivities(db, pseudonym);
      await first.stayAlive();
      await second.stayAlive();
      expect(await first.claim('conv', 'act-2')).toBe(true);
      // An hour later, the first process still alive (a slow turn, or one that ended): a repeat is not handled.
      await db.query("UPDATE handled_activities SET handled_at = now() - interval '1 hour'");
      expect(await second.claim('conv', 'act-2')).toBe(false);
      expect(await first.claim('conv', 'act-2')).toBe(false);
      // The first process stopped saying it is alive (it died mid-turn): the repeat takes the claim over, once. A
      // process never takes over its own claim, however late its row is.
      await db.query('UPDATE service_processes SET alive_until = now() - interval \'1 second\' WHERE id = $1', [first.processId]);
      await second.claim('conv', 'act-9');
      await db.query('UPDATE service_processes SET alive_until = now() - interval \'1 second\' WHERE id = $1', [second.processId]);
      expect(await second.claim('conv', 'act-9')).toBe(false);
      await second.stayAlive();
      expect(await second.claim('conv', 'act-2')).toBe(true);
      expect(await second.claim('conv', 'act-2')).toBe(false);
      // A process that cannot say it is alive claims nothing: its turn does not start, and a repeat is handled.
      const mute = new HandledActivities(
        beforeEachStatement(db, (sql) => {
          if (sql.includes('INSERT INTO service_processes')) throw new Error('the database refused the renewal');
        }),
        pseudonym,
      );
      await expect(mute.claim('conv', 'act-3')).rejects.toThrow(/refused the renewal/);
      expect(await second.claim('conv', 'act-3')).toBe(true);
    });

    it('renews a lapsed life before it claims (once for the turns that arrive together), so the first turn after an outage starts', async () => {
      let clock = Date.now();
      const renewals = countingStatements(db, 'INSERT INTO service_processes');
      const handled = new HandledActivities(renewals.db, pseudonym, () => clock);
      await handled.stayAlive();
      // 20 seconds without a renewal that succeeded (the database was out longer than a beat, or the process stalled).
      clock += 20_000;
      await db.query("UPDATE service_processes SET alive_until = now() - interval '5 seconds' WHERE id = $1", [handled.processId]);
      const before = renewals.count();
      const limits = new RateLimits(db, pseudonym);
      const limit = { scope: 'renew-test', hits: 10, windowSeconds: 60 };
      const claimed = await Promise.all([
        handled.claim('conv', 'act-renew-1'),
        handled.admit(limits, limit, 'person', 'conv', 'act-renew-2'),
        handled.claim('conv', 'act-renew-3'),
      ]);
      expect(claimed.map((c) => (typeof c === 'boolean' ? c : c.claimed))).toEqual([true, true, true]);
      expect(renewals.count() - before).toBe(1);
      const { rows } = await db.query<{ alive: boolean }>('SELECT alive_until > now() + interval \'10 seconds\' AS alive FROM service_processes WHERE id = $1', [handled.processId]);
      expect(rows).toEqual([{ alive: true }]);
      // Its claims hold: another process does not take them over.
      const other = new HandledActivities(db, pseudonym);
      await other.stayAlive();
      expect(await other.claim('conv', 'act-renew-1')).toBe(false);
    });

    it('keeps a cleanly stopped process\'s claims for their whole retention, and lets those of one cut off lapse', async () => {
      const stopped = new HandledActivities(db, pseudonym);
      const cutOff = new HandledActivities(db, pseudonym);
      const other = new HandledActivities(db, pseudonym);
      for (const h of [stopped, cutOff, other]) await h.stayAlive();
      expect(await stopped.claim('conv', 'act-6')).toBe(true);
      expect(await cutOff.claim('conv', 'act-7')).toBe(true);
      await stopped.stoppedCleanly();
      // 16 seconds on, as far as the rows tell: no renewal since.
      await db.query("UPDATE service_processes SET alive_until = alive_until - interval '16 seconds' WHERE id = ANY($1::uuid[])", [[stopped.processId, cutOff.processId]]);
      expect(await other.claim('conv', 'act-6')).toBe(false);
      expect(await other.claim('conv', 'act-7')).toBe(true);
      // Stopped, it claims nothing itself, and does not renew its life to do so.
      await expect(stopped.claim('conv', 'act-8')).rejects.toThrow(/has stopped/);
      expect(await other.claim('conv', 'act-8')).toBe(true);
    });

    it('counts a turn and claims its activity in one statement, and claims nothing over the limit', async () => {
      const handled = new HandledActivities(db, pseudonym);
      await handled.stayAlive();
      const limits = new RateLimits(db, pseudonym);
      const limit = { scope: 'admit-test', hits: 2, windowSeconds: 60 };
      expect(await handled.admit(limits, limit, 'person', 'conv', 'act-4')).toEqual({ decision: { allowed: true, retryAfterSeconds: 0 }, claimed: true });
      // The same activity again: counted, within the limit, but already claimed.
      expect(await handled.admit(limits, limit, 'person', 'conv', 'act-4')).toEqual({ decision: { allowed: true, retryAfterSeconds: 0 }, claimed: false });
      const over = await handled.admit(limits, limit, 'person', 'conv', 'act-5');
      expect(over.decision.allowed).toBe(false);
      expect(over.claimed).toBe(false);
      // Not claimed over the limit: after the pause the activity is still handled.
      expect(await handled.claim('conv', 'act-5')).toBe(true);
    });

    it('admits turns that arrive together in shared calls, each as it would alone: one claim per activity, every attempt counted', async () => {
      const handled = new HandledActivities(db, pseudonym);
      await handled.stayAlive();
      const limits = new RateLimits(db, pseudonym);
      const limit = { scope: 'admit-batch-test', hits: 3, windowSeconds: 60 };
      const calls = countingStatements(db, 'admit_attempts');
      const together = new HandledActivities(calls.db, pseudonym);
      await together.stayAlive();
      // 12 people with one turn each, one person with five turns, and three deliveries of one activity.
      const turns = [
        ...Array.from({ length: 12 }, (_, i) => ({ person: `p${i}`, activity: `solo-${i}` })),
        ...Array.from({ length: 5 }, (_, i) => ({ person: 'busy', activity: `busy-${i}` })),
        ...Array.from({ length: 3 }, () => ({ person: 'twice', activity: 'repeated' })),
      ];
      const admitted = await Promise.all(turns.map((t) => together.admit(limits, limit, t.person, 'conv-batch', t.activity)));
      // Made in one round of the event loop: one call for all twenty.
      expect(calls.count()).toBe(1);
      // Alone, each of the twelve is within its limit and claims its activity.
      expect(admitted.slice(0, 12).every((a) => a.decision.allowed && a.claimed)).toBe(true);
      // One person's five: three within the limit and claimed, two refused and not claimed.
      const busy = admitted.slice(12, 17);
      expect(busy.filter((a) => a.decision.allowed && a.claimed)).toHaveLength(3);
      expect(busy.filter((a) => !a.decision.allowed && !a.claimed)).toHaveLength(2);
      // The same activity three times at once: handled once.
      expect(admitted.slice(17).filter((a) => a.claimed)).toHaveLength(1);
      // Every attempt was counted, refused ones too.
      expect((await handled.admit(limits, limit, 'busy', 'conv-batch', 'busy-later')).decision.allowed).toBe(false);
    });

    it('admits two replicas\' batches of the same people at once without either waiting for the other in a circle', async () => {
      // Each round, two processes admit the same ten people's turns, in opposite orders: their row locks are taken
      // in one sorted order, so neither batch deadlocks (PostgreSQL would end one with an error).
      const limits = new RateLimits(db, pseudonym);
      const limit = { scope: 'admit-order-test', hits: 1000, windowSeconds: 60 };
      const [left, right] = [new HandledActivities(db, pseudonym), new HandledActivities(db, pseudonym)];
      await left.stayAlive();
      await right.stayAlive();
      const people = Array.from({ length: 10 }, (_, i) => `person-${i}`);
      for (let round = 0; round < 20; round++) {
        const results = await Promise.all([
          ...people.map((p) => left.admit(limits, limit, p, 'conv-order', `${p}-${round}`)),
          ...[...people].reverse().map((p) => right.admit(limits, limit, p, 'conv-order', `${p}-${round}`)),
        ]);
        // Each activity was delivered to both: exactly one of them handles it.
        expect(results.filter((r) => r.claimed)).toHaveLength(people.length);
      }
    });

    it('keeps no identifier in the clear, nor a hash anyone could test a guess against, and forgets after minutes', async () => {
      const handled = new HandledActivities(db, pseudonym);
      await handled.stayAlive();
      await handled.claim('conv-secret', '1733500000000');
      const { rows } = await db.query<{ key_hash: Buffer }>('SELECT key_hash FROM handled_activities');
      expect(rows.some((r) => Buffer.from(r.key_hash).toString('latin1').includes('conv-secret'))).toBe(false);
      // A reader who guesses the conversation and the activity (Teams' message ids are times) cannot confirm it
      // without the key: the unkeyed hash the table once held is not there.
      const guessed = createHash('sha256').update('conv-secret\u00001733500000000').digest();
      expect(rows.some((r) => Buffer.from(r.key_hash).equals(guessed))).toBe(false);
      await db.query(`UPDATE handled_activities SET handled_at = now() - interval '${HANDLED_ACTIVITY_RETENTION_MINUTES - 1} minutes'`);
      expect(await handled.purgeOlderThan()).toBe(0);
      await db.query(`UPDATE handled_activities SET handled_at = now() - interval '${HANDLED_ACTIVITY_RETENTION_MINUTES + 1} minutes'`);
      expect(await handled.purgeOlderThan()).toBeGreaterThanOrEqual(1);
      // A process that stopped before any claim still kept was made is forgotten too; a living one is kept.
      const stopped = new HandledActivities(db, pseudonym);
      await stopped.stayAlive();
      await db.query(`UPDATE service_processes SET alive_until = now() - interval '${HANDLED_ACTIVITY_RETENTION_MINUTES + 1} minutes' WHERE id = $1`, [stopped.processId]);
      await handled.purgeOlderThan();
      const { rows: processes } = await db.query<{ id: string }>('SELECT id FROM service_processes');
      expect(processes.map((p) => p.id)).toContain(handled.processId);
      expect(processes.map((p) => p.id)).not.toContain(stopped.processId);
      expect(await handled.claim('conv-secret', '1733500000000')).toBe(true);
    });
  });

  describe('installations', () => {
    it('stores, finds, forgets on uninstall and stores again on reinstall', async () => {
      const installations = new Installations(db);
      const reference = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example/' };
      await installations.upsert({ conversationId: 'a:1', tenantId: 't', scope: 'personal', aadObjectId: 'aad', reference });
      expect(await installations.find('a:1')).toEqual({ conversationId: 'a:1', tenantId: 't', scope: 'personal', aadObjectId: 'aad', reference });
      await installations.remove('a:1');
      expect(await installations.find('a:1')).toBeUndefined();
      await installations.upsert({ conversationId: 'a:1', scope: 'personal', reference });
      expect((await installations.find('a:1'))?.scope).toBe('personal');
      expect(await installations.find('nope')).toBeUndefined();
    });
  });
});

describe('PGlite', () => {
  it('keeps its data in DATA_DIR across restarts', async () => {
    const store = await tempPglite();
    try {
      const first = await openDatabase(store.storage);
      const reference = { conversation: { id: 'a:kept' } };
      await new Installations(first).upsert({ conversationId: 'a:kept', scope: 'personal', reference });
      await first.close();
      const again = await openDatabase(store.storage);
      expect((await new Installations(again).find('a:kept'))?.reference).toEqual(reference);
      await again.close();
    } finally {
      await store.dispose();
    }
  });

  it('refuses a second opener of one DATA_DIR, frees it on close and takes over a stale lock', async () => {
    const store = await tempPglite();
    const { dataDir } = store.storage as { dataDir: string };
    try {
      const first = await openDatabase(store.storage);
      await expect(openDatabase(store.storage)).rejects.toThrow(/in use by process/);
      await first.close();
      expect(await readdir(dataDir)).not.toContain('sociaal-veilig.lock');
      const lock = path.join(dataDir, 'sociaal-veilig.lock');
      const { hostname } = await import('node:os');
      // A dead owner, and our own pid left from before a restart: both are taken over.
      for (const pid of [999999999, process.pid]) {
        await writeFile(lock, JSON.stringify({ pid, host: hostname() }));
        const again = await openDatabase(store.storage);
        await again.close();
      }
      // An owner on another host sharing the directory is never taken over.
      await writeFile(lock, JSON.stringify({ pid: 1, host: 'another-host' }));
      await expect(openDatabase(store.storage)).rejects.toThrow(/in use by process 1 on another-host/);
    } finally {
      await store.dispose();
    }
  });

  it('serialises two concurrent migrations on one instance', async () => {
    const db = await openPglite(undefined);
    try {
      const [a, b] = await Promise.all([migrate(db), migrate(db)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual((await loadMigrations()).map((m) => m.version));
    } finally {
      await db.close();
    }
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)('PostgreSQL with two replicas', () => {
  it('runs each migration once when two replicas start at the same moment', async () => {
    const { tempPostgres } = await import('../support/storages');
    const store = await tempPostgres();
    const url = (store.storage as { url: string }).url;
    const replicas = await Promise.all([openPostgres({ url }), openPostgres({ url })]);
    try {
      const applied = await Promise.all(replicas.map((db) => migrate(db)));
      const all = (await loadMigrations()).map((m) => m.version);
      expect([...applied[0]!, ...applied[1]!].sort((x, y) => x - y)).toEqual(all);
      expect(applied.filter((a) => a.length === 0)).toHaveLength(1);
      const { rows } = await replicas[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]!.n).toBe(all.length);
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
      await store.dispose();
    }
  });
});
