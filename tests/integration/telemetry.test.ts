import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nl } from '../support/strings';
import { DEV_PERSONAS } from '../../bot/src/platform/http/tab-auth';
import { projectRoot } from '../../bot/src/platform/project-root';
import { type ActivityOptions, message, submit } from '../support/activities';
import { actionData, cardOf, caseCodeOn } from '../support/card-reading';
import { ConnectorStandIn, type RecordedActivity } from '../support/connector-stand-in';
import { IngestionStandIn } from '../support/ingestion-stand-in';
import { SERVICE_MAIN, type ServiceProcess, startServiceProcess } from '../support/service-process';
import { type StoreFixture, tempPglite, tempPostgres } from '../support/storages';
import { eventually } from '../support/eventually';

jest.setTimeout(180_000);

/** The modules of the Azure Monitor distro and the OpenTelemetry SDK it brings (not @opentelemetry/api, the no-op façade). */
const SDK_MODULE = /node_modules\/(@azure\/monitor-opentelemetry|@opentelemetry\/(sdk-|instrumentation|exporter-|resources|core\/))/;
const RECORD_LOADED_MODULES = path.join(__dirname, '..', 'support', 'record-loaded-modules.cjs');

// PostgreSQL shows the pg instrumentation's spans; PGlite runs inside the process and has none.
if (!process.env.DATABASE_URL && process.env.CI === 'true') throw new Error('CI must set DATABASE_URL: the telemetry test checks the PostgreSQL spans');
const onPostgres = Boolean(process.env.DATABASE_URL);
if (!onPostgres) process.stdout.write('Telemetry test on PGlite: the PostgreSQL dependency checks are skipped (CI sets DATABASE_URL).\n');

interface Run {
  service: ServiceProcess;
  loadedModules(): Promise<string[]>;
}

