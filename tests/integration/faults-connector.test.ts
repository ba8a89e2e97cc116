import type { Queryable } from '../../bot/src/platform/database/database';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { eventually } from '../support/eventually';
import { seedReminderRound } from '../support/reminder-round';
import { startService } from '../support/service';
import { tempPostgres, postgresDescribe } from '../support/storages';
import { TENANT_ID } from '../support/activities';

jest.setTimeout(60_000);

const describeWithPostgres = postgresDescribe('Connector fault tests');

/** A send timeout of 3 s; the hung requests outlast the lease too, which the engine renews meanwhile. */
const LEASE_SECONDS = 4;
const SEND_TIMEOUT_MS = 3_000;
/** Longer than the engine waits for a send. */
const HANG_MS = SEND_TIMEOUT_MS + 1_500;

const outboxLeft = async (db: Queryable) => (await db.query('SELECT status FROM outbox')).rows;

describeWithPostgres('a Bot Connector that fails (5xx) and hangs (longer than the send timeout)', () => {
  it('delivers every message; only a hung request that Teams processed late arrives twice; a timed-out worker sends nothing afterwards', async () => {
    const store = await tempPostgres();
    const connector = await new ConnectorStandIn().start();
    const logLines: string[] = [];
    const delivery = { concurrency: 8, maxAttempts: 6, tenantRps: 50, claimLeaseSeconds: LEASE_SECONDS, sendTimeoutSeconds: SEND_TIMEOUT_MS / 1000 };
    const service = await startService(store.storage, { delivery }, undefined, logLines);
    try {
      const count = 40;
      // 1 in 5 requests is answered 502, at random.
      connector.faultRate = 0.2;
      // The hangs are set before the round is committed, so before the engine can send any of it.
      const round = await service.app.db.transaction(async (tx) => {
        const seeded = await seedReminderRound(tx, { count, serviceUrl: connector.serviceUrl, tenantId: TENANT_ID, newChats: 1 });
        const [late, lost] = seeded.conversations as [string, string];
        connector.hanging.set(late, { requests: 1, ms: HANG_MS, then: 'deliver' });
        connector.hanging.set(lost, { requests: 1, ms: HANG_MS, then: 'drop' });
        // Opening the 1:1 chat for the one who never chatted with the bot hangs, then succeeds late.
        connector.hanging.set('new-chat', { requests: 1, ms: HANG_MS, then: 'deliver' });
        return seeded;
      });
      const [lateOne, lostOne] = round.conversations as [string, string];
      const newChatUser = round.newChatUsers[0]!;

      const chatsOf = (user: string) => connector.created.filter((c) => c.members[0]?.id === user).map((c) => c.id);
      await connector.until(
        () => round.conversations.every((c) => connector.deliveries().has(c)) && chatsOf(newChatUser).some((id) => connector.deliveries().has(id)),
        45_000,
      );
      // Every message recorded as sent: a retry that met 502s after its timeout may land after the late one did.
      await eventually(async () => expect(await outboxLeft(service.app.db)).toEqual([]), 45_000);
      // Long enough for every hung request to have ended.
      await new Promise((r) => setTimeout(r, HANG_MS));

      const sent = connector.deliveries();
      const timeouts = logLines.filter((l) => l.includes('"event":"delivery.retry"') && l.includes('"reason":"SendTimeout"'));
      const faults = connector.log.filter((r) => r.status === 502).length;
      const lost = round.conversations.filter((c) => !sent.has(c)).length + (chatsOf(newChatUser).some((id) => sent.has(id)) ? 0 : 1);
      const twice = [...sent.values()].filter((n) => n > 1).length;
      process.stdout.write(
        `connector faults: ${count} messages, ${faults} × 502, 3 requests hung ${HANG_MS} ms (send timeout ${SEND_TIMEOUT_MS} ms), ` +
          `${timeouts.length} timed out: lost ${lost}, twice ${twice}\n`,
      );
      expect(lost).toBe(0);
      expect(faults).toBeGreaterThan(0);
      // Each hang timed out once and was tried again.
      expect(timeouts).toHaveLength(3);
      // The request Teams processed late, and its retry: the one case of a message arriving twice.
      expect(sent.get(lateOne)).toBe(2);
      // The dropped request was never processed: its retry is the only delivery.
      expect(sent.get(lostOne)).toBe(1);
      // Opening the chat took too long: the worker that gave up never sent into the chat that opened late; a
      // retry opened one again (as every try does, also after a 502) and sent there. One message in all.
      const chats = chatsOf(newChatUser);
      expect(chats.length).toBeGreaterThanOrEqual(2);
      expect(chats.reduce((n, id) => n + (sent.get(id) ?? 0), 0)).toBe(1);
      // Everyone else: exactly once.
      expect(round.conversations.filter((c) => c !== lateOne && sent.get(c) !== 1)).toEqual([]);
      // A hung request is tried again once the send timed out (while it may still land: hence the one double).
      // The timer starts at the send slot, a little before the request leaves.
      for (const conversation of [lateOne, lostOne, 'new-chat']) {
        const requests = connector.log.filter((r) => r.conversationId === conversation);
        const held = requests.findIndex((r) => r.held);
        expect(requests[held + 1]!.at - requests[held]!.at).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS - 1_000);
      }
      expect(await outboxLeft(service.app.db)).toEqual([]);
    } finally {
      await service.app.stop();
      await connector.stop();
      await store.dispose();
    }
  });
});
