import { DeliveryEngine, type Deliverer } from '../../bot/src/platform/delivery/delivery-engine';
import type { Pacer } from '../../bot/src/platform/delivery/pacer';
import { createLogger } from '../../bot/src/platform/logging/logger';
import type { Database } from '../../bot/src/platform/database/database';
import { openDatabase } from '../../bot/src/platform/database/open-database';
import { type DueMessage, OutboxStore } from '../../bot/src/platform/delivery/outbox-store';
import { ServiceMetrics } from '../../bot/src/platform/telemetry/service-metrics';
import { eventually } from '../support/eventually';
import { seedReminderRound } from '../support/reminder-round';
import { type StoreFixture, storesUnderTest } from '../support/storages';
import { TENANT_ID } from '../support/activities';

jest.setTimeout(60_000);

/** Short, so a slow send outlasts it several times over in a second or two. */
const LEASE_SECONDS = 0.5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(storesUnderTest())('the delivery engine on %s', (_kind, createStore) => {
  let store: StoreFixture;
  let db: Database;
  const engines: DeliveryEngine[] = [];

  beforeEach(async () => {
    store = await createStore();
    db = await openDatabase(store.storage);
    // The organisation of the seeded workshops (the service seeds it at its start).
    await db.query(`INSERT INTO organisations (code, name) VALUES ('bzk', '{"nl": "BZK"}')`);
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((e) => e.stop()));
    await db.close();
    await store.dispose();
  });

  /** An engine (a replica of its own, with its own lapse checks) whose deliverer and pacer the test writes. */
  const startEngine = (o: { deliver: Deliverer['deliver']; slotWaitMs?: number; sendTimeoutMs?: number; maxAttempts?: number }) => {
    const pacer = { beforeSend: () => sleep(o.slotWaitMs ?? 0), holdOff: async () => undefined } as unknown as Pacer;
    const deliverer: Deliverer = { deliver: o.deliver };
    const engine = new DeliveryEngine({
      outbox: new OutboxStore(db, LEASE_SECONDS),
      pacer,
      deliverers: { 'signal-answer': deliverer, 'workshop-notice': deliverer, 'desk-reminder': deliverer, 'network-advice': deliverer },
      logger: createLogger('silent'),
      metrics: new ServiceMetrics(),
      pollMs: 20,
      concurrency: 4,
      maxAttempts: o.maxAttempts ?? 6,
      sendTimeoutMs: o.sendTimeoutMs ?? 30_000,
      claimLeaseMs: LEASE_SECONDS * 1000,
    });
    engines.push(engine);
    engine.start();
  };
  const outbox = async () =>
    (await db.query<{ status: string; last_error: string | null; in_doubt: boolean }>('SELECT status, last_error, in_doubt FROM outbox')).rows;

  it('leaves the claims a replica holds to it: out of its own lapse check, and renewed against the others', async () => {
    await seedReminderRound(db, { count: 2, serviceUrl: 'http://127.0.0.1:9', tenantId: TENANT_ID });
    const [renewed, stale] = (await new OutboxStore(db, LEASE_SECONDS).claimDue(2)) as [DueMessage, DueMessage];
    await db.query("UPDATE outbox SET next_attempt_at = now() - interval '1 hour'");
    // Its own lapse check (a new store: the check runs at once) passes over what it holds.
    expect(await new OutboxStore(db, LEASE_SECONDS).claimDue(2, [renewed, stale])).toEqual([]);
    // Renewed: another replica does not take it over; a claim of an earlier attempt renews nothing.
    await new OutboxStore(db, LEASE_SECONDS).renewClaims([renewed, { id: stale.id, attempts: stale.attempts - 1 }]);
    const taken = await new OutboxStore(db, LEASE_SECONDS).claimDue(2);
    expect(taken.map((m) => [m.id, m.attempts])).toEqual([[stale.id, stale.attempts + 1]]);
  });

  it('sends a message once when its send takes longer than the lease: neither its own replica nor another takes the claim', async () => {
    await seedReminderRound(db, { count: 6, serviceUrl: 'http://127.0.0.1:9', tenantId: TENANT_ID });
    const sends = new Map<string, number>();
    const deliver: Deliverer['deliver'] = async (message, gate) => {
      await gate.beforeSend(TENANT_ID, message.id);
      sends.set(message.id, (sends.get(message.id) ?? 0) + 1);
      // The request takes four leases: the lapse checks of both replicas run many times meanwhile.
      await sleep(LEASE_SECONDS * 4000);
      return 'sent';
    };
    startEngine({ deliver });
    startEngine({ deliver });
    await eventually(async () => expect(await outbox()).toEqual([]), 30_000);
    expect(sends.size).toBe(6);
    expect([...sends.values()].filter((n) => n !== 1)).toEqual([]);
  });

  it('times the request only, from its send slot on, once per request', async () => {
    await seedReminderRound(db, { count: 2, serviceUrl: 'http://127.0.0.1:9', tenantId: TENANT_ID });
    const sendTimeoutMs = 1_000;
    // Two requests (a new 1:1 chat, then the message), each well within the timeout; the waits for their slots,
    // each longer than the timeout, do not count.
    const deliver: Deliverer['deliver'] = async (message, gate) => {
      await gate.beforeSend(TENANT_ID, 'new-chat');
      await sleep(sendTimeoutMs * 0.4);
      await gate.beforeSend(TENANT_ID, message.id);
      await sleep(sendTimeoutMs * 0.4);
      return 'sent';
    };
    startEngine({ deliver, sendTimeoutMs, slotWaitMs: sendTimeoutMs * 1.5, maxAttempts: 1 });
    await eventually(async () => expect(await outbox()).toEqual([]), 30_000);
  });

  it('keeps a request that timed out in doubt: it may have reached Teams', async () => {
    await seedReminderRound(db, { count: 1, serviceUrl: 'http://127.0.0.1:9', tenantId: TENANT_ID });
    let answer: () => void = () => undefined;
    const deliver: Deliverer['deliver'] = async (message, gate) => {
      await gate.beforeSend(TENANT_ID, message.id);
      // The request hangs past the timeout: Teams may still take it.
      await new Promise<void>((r) => (answer = r));
      return 'sent';
    };
    startEngine({ deliver, sendTimeoutMs: 200, maxAttempts: 1 });
    await eventually(async () => expect(await outbox()).toEqual([{ status: 'failed', last_error: 'SendTimeout', in_doubt: true }]), 30_000);
    answer();
  });
});
