import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEAMS_FRAME_ANCESTORS } from '../../bot/src/platform/http/security-headers';
import { teamsActivity } from '../support/activities';
import { BotFrameworkStandIn } from '../support/bot-framework-stand-in';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { EntraStandIn } from '../support/entra-stand-in';
import { startService } from '../support/service';
import { type StoreFixture, storesUnderTest } from '../support/storages';

jest.setTimeout(90_000);

const OTHER_ORIGIN = 'https://attacker.example';

/** The security headers every answer carries; HSTS only in production, where TLS ends in front of the service. */
function expectSecurityHeaders(what: string, headers: Headers, production: boolean): void {
  const csp = headers.get('content-security-policy') ?? '';
  const ancestors = /(?:^|; )frame-ancestors ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
  const access = [...headers.keys()].filter((name) => name.startsWith('access-control-'));
  expect({
    what,
    ancestors: ancestors.sort(),
    defaultSrc: /(?:^|; )default-src ([^;]+)/.exec(csp)?.[1],
    nosniff: headers.get('x-content-type-options'),
    referrer: headers.get('referrer-policy'),
    hsts: headers.get('strict-transport-security'),
    cors: access,
  }).toEqual({
    what,
    ancestors: ["'self'", ...TEAMS_FRAME_ANCESTORS].sort(),
    defaultSrc: "'self'",
    nosniff: 'nosniff',
    referrer: 'no-referrer',
    hsts: production ? 'max-age=31536000; includeSubDomains' : null,
    cors: [],
  });
}

const entra = new EntraStandIn();
const botFramework = new BotFrameworkStandIn();
beforeAll(() => Promise.all([entra.start(), botFramework.start()]));
afterAll(() => Promise.all([entra.stop(), botFramework.stop()]));

describe.each(storesUnderTest())('security headers on every kind of answer, on %s', (_kind, createStore) => {
  let store: StoreFixture;
  let connector: ConnectorStandIn;
  let tabDir: string;
  let production: Awaited<ReturnType<typeof startService>>;

  beforeAll(async () => {
    store = await createStore();
    connector = await new ConnectorStandIn().start();
    tabDir = await mkdtemp(path.join(tmpdir(), 'sv-tab-'));
    await mkdir(path.join(tabDir, 'assets'));
    await writeFile(path.join(tabDir, 'index.html'), '<!doctype html><title>Sociaal Veilig tab</title>');
    await writeFile(path.join(tabDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    production = await startService(
      store.storage,
      {
        mode: 'production',
        bot: botFramework.botSettings,
        tab: entra.tabSettings,
      },
      tabDir,
    );
  });
  afterAll(async () => {
    await production?.app.stop();
    await connector?.stop();
    await store?.dispose();
    await rm(tabDir, { recursive: true, force: true });
  });

  const employee = () => entra.token('0e000000-0000-4000-8000-0000000000e1');
  const activity = () => teamsActivity({ serviceUrl: connector.serviceUrl }, { type: 'installationUpdate', action: 'add' });

  it.each<[string, number, () => Promise<RequestInit & { path: string }>]>([
    ['the tab page', 200, async () => ({ path: '/tab/' })],
    ['a tab asset', 200, async () => ({ path: '/tab/assets/index-abc123.js' })],
    ['a redirect into the tab', 302, async () => ({ path: '/privacy', redirect: 'manual' })],
    ['API JSON', 200, async () => ({ path: '/api/me', headers: { authorization: `Bearer ${await employee()}` } })],
    ['an API refusal', 401, async () => ({ path: '/api/me' })],
    ['an API role refusal', 403, async () => ({ path: '/api/pool', headers: { authorization: `Bearer ${await employee()}` } })],
    ['an unknown API route', 404, async () => ({ path: '/api/nothing-here' })],
    ['an unknown page', 404, async () => ({ path: '/nothing-here' })],
    ['a method not allowed', 405, async () => ({ path: '/healthz', method: 'DELETE' })],
    ['a calendar link refused', 404, async () => ({ path: '/api/workshops/00000000-0000-4000-8000-000000000000/calendar.ics?t=x' })],
    ['liveness', 200, async () => ({ path: '/healthz' })],
    ['readiness', 200, async () => ({ path: '/readyz' })],
    ['the bot endpoint without a token', 401, async () => ({ path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity()) })],
    [
      'the bot endpoint with a token',
      200,
      async () => ({
        path: '/api/messages',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await botFramework.token(connector.serviceUrl)}` },
        body: JSON.stringify(activity()),
      }),
    ],
    ['a body too large', 413, async () => ({ path: '/api/referrals', method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70_000) })],
    ['a compressed body', 415, async () => ({ path: '/api/referrals', method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'x' })],
  ])('%s (%i): CSP for Teams, nosniff, no referrer, HSTS, and no CORS even for another origin', async (what, status, make) => {
    const { path: p, headers, ...init } = await make();
    const res = await fetch(`${production.base}${p}`, { ...init, headers: { origin: OTHER_ORIGIN, ...(headers as Record<string, string>) } });
    expect({ what, status: res.status }).toEqual({ what, status });
    expectSecurityHeaders(what, res.headers, true);
  });

  it('marks API answers, which carry people\'s data, as not to be stored; the tab\'s hashed assets may be cached', async () => {
    for (const p of ['/api/me', '/api/nothing-here', '/api/workshops/00000000-0000-4000-8000-000000000000/calendar.ics?t=x']) {
      const res = await fetch(`${production.base}${p}`, { headers: { authorization: `Bearer ${await employee()}` } });
      expect({ p, cache: res.headers.get('cache-control') }).toEqual({ p, cache: 'no-store' });
    }
    expect((await fetch(`${production.base}/tab/`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${production.base}/tab/assets/index-abc123.js`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/api/me', '/api/messages', '/api/referrals', '/tab/', '/healthz'])(
    'answers a CORS preflight for %s from another origin with no allow header at all',
    async (p) => {
      const res = await fetch(`${production.base}${p}`, {
        method: 'OPTIONS',
        headers: { origin: OTHER_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectSecurityHeaders(`OPTIONS ${p}`, res.headers, true);
    },
  );

  it('sends no HSTS in development, where nothing terminates TLS in front of the service', async () => {
    const devStore = await createStore();
    const development = await startService(devStore.storage, {}, tabDir);
    try {
      for (const p of ['/tab/', '/api/me', '/healthz', '/nothing-here']) expectSecurityHeaders(p, (await fetch(`${development.base}${p}`)).headers, false);
    } finally {
      await development.app.stop();
      await devStore.dispose();
    }
  });
});
