import { nl } from '../support/strings';
import { BotFrameworkStandIn } from '../support/bot-framework-stand-in';
import { sendRaw } from '../support/raw-request';
import { startService } from '../support/service';
import { type StoreFixture, storesUnderTest } from '../support/storages';

jest.setTimeout(90_000);

const coordinator = Buffer.from(JSON.stringify({ persona: 'coordinator' }));
const notFound = { error: 'not-found', message: nl.api.notFound };

/**
 * The development sign-in hands out a coordinator's token to whoever asks. The attacker here reaches the service
 * from elsewhere: through a tunnel that forwards to it on this machine, from a web page whose name they rebound to
 * 127.0.0.1, or at a service that has a bot identity and so listens on every interface (the local Teams profile
 * behind a public tunnel). None of them gets a token.
 */
describe.each(storesUnderTest())('the development sign-in, played by an attacker, on %s', (_kind, createStore) => {
  let store: StoreFixture;
  beforeAll(async () => {
    store = await createStore();
  });
  afterAll(() => store?.dispose());

  describe('in development without a bot identity (the Playground and a plain browser)', () => {
    let service: Awaited<ReturnType<typeof startService>>;
    beforeAll(async () => {
      service = await startService(store.storage);
    });
    afterAll(() => service?.app.stop());

    it('listens on loopback only, and gives a token to a request made on this machine', async () => {
      expect(service.app.host).toBe('127.0.0.1');
      for (const host of [`localhost:${service.app.port}`, `127.0.0.1:${service.app.port}`, 'localhost']) {
        const res = await sendRaw(service.base, 'POST', '/api/dev/sign-in', 0, { body: coordinator, headers: { host } });
        expect({ host, status: res.status, persona: JSON.parse(res.body).persona }).toEqual({ host, status: 200, persona: 'coordinator' });
      }
    });

    it.each<[string, Record<string, string>]>([
      ['a page elsewhere whose name was rebound to 127.0.0.1 (DNS rebinding)', { host: 'attacker.example:3978' }],
      ['a dev tunnel forwarding to this machine', { host: 'abc123-3978.euw.devtunnels.ms', 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' }],
      ['a tunnel that keeps the Host header but says whom it forwards for', { host: 'localhost', 'x-forwarded-for': '203.0.113.7' }],
      ['a proxy that says so with Forwarded', { host: 'localhost', forwarded: 'for=203.0.113.7;proto=https' }],
      ['a proxy that passes the original host on', { host: 'localhost', 'x-forwarded-host': 'sociaalveilig.example.nl' }],
    ])('gives no token to %s', async (_what, headers) => {
      const res = await sendRaw(service.base, 'POST', '/api/dev/sign-in', 0, { body: coordinator, headers });
      expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 404, body: notFound });
    });
  });

  describe('in development with a bot identity (the local Teams profile, behind a public tunnel)', () => {
    const botFramework = new BotFrameworkStandIn();
    let service: Awaited<ReturnType<typeof startService>>;
    beforeAll(async () => {
      await botFramework.start();
      service = await startService(store.storage, { bot: botFramework.botSettings });
    });
    afterAll(async () => {
      await service?.app.stop();
      await botFramework.stop();
    });

    it('listens on every interface and has no development sign-in, not even for this machine', async () => {
      expect(service.app.host).not.toBe('127.0.0.1');
      const res = await sendRaw(service.base, 'POST', '/api/dev/sign-in', 0, { body: coordinator, headers: { host: `localhost:${service.app.port}` } });
      expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 404, body: notFound });
      // And the tab API takes no token at all without tab sign-in configured.
      const me = await fetch(`${service.base}/api/me`, { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.x' } });
      expect(me.status).toBe(401);
    });
  });
});
