import { en, nl } from '../support/strings';
import { gzipSync } from 'node:zlib';
import { MAX_API_BODY_BYTES } from '../../bot/src/platform/http/router';
import { MAX_ACTIVITY_BYTES } from '../../bot/src/platform/http/server';
import { message } from '../support/activities';
import { BotFrameworkStandIn } from '../support/bot-framework-stand-in';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { changedTables, domainTables, type Fingerprint, fingerprinter } from '../support/db-fingerprint';
import { EntraStandIn } from '../support/entra-stand-in';
import { sendRaw as send } from '../support/raw-request';
import { startService } from '../support/service';
import { type StoreFixture, storesUnderTest } from '../support/storages';

jest.setTimeout(120_000);

const entra = new EntraStandIn();
const botFramework = new BotFrameworkStandIn();
beforeAll(() => Promise.all([entra.start(), botFramework.start()]));
afterAll(() => Promise.all([entra.stop(), botFramework.stop()]));

describe.each(storesUnderTest())('request size limits on every endpoint, on %s', (_kind, createStore) => {
  let store: StoreFixture;
  let connector: ConnectorStandIn;
  let service: Awaited<ReturnType<typeof startService>>;
  let print: () => Promise<Fingerprint>;
  let before: Fingerprint;

  beforeAll(async () => {
    store = await createStore();
    connector = await new ConnectorStandIn().start();
    service = await startService(store.storage, {
      mode: 'production',
      bot: botFramework.botSettings,
      tab: entra.tabSettings,
    });
    print = fingerprinter(service.app.db, await domainTables(service.app.db));
    before = await print();
  });
  afterAll(async () => {
    await service?.app.stop();
    await connector?.stop();
    await store?.dispose();
  });
  afterEach(async () => {
    // Whatever was refused, nothing changed and nothing was sent, and the service still answers.
    expect(changedTables(before, await print())).toEqual([]);
    expect(connector.received).toEqual([]);
    expect((await fetch(`${service.base}/healthz`)).status).toBe(200);
  });

  const bearer = async () => ({ authorization: `Bearer ${await botFramework.token(connector.serviceUrl)}` });

  it(`refuses an activity over ${MAX_ACTIVITY_BYTES} bytes with 413 before reading it, also with a valid token`, async () => {
    const activity = Buffer.from(JSON.stringify(message({ serviceUrl: connector.serviceUrl }, 'x'.repeat(MAX_ACTIVITY_BYTES))));
    const res = await send(service.base, 'POST', '/api/messages', 0, { body: activity, headers: await bearer() });
    expect(res.status).toBe(413);
  });

  it('refuses a chunked activity over the limit (no length declared) with 413', async () => {
    const res = await send(service.base, 'POST', '/api/messages', MAX_ACTIVITY_BYTES + 1, { chunked: true, headers: await bearer() });
    expect(res.status).toBe(413);
  });

  it.each([
    ['POST', '/api/planning/availability'],
    ['PUT', '/api/routing-rules'],
    ['POST', '/api/referrals'],
    ['DELETE', '/api/referrals/00000000-0000-4000-8000-000000000000'],
    ['GET', '/api/me'],
    ['GET', '/api/workshops/00000000-0000-4000-8000-000000000000/calendar.ics?t=x'],
    ['GET', '/healthz'],
    ['GET', '/readyz'],
    ['GET', '/tab/'],
    ['GET', '/'],
    ['GET', '/no-such-page'],
  ])(`refuses a body over ${MAX_API_BODY_BYTES} bytes to %s %s with 413 and the API's error shape`, async (method, path) => {
    const token = await entra.token('6f1c0a10-0000-4000-8000-000000000001', { roles: ['Coordinator'] });
    const res = await send(service.base, method, path, MAX_API_BODY_BYTES + 1, { headers: { authorization: `Bearer ${token}` } });
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 413, body: { error: 'too-large', message: nl.api.tooLarge } });
  });

  it('says so in English to an English client', async () => {
    const res = await send(service.base, 'POST', '/api/referrals', MAX_API_BODY_BYTES + 1, { headers: { 'accept-language': 'en-US' } });
    expect(JSON.parse(res.body)).toEqual({ error: 'too-large', message: en.api.tooLarge });
  });

  it('refuses a chunked API body over the limit with 413', async () => {
    const token = await entra.token('6f1c0a10-0000-4000-8000-000000000001');
    const res = await send(service.base, 'POST', '/api/planning/availability', MAX_API_BODY_BYTES + 1, { chunked: true, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(413);
  });

  it('takes a body just under the limit (and judges it on its content)', async () => {
    const token = await entra.token('6f1c0a10-0000-4000-8000-000000000001');
    const res = await send(service.base, 'POST', '/api/planning/availability', MAX_API_BODY_BYTES, { headers: { authorization: `Bearer ${token}` } });
    expect({ status: res.status, error: JSON.parse(res.body).error }).toEqual({ status: 400, error: 'invalid' });
  });

  // restify inflated these without a limit on the inflated size, and a malformed one ended the process.
  it.each([
    ['a gzip bomb (60 MB of spaces in 60 KB) to the API', '/api/referrals', gzipSync(Buffer.alloc(60 * 1024 * 1024, 0x20))],
    ['a malformed gzip body to the API', '/api/referrals', Buffer.from('hello')],
    ['a gzip body over the limit to the API', '/api/referrals', gzipSync(Buffer.from(JSON.stringify({ x: Array.from({ length: 40_000 }, (_, i) => i) })))],
    ['a malformed gzip body to the bot endpoint', '/api/messages', Buffer.from('hello')],
    ['a gzip bomb to the bot endpoint', '/api/messages', gzipSync(Buffer.alloc(60 * 1024 * 1024, 0x20))],
  ])('refuses %s with 415 before inflating a byte', async (_what, path, body) => {
    const res = await send(service.base, 'POST', path, 0, { body, headers: { 'content-encoding': 'gzip', authorization: 'Bearer x' } });
    expect({ status: res.status, error: JSON.parse(res.body).error }).toEqual({ status: 415, error: 'unsupported-encoding' });
  });

  it.each(['deflate', 'br', 'identity', 'gzip, gzip'])('refuses a body with Content-Encoding "%s" too', async (encoding) => {
    const res = await send(service.base, 'POST', '/api/referrals', 10, { headers: { 'content-encoding': encoding } });
    expect({ status: res.status, error: JSON.parse(res.body).error }).toEqual({ status: 415, error: 'unsupported-encoding' });
  });
});

describe('in development', () => {
  it('limits the development sign-in to its own 1 KB, and the anonymous bot endpoint to its 12 MiB', async () => {
    const store = await storesUnderTest()[0]![1]();
    const service = await startService(store.storage);
    try {
      const small = await send(service.base, 'POST', '/api/dev/sign-in', 2048);
      expect(small.status).toBe(413);
      const large = await send(service.base, 'POST', '/api/dev/sign-in', MAX_API_BODY_BYTES + 1);
      expect(JSON.parse(large.body)).toEqual({ error: 'too-large', message: nl.api.tooLarge });
      expect((await send(service.base, 'POST', '/api/messages', MAX_ACTIVITY_BYTES + 1)).status).toBe(413);
      expect((await send(service.base, 'POST', '/api/dev/sign-in', 0, { body: Buffer.from('hello'), headers: { 'content-encoding': 'gzip' } })).status).toBe(415);
      expect((await fetch(`${service.base}/healthz`)).status).toBe(200);
    } finally {
      await service.app.stop();
      await store.dispose();
    }
  });
});
