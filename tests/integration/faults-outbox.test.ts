import { createMixer } from '../../bot/src/wiring/features';
import { FollowUpService } from '../../bot/src/features/signals/follow-up';
import { nl } from '../support/strings';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import type { Database } from '../../bot/src/platform/database/database';
import { DatabaseFollowUpStore } from '../../bot/src/features/signals/follow-up-store';
import { openPostgres, POSTGRES_TIMEOUTS } from '../../bot/src/platform/database/postgres-database';
import { message, TENANT_ID } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { cardOf, textsOf } from '../support/card-reading';
import { seedReminderRound } from '../support/reminder-round';
import { TEST_SIGNAL_KEY } from '../support/service';
import { eventually } from '../support/eventually';
import { postgresDescribe } from '../support/storages';
import { postgresBehindProxy } from '../support/tcp-proxy';

jest.setTimeout(60_000);

const describeWithPostgres = postgresDescribe('Outbox outage test');


describeWithPostgres('the outbox across a database black hole', () => {
  // The database itself is reached past the proxy as `behind.direct`: what another replica (or an operator) sees.
  const behind = postgresBehindProxy();
  const h = useBotHarness(behind.store, () => ({ delivery: { concurrency: 8, maxAttempts: 6, tenantRps: 50, claimLeaseSeconds: 4, sendTimeoutSeconds: 30 } }));

  it('delivers what was queued before and during the outage after restore, each once but for what was in flight, without a restart', async () => {
    // Another replica, which still reaches the database: it queues work while this one cannot.
    const replica: Database = await openPostgres({ url: behind.direct });
    const ring = new KeyRing(TEST_SIGNAL_KEY);
    const replicaFollowUp = new FollowUpService(new DatabaseFollowUpStore(replica), new KeyRingSignalSealing(ring), createMixer(replica, ring, { batchSize: 1, maxDelayMs: 0 }));
    try {
      const reporters = [h.newChat(), h.newChat(), h.newChat()];
      const signals: Array<{ code: string; id: string }> = [];
      for (const chat of reporters) signals.push(await h.raise(chat, 'anoniem'));
      h.connector.clear();

      // Before: a reminder round of 60 under way, and two answers to signals queued through this service.
      const before = await seedReminderRound(replica, { count: 60, serviceUrl: h.connector.serviceUrl, tenantId: TENANT_ID });
      await h.connector.until(() => h.connector.received.length >= 10, 15_000);
      for (const s of signals.slice(0, 2)) expect(await h.service.app.followUp.answer(s.id, 'Dank je. Zullen we bellen?')).toBe('queued');

      behind.proxy.hang();
      const hungAt = performance.now();
      await new Promise((r) => setTimeout(r, 300));
      // Whatever this replica had sent or was sending is settled in the database as it was when the hole opened:
      // a row whose request had started may have reached Teams without the database hearing of it.
      const inFlight = (
        await replica.query<{ recipient: { aadObjectId?: string } | null; signal_id: string | null }>(
          "SELECT recipient, signal_id FROM outbox WHERE status = 'sending' AND send_started_at IS NOT NULL",
        )
      ).rows.map((r) => (r.signal_id ? reporters[signals.findIndex((s) => s.id === r.signal_id)]!.conversationId! : `a:${r.recipient!.aadObjectId!.slice('aad-'.length)}`));
      const deliveredAtHang = h.connector.received.length;

      // During: the other replica queues 20 reminders and an answer.
      const during = await seedReminderRound(replica, { count: 20, serviceUrl: h.connector.serviceUrl, tenantId: TENANT_ID });
      expect(await replicaFollowUp.answer(signals[2]!.id, 'Dank je. Zullen we bellen?')).toBe('queued');
      // Longer than the read timeout: this replica's statements in the hole have failed and their connections are gone.
      await new Promise((r) => setTimeout(r, POSTGRES_TIMEOUTS.readMs + 1_000 - (performance.now() - hungAt)));
      const deliveredInHole = h.connector.received.length - deliveredAtHang;

      behind.proxy.restore();
      const restoredAt = performance.now();
      expect((await fetch(`${h.service.base}/readyz`)).status).toBe(200);
      // A turn works again (posted directly: h.say would clear what the stand-in received so far).
      const hello = message(h.newChat(), 'hallo');
      expect((await h.service.post(hello)).status).toBe(200);
      expect(textsOf(cardOf(h.connector.received.find((r) => r.replyToId === hello.id)))).toContain(nl.welcome.intro);

      const expected = [...before.conversations, ...during.conversations, ...reporters.map((c) => c.conversationId!)];
      await h.connector.until(() => expected.every((c) => h.connector.deliveries().has(c)), 30_000).catch(async (error: Error) => {
        const missing = expected.filter((c) => !h.connector.deliveries().has(c)).length;
        const outbox = (await replica.query('SELECT status, attempts, last_error, in_doubt FROM outbox')).rows;
        throw new Error(`${error.message}: ${missing} not delivered; outbox ${JSON.stringify(outbox)}`);
      });
      const resumedMs = performance.now() - restoredAt;
      // Every send recorded, so no copy is still to come: then count what arrived twice.
      await eventually(async () => expect((await replica.query('SELECT status FROM outbox')).rows).toEqual([]), 60_000);

      const sent = h.connector.deliveries();
      const twice = expected.filter((c) => (sent.get(c) ?? 0) > 1);
      process.stdout.write(
        `outbox across a ${Math.round(restoredAt - hungAt)} ms black hole: ${expected.length} messages (${before.conversations.length + 2} before, ` +
          `${during.conversations.length + 1} during); ${deliveredInHole} sent in the hole; all delivered ${Math.round(resumedMs)} ms after restore; ` +
          `in flight at the hole ${inFlight.length}, sent twice ${twice.length}, lost 0\n`,
      );
      expect(expected.filter((c) => !sent.has(c))).toEqual([]);
      // Only a message whose request was on its way when the hole opened can arrive twice.
      expect(twice.filter((c) => !inFlight.includes(c))).toEqual([]);
      expect(expected.filter((c) => (sent.get(c) ?? 0) > 2)).toEqual([]);
    } finally {
      await replica.close();
    }
  });

  it('records a send that succeeded while the database blinked once it is back, instead of sending it again', async () => {
    const replica: Database = await openPostgres({ url: behind.direct });
    // The harness's log is shared with the test before, whose black hole outlasted its claims.
    const logFrom = h.logLines.length;
    try {
      h.connector.clear();
      // Teams holds its answer a moment; the database is cut off meanwhile, so recording the send fails at first.
      h.connector.delayMs = 800;
      const arrived = h.connector.nextArrival();
      const round = await seedReminderRound(replica, { count: 1, serviceUrl: h.connector.serviceUrl, tenantId: TENANT_ID });
      await arrived;
      behind.proxy.cut();
      await new Promise((r) => setTimeout(r, 1_200));
      behind.proxy.restore();
      h.connector.delayMs = 0;
      // Past the claim's lease (4 s) and a look for lapsed claims: a send left unrecorded would have gone again.
      await new Promise((r) => setTimeout(r, 7_000));
      expect(h.connector.deliveries().get(round.conversations[0]!)).toBe(1);
      expect((await replica.query('SELECT status FROM outbox')).rows).toEqual([]);
      expect(h.logLines.slice(logFrom).filter((l) => l.includes('"event":"delivery.unrecorded"'))).toEqual([]);
    } finally {
      h.connector.delayMs = 0;
      await replica.close();
    }
  });
});
