import { en, nl } from '../support/strings';
import { Client } from 'pg';
import { POSTGRES_TIMEOUTS } from '../../bot/src/platform/database/postgres-database';
import { type ActivityOptions, submit } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { cardOf, textsOf } from '../support/card-reading';
import type { RecordedActivity } from '../support/connector-stand-in';
import { postgresDescribe } from '../support/storages';
import { postgresBehindProxy } from '../support/tcp-proxy';
import { workshopSteps } from '../support/workshop-steps';
import { eventually } from '../support/eventually';
import { settle } from '../support/service';

jest.setTimeout(60_000);

const describeWithPostgres = postgresDescribe('Database fault tests');

/** Teams waits this long for a bot's answer; a turn during an outage must answer well within it. */
const TEAMS_WAITS_MS = 15_000;

describeWithPostgres('PostgreSQL behind a faulty network: cut, black hole, slow', () => {
  // The database itself is reached past the proxy as `behind.direct`: what another replica (or an operator) sees.
  const behind = postgresBehindProxy();
  const h = useBotHarness(behind.store);
  const w = workshopSteps(h);
  let channel: ActivityOptions;
  let workshopId: string;

  /** Rows that a signal submit or a registration could have written, read past the proxy. */
  const snapshot = async () => {
    const db = new Client({ connectionString: behind.direct });
    await db.connect();
    try {
      const one = async (sql: string) => (await db.query(sql, sql.includes('$1') ? [workshopId] : [])).rows;
      return {
        // A signal counts whether it is published or still waits in the mixer as an envelope.
        signals: await one('SELECT id FROM signals UNION ALL SELECT id FROM mix_envelopes ORDER BY id'),
        registrations: await one('SELECT aad_object_id, status FROM registrations WHERE workshop_id = $1 ORDER BY queue_order'),
        seats: await one(`SELECT count(*) FILTER (WHERE status = 'aangemeld')::int AS taken FROM registrations WHERE workshop_id = $1`),
        outbox: await one('SELECT idempotency_key, status, resend FROM outbox ORDER BY idempotency_key'),
      };
    } finally {
      await db.end();
    }
  };

  /** Waits until the outbox has sent what earlier steps queued, so a snapshot stays as it is unless the step under test writes. */
  /** Nothing left to send, and nothing left in the mixer: the rows stay as they are while the test looks. */
  const quiet = async () => {
    await settle(h.service.app);
    await eventually(async () => expect((await snapshot()).outbox.filter((m) => m.status !== 'failed')).toEqual([]), 15_000);
  };

  /** Posts an activity without waiting for the turn, and resolves with the reply that reaches the stand-in and when. */
  const replyTo = async (activity: { id: string }): Promise<{ reply: RecordedActivity; ms: number }> => {
    const t0 = performance.now();
    const posted = h.service.post(activity);
    await h.connector.until(() => h.connector.received.some((r) => r.replyToId === activity.id), 30_000);
    const ms = performance.now() - t0;
    await posted;
    return { reply: h.connector.received.find((r) => r.replyToId === activity.id)!, ms };
  };
  const timed = async <T>(work: Promise<T>): Promise<{ value: T; ms: number }> => {
    const t0 = performance.now();
    const value = await work;
    return { value, ms: performance.now() - t0 };
  };
  const readyz = async () => (await fetch(`${h.service.base}/readyz`)).status;
  const signalForm = async (chat: ActivityOptions) => ({
    ...(await h.openForm(chat, 'bzk')),
    category: 'pesten',
    wish: 'gesprek',
    anonymity: 'anoniem',
    description: 'Mijn leidinggevende kleineert me in het werkoverleg.',
  });

  beforeAll(async () => {
    channel = {
      serviceUrl: h.connector.serviceUrl,
      conversationId: `19:faults-${Math.random()}@thread.tacv2`,
      conversationType: 'channel',
      userId: '29:manager',
      aadObjectId: 'aad-manager-faults',
      name: 'Fictieve Manager',
    };
    workshopId = (await w.plan(channel, { seats: '4' })).workshopId!;
    // The plan's own notices (duo requests, the shared card) go out first, so the outbox is quiet.
    await h.connector.until(() => h.connector.created.length >= 2 && h.connector.updates.length >= 1, 15_000);
  });
  afterEach(() => behind.proxy.restore());

  it('under a black hole answers a signal submit and a registration within the bounds, stores nothing, and after restore takes both once', async () => {
    const chat = h.newChat();
    const signal = await signalForm(chat);
    // In English, to see the answer in the person's language.
    const colleague = { ...w.person(channel, 1), locale: 'en-US' };
    await quiet();
    const before = await snapshot();
    h.connector.clear();

    behind.proxy.hang();
    const [submitted, registered, ready] = await Promise.all([
      replyTo(submit(chat, signal)),
      timed(w.invoke(colleague, 'workshop.register', { workshopId, version: 1 })),
      timed(readyz()),
    ]);
    process.stdout.write(
      `black hole: signal submit answered in ${Math.round(submitted.ms)} ms, registration in ${Math.round(registered.ms)} ms, /readyz in ${Math.round(ready.ms)} ms\n`,
    );
    expect(ready.value).toBe(503);
    expect(registered.value.status).toBe(200);
    // Whichever step meets the black hole first (counting the turn, or the registration itself), the answer,
    // in the person's language, says that nothing was changed.
    expect([en.workshop.notChanged, en.errors.unavailable]).toContain(registered.value.value);
    // The first step to meet the black hole is claiming the activity (the de-duplication): nothing was done.
    expect([nl.signal.notSaved, nl.errors.unavailable]).toContain(submitted.reply.activity.text);
    for (const ms of [submitted.ms, registered.ms, ready.ms]) expect(ms).toBeLessThan(TEAMS_WAITS_MS);
    expect(await snapshot()).toEqual(before);

    behind.proxy.restore();
    expect(await readyz()).toBe(200);
    const after = await replyTo(submit(chat, signal));
    expect(textsOf(cardOf(after.reply))).toContain(nl.signal.receiptTitle);
    const again = await w.invoke(colleague, 'workshop.register', { workshopId, version: 1 });
    expect(textsOf(again.value)).toContain(en.workshop.outcomes.aangemeld);
    const now = await snapshot();
    expect(now.signals).toHaveLength(before.signals.length + 1);
    expect(now.registrations).toEqual([...before.registrations, { aad_object_id: 'aad-colleague-1', status: 'aangemeld' }]);
  });

  it('when the database is cut off answers a registration "not changed" at once, stores nothing, and takes it after restore', async () => {
    const colleague = w.person(channel, 2);
    await quiet();
    const before = await snapshot();
    behind.proxy.cut();
    const during = await timed(w.invoke(colleague, 'workshop.register', { workshopId, version: 1 }));
    process.stdout.write(`cut: registration answered in ${Math.round(during.ms)} ms\n`);
    expect([nl.workshop.notChanged, nl.errors.unavailable]).toContain(during.value.value);
    expect(during.ms).toBeLessThan(POSTGRES_TIMEOUTS.connectMs + 2_000);
    expect(await snapshot()).toEqual(before);

    behind.proxy.restore();
    expect(await readyz()).toBe(200);
    const after = await w.invoke(colleague, 'workshop.register', { workshopId, version: 1 });
    expect(textsOf(after.value)).toContain(nl.workshop.outcomes.aangemeld);
    expect((await snapshot()).registrations.filter((r) => r.aad_object_id === 'aad-colleague-2')).toEqual([{ aad_object_id: 'aad-colleague-2', status: 'aangemeld' }]);
  });

  it('on a slow path (250 ms each way) still stores a signal and a registration, once each', async () => {
    const chat = h.newChat();
    const signal = await signalForm(chat);
    const colleague = w.person(channel, 3);
    await quiet();
    const before = await snapshot();
    h.connector.clear();
    behind.proxy.slow(250);
    const [submitted, registered, ready] = await Promise.all([
      replyTo(submit(chat, signal)),
      timed(w.invoke(colleague, 'workshop.register', { workshopId, version: 1 })),
      timed(readyz()),
    ]);
    process.stdout.write(
      `slow path: signal submit answered in ${Math.round(submitted.ms)} ms, registration in ${Math.round(registered.ms)} ms, /readyz in ${Math.round(ready.ms)} ms\n`,
    );
    expect(ready.value).toBe(200);
    expect(textsOf(cardOf(submitted.reply))).toContain(nl.signal.receiptTitle);
    expect(textsOf(registered.value.value)).toContain(nl.workshop.outcomes.aangemeld);
    behind.proxy.restore();
    const now = await snapshot();
    expect(now.signals).toHaveLength(before.signals.length + 1);
    expect(now.registrations).toEqual([...before.registrations, { aad_object_id: 'aad-colleague-3', status: 'aangemeld' }]);
  });

  it('frees the row lock of a transaction caught in the black hole within the idle-in-transaction bound, while the hole lasts', async () => {
    let lockHeld!: () => void;
    const held = new Promise<void>((resolve) => (lockHeld = resolve));
    const caught = h.service.app.db.transaction(async (tx) => {
      await tx.query('SELECT id FROM workshops WHERE id = $1 FOR UPDATE', [workshopId]);
      lockHeld();
      behind.proxy.hang();
      await tx.query('SELECT 1');
    });
    const failed = caught.then(
      () => 'committed',
      (error: Error) => error.message,
    );
    // Another replica wants the same workshop's lock, as a registration there would.
    const other = new Client({ connectionString: behind.direct });
    await other.connect();
    try {
      // Only once the caught transaction holds the lock does the other replica ask for it.
      await held;
      const t0 = performance.now();
      await other.query("SET lock_timeout = '30s'");
      await other.query('BEGIN');
      await other.query('SELECT id FROM workshops WHERE id = $1 FOR UPDATE', [workshopId]);
      const waited = performance.now() - t0;
      await other.query('ROLLBACK');
      process.stdout.write(`black hole mid-transaction: the other replica got the lock after ${Math.round(waited)} ms\n`);
      expect(waited).toBeGreaterThan(POSTGRES_TIMEOUTS.idleInTransactionMs - 1_000);
      // Freed by the server's bound, not by the hole ending (a generous margin: a busy machine answers late).
      expect(waited).toBeLessThan(POSTGRES_TIMEOUTS.idleInTransactionMs + 10_000);
      expect(await failed).toBe('Query read timeout');
    } finally {
      await other.end();
    }
  });
});
