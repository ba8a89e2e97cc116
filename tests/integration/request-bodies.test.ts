import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nl } from '../support/strings';
import { BotFrameworkStandIn } from '../support/bot-framework-stand-in';
import { EntraStandIn } from '../support/entra-stand-in';
import { sendRaw } from '../support/raw-request';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { type StoreFixture, storesUnderTest } from '../support/storages';

jest.setTimeout(180_000);

const MB = 1024 * 1024;
const BOUNDARY = '----sv-upload-boundary';

/** A multipart upload of `size` bytes, as a form with a file field sends it. */
function multipart(size: number): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.alloc(size, 0x61),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

/** Every file under `dir`, however deep. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name));
}

const entra = new EntraStandIn();
const botFramework = new BotFrameworkStandIn();
beforeAll(() => Promise.all([entra.start(), botFramework.start()]));
afterAll(() => Promise.all([entra.stop(), botFramework.stop()]));

/**
 * The attack: without signing in, 30 MB bodies to the bot endpoint and the tab API, as a multipart upload (which
 * restify's body parser handed to formidable, which wrote it to the temp folder and never deleted it) and as a
 * chunked body (no declared length to refuse it by). The service runs as its own process with a temp folder of
 * its own, so whatever it would write there is seen.
 */
describe.each(storesUnderTest())('request bodies are JSON only and never reach the disk, on %s', (_kind, createStore) => {
  let store: StoreFixture;
  let temp: string;
  let service: ServiceProcess;
  let base: string;

  beforeAll(async () => {
    store = await createStore();
    temp = await mkdtemp(path.join(tmpdir(), 'sv-service-tmp-'));
    const bot = botFramework.botSettings;
    service = await startServiceProcess({
      ...(store.storage.kind === 'postgres' ? { DATABASE_URL: store.storage.url } : { DATA_DIR: store.storage.dataDir }),
      TMPDIR: temp,
      SIGNAL_KEY: Buffer.alloc(32, 7).toString('base64'),
      BOT_ID: bot.appId,
      BOT_PASSWORD: bot.password!,
      BOT_TENANT_ID: bot.tenantId!,
      BOT_OPENID_METADATA_URL: bot.openIdMetadataUrl!,
      ...entra.tabEnv,
    });
    base = `http://127.0.0.1:${service.port}`;
  });
  afterAll(async () => {
    await service?.stop();
    await store?.dispose();
    if (temp) await rm(temp, { recursive: true, force: true });
  });
  afterEach(async () => {
    // Nothing written to the temp folder, and the service still answers.
    expect(await filesUnder(temp)).toEqual([]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  const unsupported = { error: 'unsupported-media-type', message: nl.api.invalid };

  it.each([
    ['the bot endpoint', '/api/messages'],
    ['the tab API', '/api/referrals'],
  ])('refuses a 30 MB multipart upload to %s with 415, chunked or with its length, before reading it', async (_what, route) => {
    for (const chunked of [true, false]) {
      const res = await sendRaw(base, 'POST', route, 0, {
        body: multipart(30 * MB),
        chunked,
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, authorization: 'Bearer x' },
      });
      expect({ chunked, status: res.status, body: JSON.parse(res.body) }).toEqual({ chunked, status: 415, body: unsupported });
    }
  });

  it.each([
    ['text/plain', 'x'],
    ['application/x-www-form-urlencoded', 'a=1'],
    ['application/octet-stream', 'x'],
  ])('refuses a body of type %s with 415', async (type, text) => {
    const res = await sendRaw(base, 'POST', '/api/referrals', 0, { body: Buffer.from(text), headers: { 'content-type': type, authorization: 'Bearer x' } });
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 415, body: unsupported });
  });

  it.each([
    ['the bot endpoint', '/api/messages'],
    ['the tab API', '/api/referrals'],
  ])('refuses a 30 MB chunked JSON body to %s with 401 when its token is no good, before reading it', async (_what, route) => {
    const res = await sendRaw(base, 'POST', route, 30 * MB, { chunked: true, headers: { authorization: 'Bearer x' } });
    expect({ status: res.status, body: JSON.parse(res.body) }).toEqual({ status: 401, body: { error: 'unauthenticated', message: nl.api.unauthenticated } });
  });

  it('cuts off a 30 MB chunked JSON body at the limit even with a good token: 413', async () => {
    const botToken = await botFramework.token('https://smba.trafficmanager.net/emea/');
    const bot = await sendRaw(base, 'POST', '/api/messages', 30 * MB, { chunked: true, headers: { authorization: `Bearer ${botToken}` } });
    expect({ status: bot.status, body: JSON.parse(bot.body) }).toEqual({ status: 413, body: { error: 'too-large', message: nl.api.tooLarge } });
    const tabToken = await entra.token('6f1c0a10-0000-4000-8000-000000000001', { roles: ['Coordinator'] });
    const tab = await sendRaw(base, 'POST', '/api/referrals', 30 * MB, { chunked: true, headers: { authorization: `Bearer ${tabToken}` } });
    expect({ status: tab.status, body: JSON.parse(tab.body) }).toEqual({ status: 413, body: { error: 'too-large', message: nl.api.tooLarge } });
  });
});
