import { createHash } from 'node:crypto';
import { RateLimits } from '../../bot/src/platform/limits/rate-limits';
import { openDatabase } from '../../bot/src/platform/database/open-database';
import { storesUnderTest } from '../support/storages';
import { countingStatements } from '../support/counted-statements';

jest.setTimeout(60_000);

describe.each(storesUnderTest())('rate limits counted in the database, on %s', (_kind, createStore) => {
  it('holds the limit across the edge of a window, and lets attempts through again as the old window fades', async () => {
    const store = await createStore();
    const db = await openDatabase(store.storage);
    try {
      const limits = new RateLimits(db, (s) => createHash('sha256').update(s).digest());
      const limit = { scope: 'test', hits: 10, windowSeconds: 3600 };
      const at = (time: string) => new Date(`2030-01-01T${time}Z`);
      const results: boolean[] = [];
      for (let i = 0; i < 11; i++) results.push(await limits.take(limit, 'someone', at('10:59:30')));
      expect(results).toEqual([...Array(10).fill(true), false]);
      // Forty seconds later, in the next clock hour: a fixed window would start afresh; this one does not.
      expect(await limits.take(limit, 'someone', at('11:00:10'))).toBe(false);
      // At 11:54 the old hour counts for a tenth: 11 × 0.1 + 2 ≤ 10.
      expect(await limits.take(limit, 'someone', at('11:54:00'))).toBe(true);
      // Somebody else has their own count.
      expect(await limits.take(limit, 'someone else', at('11:00:10'))).toBe(true);
    } finally {
      await db.close();
      await store.dispose();
    }
  });

  it('counts attempts made together in one shared call, each as it would be counted alone', async () => {
    const store = await createStore();
    const db = await openDatabase(store.storage);
    try {
      const calls = countingStatements(db, 'admit_attempts');
      const limits = new RateLimits(calls.db, (s) => createHash('sha256').update(s).digest());
      const limit = { scope: 'together', hits: 4, windowSeconds: 3600 };
      // Seven attempts of one person and one of another, all at once: one call, four of the seven let through.
      const decisions = await Promise.all([...Array.from({ length: 7 }, () => limits.attempt(limit, 'someone')), limits.attempt(limit, 'someone else')]);
      expect(calls.count()).toBe(1);
      expect(decisions.slice(0, 7).filter((d) => d.allowed)).toHaveLength(4);
      expect(decisions.slice(0, 7).filter((d) => !d.allowed).every((d) => d.retryAfterSeconds >= 1)).toBe(true);
      expect(decisions[7]).toEqual({ allowed: true, retryAfterSeconds: 0 });
      // All seven counted, the refused ones too.
      expect((await limits.attempt(limit, 'someone')).allowed).toBe(false);
      const { rows } = await db.query<{ hits: number }>(`SELECT sum(hits)::int AS hits FROM rate_limits WHERE scope = 'together' GROUP BY subject_hash ORDER BY 1 DESC`);
      expect(rows.map((r) => r.hits)).toEqual([8, 1]);
    } finally {
      await db.close();
      await store.dispose();
    }
  });

  it('says how long a refused attempt should wait, and an attempt after that wait is allowed, one a second sooner is not', async () => {
    const store = await createStore();
    const db = await openDatabase(store.storage);
    try {
      const limits = new RateLimits(db, (s) => createHash('sha256').update(s).digest());
      const limit = { scope: 'test', hits: 4, windowSeconds: 60 };
      const at = (ms: number) => new Date(Date.UTC(2030, 0, 1, 10, 0, 0) + ms);
      // Histories at different points of a window, each replayed for two subjects: one tries after the wait, one a second before.
      for (const [name, times] of Object.entries({
        'a burst early in a window': [1_000, 1_500, 2_000, 2_500, 3_000],
        'a burst late in a window': [55_000, 56_000, 57_000, 58_000, 59_000],
        'across the edge': [50_000, 55_000, 61_000, 62_000, 63_000],
        'a flood': Array.from({ length: 40 }, (_, i) => 10_000 + i * 100),
      })) {
        let decision;
        for (const subject of [`${name}/after`, `${name}/before`]) for (const t of times) decision = await limits.attempt(limit, subject, at(t));
        expect({ name, allowed: decision!.allowed }).toEqual({ name, allowed: false });
        const wait = decision!.retryAfterSeconds * 1000;
        expect(wait).toBeGreaterThanOrEqual(1000);
        expect(wait).toBeLessThanOrEqual(2 * limit.windowSeconds * 1000);
        const last = times[times.length - 1]!;
        expect({ name, after: (await limits.attempt(limit, `${name}/after`, at(last + wait))).allowed }).toEqual({ name, after: true });
        expect({ name, before: (await limits.attempt(limit, `${name}/before`, at(last + wait - 1000))).allowed }).toEqual({ name, before: false });
      }
    } finally {
      await db.close();
      await store.dispose();
    }
  });

  it('forgets a scope\'s windows once they no longer count, and unknown scopes after a day', async () => {
    const store = await createStore();
    const db = await openDatabase(store.storage);
    try {
      const limits = new RateLimits(db, (s) => createHash('sha256').update(s).digest());
      const minute = { scope: 'per-minute', hits: 5, windowSeconds: 60 };
      const ago = (seconds: number) => new Date(Date.now() - seconds * 1000);
      await limits.take(minute, 'a', ago(200));
      await limits.take(minute, 'a', ago(30));
      await limits.take({ scope: 'unnamed', hits: 5, windowSeconds: 60 }, 'a', ago(200));
      await limits.take({ scope: 'unnamed', hits: 5, windowSeconds: 60 }, 'a', ago(2 * 86_400));
      expect(await limits.purge([minute])).toBe(2);
      const { rows } = await db.query<{ scope: string }>('SELECT scope FROM rate_limits ORDER BY scope');
      expect(rows.map((r) => r.scope)).toEqual(['per-minute', 'unnamed']);
    } finally {
      await db.close();
      await store.dispose();
    }
  });
});
