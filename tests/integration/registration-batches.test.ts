import type { Database } from '../../bot/src/platform/database/database';
import type { NoticeRequest } from '../../bot/src/features/workshops/notices';
import type { Person } from '../../bot/src/features/workshops/workshop';
import { DatabaseWorkshopStore } from '../../bot/src/features/workshops/workshop-store';
import type { ActivityOptions } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { EntraStandIn } from '../support/entra-stand-in';
import { storesUnderTest } from '../support/storages';
import { beforeEachStatement } from '../support/counted-statements';
import { workshopSteps } from '../support/workshop-steps';

jest.setTimeout(120_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

const person = (n: number): Person => ({ aadObjectId: `aad-batch-${n}`, userId: `29:batch-${n}`, name: `Collega ${n}` });
const update = (workshopId: string): NoticeRequest => ({ notice: 'invitation-update', recipient: { kind: 'channel' }, idempotencyKey: `invitation-update:${workshopId}` });

/** The database, with the transactions begun through it and their statements, and a way to make one statement fail. */
function watched(db: Database) {
  let transactions = 0;
  const statements: string[] = [];
  let failing: string | undefined;
  const inner = beforeEachStatement(
    db,
    (sql) => {
      statements.push(sql.trim());
      if (failing && sql.includes(failing)) throw new Error('the database failed');
    },
    'in-transactions',
  );
  const watchedDb: Database = { ...inner, transaction: (work) => (transactions++, inner.transaction(work)) };
  return { db: watchedDb, transactions: () => transactions, statements: () => statements, failOn: (fragment: string | undefined) => (failing = fragment) };
}

/**
 * Registrations from the card for one workshop that arrive together are decided in one transaction, one after the
 * other in the order they came, each as it would be alone.
 */
describe.each(storesUnderTest())('registrations that arrive together, on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({ tab: entra.tabSettings }));
  const w = workshopSteps(h);
  let channel: ActivityOptions;
  beforeEach(() => {
    channel = w.channel();
  });
  const store = () => {
    const watch = watched(h.service.app.db);
    return { ...watch, store: new DatabaseWorkshopStore(watch.db, () => '') };
  };
  const register = (s: DatabaseWorkshopStore, id: string, n: number, cardVersion: number | undefined = 1) => s.register(id, person(n), cardVersion, new Date(), [update(id)]);

  it('30 people for 8 seats at once: one transaction, 8 seats, places 1 to 22 in the order they came, each as the database has it', async () => {
    const { workshopId } = await w.plan(channel);
    const id = workshopId!;
    const s = store();
    const people = Array.from({ length: 30 }, (_, i) => i + 1);
    const results = await Promise.all(people.map((n) => register(s.store, id, n)));

    expect(s.transactions()).toBe(1);
    // Lock, read, insert, and the shared card's update asked for once: where each alone would take all four.
    expect(s.statements().map((sql) => sql.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'SELECT status, version,',
      'SELECT (SELECT count(*)::int',
      'INSERT INTO registrations',
      'INSERT INTO outbox',
    ]);
    expect(results.slice(0, 8).map((r) => r.outcome)).toEqual(Array(8).fill('aangemeld'));
    expect(results.slice(8)).toEqual(people.slice(8).map((_, i) => expect.objectContaining({ outcome: 'wachtlijst', position: i + 1 })));
    expect((await w.registrations(id)).map((r) => r.aad_object_id)).toEqual(people.map((n) => person(n).aadObjectId));
    for (const [i, n] of people.entries()) {
      const stored = await s.store.statusOf(id, person(n).aadObjectId);
      expect(stored).toEqual(i < 8 ? { status: 'aangemeld' } : { status: 'wachtlijst', position: i - 7 });
      // The card each person gets shows the workshop as it now is, and their own place as stored.
      expect(results[i]!.seen?.status).toEqual(stored);
      expect(results[i]!.seen?.workshop).toMatchObject({ registered: 8, waiting: 22 });
    }
  });

  it('the same person twice in one batch, a stale card, and someone who already waits: answered as each would be alone', async () => {
    const { workshopId } = await w.plan(channel, { seats: '2', seatsConfirmed: 'true' });
    const id = workshopId!;
    const s = store();
    await Promise.all([1, 2, 3].map((n) => register(s.store, id, n)));
    const results = await Promise.all([register(s.store, id, 4), register(s.store, id, 4), register(s.store, id, 5, 0), register(s.store, id, 3), register(s.store, id, 1)]);

    expect(s.transactions()).toBe(2);
    expect(results.map((r) => ({ outcome: r.outcome, position: 'position' in r ? r.position : undefined }))).toEqual([
      { outcome: 'wachtlijst', position: 2 },
      { outcome: 'al-op-wachtlijst', position: 2 },
      { outcome: 'verouderd', position: undefined },
      { outcome: 'al-op-wachtlijst', position: 1 },
      { outcome: 'al-aangemeld', position: undefined },
    ]);
    expect((await w.registrations(id)).map((r) => [r.aad_object_id, r.status])).toEqual([
      ['aad-batch-1', 'aangemeld'],
      ['aad-batch-2', 'aangemeld'],
      ['aad-batch-3', 'wachtlijst'],
      ['aad-batch-4', 'wachtlijst'],
    ]);
    expect(await s.store.statusOf(id, person(5).aadObjectId)).toEqual({ status: 'niet-aangemeld' });
  });

  it('two workshops at once: each its own transaction and its own seats', async () => {
    const [a, b] = [(await w.plan(channel, { seats: '2', seatsConfirmed: 'true' })).workshopId!, (await w.plan(channel, { seats: '3', seatsConfirmed: 'true' })).workshopId!];
    const s = store();
    const results = await Promise.all([1, 2, 3, 4].flatMap((n) => [register(s.store, a, n), register(s.store, b, n)]));

    expect(s.transactions()).toBe(2);
    expect(results.map((r) => r.outcome)).toEqual(['aangemeld', 'aangemeld', 'aangemeld', 'aangemeld', 'wachtlijst', 'aangemeld', 'wachtlijst', 'wachtlijst']);
    expect((await w.registrations(a)).map((r) => r.status)).toEqual(['aangemeld', 'aangemeld', 'wachtlijst', 'wachtlijst']);
    expect((await w.registrations(b)).map((r) => r.status)).toEqual(['aangemeld', 'aangemeld', 'aangemeld', 'wachtlijst']);
  });

  it('one person whose name the database refuses: only they fail, the others in the batch are registered in the order they came', async () => {
    const { workshopId } = await w.plan(channel, { seats: '2', seatsConfirmed: 'true' });
    const id = workshopId!;
    const s = store();
    const odd: Person = { ...person(2), name: 'Col\u0000lega' };
    const results = await Promise.allSettled([register(s.store, id, 1), s.store.register(id, odd, 1, new Date(), [update(id)]), register(s.store, id, 3), register(s.store, id, 4)]);

    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : 'rejected'))).toEqual(['aangemeld', 'rejected', 'aangemeld', 'wachtlijst']);
    expect((await w.registrations(id)).map((r) => [r.aad_object_id, r.status])).toEqual([
      ['aad-batch-1', 'aangemeld'],
      ['aad-batch-3', 'aangemeld'],
      ['aad-batch-4', 'wachtlijst'],
    ]);
    // The batch, then each on their own.
    expect(s.transactions()).toBe(5);
  });

  it('a batch whose insert fails: every registration in it fails and nothing is stored; the next batch goes ahead', async () => {
    const { workshopId } = await w.plan(channel);
    const id = workshopId!;
    const s = store();
    s.failOn('INSERT INTO registrations');
    const failed = await Promise.allSettled([1, 2, 3].map((n) => register(s.store, id, n)));
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await w.registrations(id)).toEqual([]);

    s.failOn(undefined);
    const after = await Promise.all([1, 2].map((n) => register(s.store, id, n)));
    expect(after.map((r) => r.outcome)).toEqual(['aangemeld', 'aangemeld']);
    expect((await w.registrations(id)).map((r) => r.aad_object_id)).toEqual(['aad-batch-1', 'aad-batch-2']);
  });
});