/** A service process whose loaded modules are recorded when it exits. */
async function startRecorded(store: StoreFixture, env: Record<string, string>, dir: string): Promise<Run> {
  const file = path.join(dir, `modules-${randomUUID()}.txt`);
  const service = await startServiceProcess({
    ...(store.storage.kind === 'postgres' ? { DATABASE_URL: store.storage.url } : { DATA_DIR: store.storage.dataDir }),
    SIGNAL_KEY: Buffer.alloc(32, 9).toString('base64'),
    OUTBOX_POLL_MS: '200',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${RECORD_LOADED_MODULES}`,
    LOADED_MODULES_FILE: file,
    ...env,
  });
  return { service, loadedModules: async () => (await readFile(file, 'utf8')).split('\n') };
}

describe('telemetry to Azure Monitor, exported to a local stand-in for its ingestion endpoint', () => {
  let dir: string;
  let ingestion: IngestionStandIn;
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sv-telemetry-'));
    ingestion = await new IngestionStandIn().start();
    connector = await new ConnectorStandIn().start();
  });
  afterAll(async () => {
    await connector?.stop();
    await ingestion?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (port: number, activity: object) =>
    fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  /** Posts an activity and waits for the bot's reply to it at the connector stand-in. */
  async function turn(port: number, activity: { id: string }): Promise<RecordedActivity> {
    const res = await post(port, activity);
    expect(res.status).toBe(200);
    const isReply = (r: RecordedActivity) => r.replyToId === activity.id;
    await connector.until(() => connector.received.some(isReply), 15_000);
    return connector.received.find(isReply)!;
  }

  it('sends request and dependency telemetry and the service\'s metrics, and nothing that identifies anyone or says what they wrote', async () => {
    const store = onPostgres ? await tempPostgres() : await tempPglite();
    const run = await startRecorded(
      store,
      {
        APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
        NODE_EXTRA_CA_CERTS: ingestion.caFile,
        // Every trace, so the assertions below do not depend on the default of 5 traces a second.
        OTEL_TRACES_SAMPLER: 'always_on',
        // Metrics every second instead of every minute; spans go out at the latest when the service stops.
        OTEL_METRIC_EXPORT_INTERVAL: '1000',
      },
      dir,
    );
    const { port } = run.service;
    const unique = randomUUID();
    const person: ActivityOptions = {
      serviceUrl: connector.serviceUrl,
      conversationId: `a:telemetry-chat-${unique}`,
      userId: `29:telemetry-user-${unique}`,
      aadObjectId: `aad-telemetry-${unique}`,
      name: `Telemetrie Testpersoon ${unique.slice(0, 8)}`,
    };
    const description = `Mijn leidinggevende zei iets kwetsends ${unique}`;
    const answer = `Dank voor je bericht, zullen we bellen? ${unique}`;
    let bearer = '';
    let caseCode = '';
    const calendarToken = 'Tq3xZ8vLw2Kp9sRb4nYc7mHd5gFj6aE1';
    try {
      // A greeting, then a signal raised anonymously with a description, as a person clicks through it.
      await turn(port, message(person, `hallo ${unique}`));
      await turn(port, submit(person, { action: 'capability.signal' }));
      const form = cardOf(await turn(port, submit(person, { action: 'signal.form', organisation: 'jenv' })));
      const receipt = await turn(port, submit(person, { ...actionData(form, 'signal.submit'), category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description }));
      caseCode = caseCodeOn(receipt)!;
      expect(caseCode).toMatch(/^SV-/);

      // The J&V counsellor opens it in the tab and answers; the answer goes out through the outbox.
      const signIn = await fetch(`http://127.0.0.1:${port}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'counsellor' }) });
      bearer = ((await signIn.json()) as { token: string }).token;
      const api = (p: string, init: { method?: string; body?: unknown } = {}) =>
        fetch(`http://127.0.0.1:${port}${p}`, {
          method: init.method ?? 'GET',
          headers: { authorization: `Bearer ${bearer}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
          body: init.body ? JSON.stringify(init.body) : undefined,
        });
      // An anonymous signal reaches the inbox when the mixer publishes it (the service publishes at its next tick).
      let inbox: { signals: Array<{ id: string }> } = { signals: [] };
      await eventually(async () => {
        inbox = (await (await api('/api/signals')).json()) as { signals: Array<{ id: string }> };
        expect(inbox.signals).toHaveLength(1);
      });
      const signalId = inbox.signals[0]!.id;
      expect((await api(`/api/signals/${signalId}`)).status).toBe(200);
      expect((await api(`/api/signals/${signalId}/answer`, { method: 'POST', body: { text: answer } })).status).toBe(200);
      await connector.until(() => connector.received.some((r) => JSON.stringify(r.activity).includes(answer)), 15_000);

      // Eleven look-ups of the code: the eleventh is over the limit of ten an hour.
      for (let i = 0; i < 11; i++) await turn(port, message(person, caseCode));
      expect(JSON.stringify(connector.received.at(-1)!.activity)).toContain(nl.status.tooMany);

      // A calendar link with a token, and health.
      expect((await fetch(`http://127.0.0.1:${port}/api/workshops/${randomUUID()}/calendar.ics?t=${calendarToken}`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      // While it runs, spans leave every 5 s and metrics every second (the outbox backlog among them, read from
      // the database): wait for all of it, so that what the stop must flush is only what comes next.
      const requestNames = () => new Set(ingestion.byType('Request').map((e) => e.data.baseData.name));
      await eventually(async () => {
        expect(requestNames().has('GET /api/workshops/:id/calendar.ics')).toBe(true);
        expect(ingestion.metric('sociaalveilig.rate_limit.refusals').length).toBeGreaterThan(0);
        expect(ingestion.metric('sociaalveilig.delivery.attempts').length).toBeGreaterThan(0);
        expect(ingestion.metric('sociaalveilig.delivery.backlog').length).toBeGreaterThanOrEqual(4);
      }, 60_000);
      expect(requestNames().has('GET /readyz')).toBe(false);
      // The last request, right before SIGTERM: its span can reach the stand-in only through the flush at the stop.
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      await run.service.stop();
      await store.dispose();
    }

    // Requests, named by their route, without query strings; GET /readyz among them came with the flush at the stop.
    const requests = ingestion.byType('Request').map((e) => ({ name: e.data.baseData.name as string, url: e.data.baseData.url as string, code: e.data.baseData.responseCode }));
    const names = new Set(requests.map((r) => r.name));
    for (const name of ['POST /api/messages', 'POST /api/dev/sign-in', 'GET /api/signals', 'GET /api/signals/:id', 'POST /api/signals/:id/answer', 'GET /api/workshops/:id/calendar.ics', 'GET /healthz', 'GET /readyz']) {
      expect({ name, seen: names.has(name) }).toEqual({ name, seen: true });
    }
    expect(requests.filter((r) => r.name === 'POST /api/messages')).toHaveLength(15);
    for (const r of requests) expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/[^?#]*$/);
    expect(requests.find((r) => r.name === 'GET /api/workshops/:id/calendar.ics')).toMatchObject({ url: 'http://127.0.0.1/api/workshops/:id/calendar.ics', code: '404' });

    // Dependencies: the replies to the Bot Connector (its path without the conversation), and the queries.
    const dependencies = ingestion.byType('RemoteDependency').map((e) => ({ type: e.data.baseData.type, name: e.data.baseData.name as string, target: e.data.baseData.target as string, data: e.data.baseData.data as string }));
    const replies = dependencies.filter((d) => d.type === 'Http' && d.data.startsWith(connector.serviceUrl));
    // Fifteen replies and the counsellor's answer, sent proactively into the conversation the signal came from.
    expect(replies.map((d) => d.name)).toEqual(Array(16).fill('POST /v3/conversations/:id/activities/:id'));
    expect(new Set(replies.map((d) => d.data))).toEqual(new Set([`${connector.serviceUrl}v3/conversations/:id/activities/:id`]));
    if (onPostgres) {
      const queries = dependencies.filter((d) => d.type === 'postgresql');
      expect(queries.length).toBeGreaterThan(20);
      // The statement's text with its placeholders; the values never travel with it.
      expect(queries.some((q) => /\$1/.test(q.data))).toBe(true);
    }

    // The service's own metrics, with their few fixed dimensions.
    const sum = (name: string, dims: Record<string, string>) =>
      ingestion
        .metric(name)
        .filter((p) => Object.entries(dims).every(([k, v]) => p.properties[k] === v))
        .reduce((n, p) => n + p.value, 0);
    expect(sum('sociaalveilig.turns', { 'turn.kind': 'message', 'turn.outcome': 'ok' })).toBe(15);
    expect(sum('sociaalveilig.turns', { 'turn.outcome': 'failed' })).toBe(0);
    expect(ingestion.metric('sociaalveilig.turn.duration').reduce((n, p) => n + p.count, 0)).toBe(15);
    expect(sum('sociaalveilig.delivery.attempts', { 'delivery.kind': 'signal-answer', 'delivery.outcome': 'sent' })).toBe(1);
    expect(sum('sociaalveilig.rate_limit.refusals', { 'rate_limit.scope': 'case-code-lookup' })).toBe(1);
    const states = new Set(ingestion.metric('sociaalveilig.delivery.backlog').map((p) => p.properties['delivery.state']));
    expect(states).toEqual(new Set(['due', 'waiting', 'sending', 'failed']));
    expect(ingestion.metric('sociaalveilig.delivery.oldest_due_age').length).toBeGreaterThan(0);
    const ownDimensions = new Set(
      ingestion
        .byType('Metric')
        .filter((e) => (e.data.baseData.metrics as Array<{ name: string }>).some((m) => m.name.startsWith('sociaalveilig.')))
        .flatMap((e) => Object.keys(e.data.baseData.properties ?? {}))
        .filter((k) => !k.startsWith('_MS.')),
    );
    expect([...ownDimensions].sort()).toEqual(['delivery.kind', 'delivery.outcome', 'delivery.state', 'rate_limit.scope', 'turn.kind', 'turn.outcome']);

    // Nothing that names a person, a conversation or what was written; no token of any kind; no client address.
    const sent = ingestion.bodies.join('\n');
    const secrets = {
      conversation: person.conversationId!,
      conversationEncoded: encodeURIComponent(person.conversationId!),
      teamsUser: person.userId!,
      teamsUserEncoded: encodeURIComponent(person.userId!),
      entraUser: person.aadObjectId!,
      displayName: person.name!,
      counsellor: DEV_PERSONAS.counsellor.aadObjectId,
      unique,
      description,
      answer,
      caseCode,
      bearer,
      calendarToken,
    };
    for (const [what, value] of Object.entries(secrets)) expect({ what, sent: sent.includes(value) }).toEqual({ what, sent: false });
    expect(sent).not.toMatch(/Bearer|[?&]t=|client\.address|user_agent|ai\.location\.ip/);
    // No live metrics, no other path: only the track endpoint was called.
    expect(ingestion.strayPaths).toEqual([]);

    // And the SDK was indeed loaded in this process.
    expect((await run.loadedModules()).some((m) => SDK_MODULE.test(m))).toBe(true);
  });

  it('starts before the modules it instruments: what main.ts loads before it (the configuration, the logger) loads none of them', () => {
    // Instrumentations patch a module as it is loaded: restify, pg, botbuilder or PGlite loaded first would go unseen.
    // (A feature's index.ts loads the whole feature: the configuration once reached restify through one.)
    const dist = path.dirname(SERVICE_MAIN);
    const instrumentedLoadedAfter = (modules: string[]) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            '-e',
            `for (const m of ${JSON.stringify(modules)}) require(m);
             const instrumented = /node_modules[\\/](restify|pg|botbuilder|@electric-sql[\\/]pglite)[\\/]/;
             process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((file) => instrumented.test(file))));`,
          ],
          { encoding: 'utf8', cwd: projectRoot() },
        ),
      ) as string[];
    const beforeTelemetry = ['config/config', 'platform/logging/logger', 'platform/telemetry/telemetry'].map((m) => path.join(dist, m));
    expect(instrumentedLoadedAfter(beforeTelemetry)).toEqual([]);
    // The check sees such a module when one is loaded, so the expectation above cannot pass by seeing nothing.
    expect(instrumentedLoadedAfter([...beforeTelemetry, 'restify']).length).toBeGreaterThan(0);
  });

  it('without the connection string loads none of the SDK and sends nothing', async () => {
    const before = ingestion.bodies.length;
    const store = await tempPglite();
    const run = await startRecorded(store, { APPLICATIONINSIGHTS_CONNECTION_STRING: '' }, dir);
    try {
      const person: ActivityOptions = { serviceUrl: connector.serviceUrl, conversationId: `a:quiet-${randomUUID()}` };
      await turn(run.service.port, message(person, 'hallo'));
      expect((await fetch(`http://127.0.0.1:${run.service.port}/healthz`)).status).toBe(200);
    } finally {
      await run.service.stop();
      await store.dispose();
    }
    const loaded = await run.loadedModules();
    expect(loaded.some((m) => m.includes('/dist/bot/src/app.js'))).toBe(true);
    expect(loaded.filter((m) => SDK_MODULE.test(m))).toEqual([]);
    expect(ingestion.bodies.length).toBe(before);
  });
});
