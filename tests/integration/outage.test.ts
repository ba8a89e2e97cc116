import { nl } from '../support/strings';
import { submit } from '../support/activities';
import { actionData, cardOf, textsOf } from '../support/card-reading';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { settle, signalsKept, startService } from '../support/service';
import { postgresDescribe } from '../support/storages';
import { postgresBehindProxy } from '../support/tcp-proxy';

jest.setTimeout(60_000);

const describeWithPostgres = postgresDescribe('Database outage test');

describeWithPostgres('a PostgreSQL outage during a signal submit', () => {
  it('tells the person nothing was stored, stores nothing half, and recovers without a restart', async () => {
    const behind = postgresBehindProxy();
    const store = await behind.store();
    const { proxy } = behind;
    const connector = await new ConnectorStandIn().start();
    const service = await startService(store.storage);
    const chat = { serviceUrl: connector.serviceUrl, conversationId: `a:outage-${Math.random()}` };
    const turn = async (value: unknown) => {
      connector.clear();
      const res = await service.post(submit(chat, value));
      return { status: res.status, reply: (await connector.waitFor(1))[0]! };
    };
    // An anonymous signal waits in the mixer before it reaches its table: whatever was kept counts, in either place.
    const count = () => signalsKept(service.app.db);
    try {
      const form = cardOf((await turn({ action: 'signal.form', organisation: 'ubr' })).reply);
      const value = { ...actionData(form, 'signal.submit'), category: 'werkdruk-spanning', wish: 'gesprek', anonymity: 'anoniem', description: 'Te veel werk.' };

      proxy.cut();
      // Still alive, no longer ready: a load balancer takes this replica out without restarting it.
      expect((await fetch(`${service.base}/healthz`)).status).toBe(200);
      expect((await fetch(`${service.base}/readyz`)).status).toBe(503);
      const during = await turn(value);
      expect(during.status).toBe(200);
      // Whichever step meets the outage first (claiming the activity, or storing the signal), the answer says
      // plainly that nothing was stored.
      expect([nl.signal.notSaved, nl.errors.unavailable]).toContain(during.reply.activity.text);

      proxy.restore();
      expect((await fetch(`${service.base}/readyz`)).status).toBe(200);
      expect(await count()).toBe(0);
      const after = await turn(value);
      expect(textsOf(cardOf(after.reply))).toContain(nl.signal.receiptTitle);
      expect(await count()).toBe(1);
      await settle(service.app);
      expect((await service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals')).rows[0]!.n).toBe(1);
    } finally {
      await service.app.stop();
      await connector.stop();
      await store.dispose();
    }
  });
});
