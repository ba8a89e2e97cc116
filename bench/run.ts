import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ActivityOptions, cardAction, mention, message, submit } from '../tests/support/activities';
import { ConnectorStandIn } from '../tests/support/connector-stand-in';
import { type ServiceProcess, startServiceProcess } from '../tests/support/service-process';
import { tempPostgres } from '../tests/support/temp-stores';
import { type DeliveryResult, deliveryRound } from './delivery';
import { figuresRound } from './figures';
import { cpuHog, type LoadResult, onPglite, round, rssMb, runInterleaved, runLoad } from './measure';
import { RoundTripProxy } from './round-trips';

/**
 * `npm run bench`: figures measured side by side in one run on this machine, printed as one table
 * and written to bench/results.json. Each service runs as its own process, as in production.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SERVICE = path.join(ROOT, 'dist', 'bot', 'src', 'main.js');
const ECHO = path.join(ROOT, 'dist', 'bench', 'echo-bot.js');
const TURNS = Number(process.env.BENCH_TURNS ?? 2000);
const CONCURRENCY = 20;
/** The welcome turns and the echo bot's, in this many blocks each, taken in turns. */
const ECHO_BLOCKS = 5;
const WARMUP = 200;
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 500);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 500);
const API_READS = Number(process.env.BENCH_API_READS ?? TURNS);
/** Turns of each kind in the pass that counts round trips. */
const ROUND_TRIP_TURNS = Number(process.env.BENCH_ROUND_TRIP_TURNS ?? 200);
const DELIVERY_MESSAGES = Number(process.env.BENCH_DELIVERY_MESSAGES ?? 5000);
/**
 * The stand-in's tenant limit for the delivery rounds: Teams' 50 per second, doubled to keep the run short.
 * Two service processes, PostgreSQL and the stand-in share this machine's CPUs; at 150 per second and more
 * they, not the pacing, set the pace on a 2-CPU machine (measured: 0.92 of 150, 0.41 of 500).
 */
const DELIVERY_TENANT_RPS = Number(process.env.BENCH_DELIVERY_RPS ?? 100);
/** `BENCH_DELIVERY_SCENARIOS=clean` runs the named delivery rounds only; `BENCH_DELIVERY_BUSY=quiet` or `busy` one machine state. */
const DELIVERY_SCENARIOS = process.env.BENCH_DELIVERY_SCENARIOS?.split(',');
const DELIVERY_BUSY = [false, true].filter((busy) => !process.env.BENCH_DELIVERY_BUSY || process.env.BENCH_DELIVERY_BUSY === (busy ? 'busy' : 'quiet'));
/** `BENCH_ONLY=turns`, `delivery` or `figures` runs one part (for working on it); the full run measures all. */
const ONLY = process.env.BENCH_ONLY;
const runs = (part: string) => ONLY === undefined || ONLY === part;
/** Signals per organisation per quarter for the figures page: 5 organisations, 4 closed quarters. */
const FIGURES_PER_QUARTER = Number(process.env.BENCH_FIGURES_PER_QUARTER ?? 1000);

type Started = ServiceProcess;

/** Production's log level: the cost of our structured logs is part of the figure. */
const startProcess = (script: string, env: Record<string, string>) => startServiceProcess({ LOG_LEVEL: 'info', ...env }, script, 'inherit');
const stopProcess = (p: Started) => p.stop();

async function withTempPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  const store = await tempPostgres();
  try {
    return await work(store.storage.url);
  } finally {
    await store.dispose();
  }
}

/** An activity posted as the Bot Connector would: true when the service answered 200. */
async function postActivity(port: number, activity: object): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await res.arrayBuffer();
  return res.status === 200;
}

/** Twenty people, each in their own personal chat (as in Teams: one person per 1:1 conversation). */
function welcomeChats(connector: ConnectorStandIn) {
  return Array.from({ length: CONCURRENCY }, (_, i) => {
    const id = `${i}-${randomBytes(3).toString('hex')}`;
    return { serviceUrl: connector.serviceUrl, conversationId: `a:bench-${id}`, userId: `29:bench-${id}`, aadObjectId: `aad-bench-${id}` };
  });
}

/** The welcome turn: "hallo" in a personal chat, answered with the welcome card through the connector. */
async function welcomeTurns(port: number, connector: ConnectorStandIn, total: number): Promise<LoadResult> {
  const chats = welcomeChats(connector);
  return runLoad(total, CONCURRENCY, (i) => postActivity(port, message(chats[i % CONCURRENCY]!, 'hallo')));
}

/** Welcome turns to the service and to the echo bot, in blocks taken in turns (runInterleaved). */
async function welcomeBesideEcho(service: number, echo: number, connector: ConnectorStandIn, total: number): Promise<[LoadResult, LoadResult]> {
  const chats = welcomeChats(connector);
  const hallo = (port: number) => (i: number) => postActivity(port, message(chats[i % CONCURRENCY]!, 'hallo'));
  return runInterleaved(total, CONCURRENCY, ECHO_BLOCKS, hallo(service), hallo(echo));
}

type OpenForm = { options: ActivityOptions; data: Record<string, unknown> };

/** `total` people each open a signal form in their own chat: what the submit turns then send (not timed). */
async function openSignalForms(port: number, connector: ConnectorStandIn, total: number): Promise<OpenForm[]> {
  const post = (activity: object) => postActivity(port, activity);
  const forms: OpenForm[] = [];
  const opened = await runLoad(total, CONCURRENCY, async (i) => {
    // Each signal from another person in their own chat.
    const id = `${i}-${randomBytes(3).toString('hex')}`;
    const options = { serviceUrl: connector.serviceUrl, conversationId: `a:bench-signal-${id}`, userId: `29:bench-signal-${id}`, aadObjectId: `aad-bench-signal-${id}` };
    if (!(await post(submit(options, { action: 'signal.form', organisation: 'bzk' })))) return false;
    const form = [...connector.received].reverse().find((r) => r.conversationId === options.conversationId);
    const data = form?.activity.attachments?.[0]?.content.actions?.find((a: { data?: { action?: string } }) => a.data?.action === 'signal.submit')?.data;
    if (!data) return false;
    forms.push({ options, data });
    return true;
  });
  if (opened.errors > 0) throw new Error(`bench: ${opened.errors} signal forms did not open`);
  return forms;
}

/** The signal submit turn, 20 at a time, each form once: validation, routing, sealing, the insert and the receipt card. */
async function signalSubmits(port: number, forms: OpenForm[]): Promise<LoadResult> {
  const post = (activity: object) => postActivity(port, activity);
  return runLoad(forms.length, CONCURRENCY, async (i) => {
    const { options, data } = forms[i]!;
    const value = { ...data, category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Een beschrijving van wat er gebeurde, zonder namen.' };
    return post(submit(options, value));
  });
}

/**
 * A tab API read: a counsellor's inbox (`GET /api/signals`), with a token of the development sign-in: the token's
 * check, the API limit's count, the inbox query and its answer.
 */
async function inboxReads(port: number, total: number): Promise<LoadResult> {
  const base = `http://127.0.0.1:${port}`;
  const signIn = await fetch(`${base}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'counsellor' }) });
  const { token } = (await signIn.json()) as { token: string };
  return runLoad(total, CONCURRENCY, async () => {
    const res = await fetch(`${base}/api/signals`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    return res.status === 200;
  });
}

/**
 * Workshop registrations: a workshop is planned in a channel, then `total` different people press
 * "Aanmelden" on its card, 20 at a time: the worst case of one popular invitation, where every
 * decision waits for the workshop's row lock (those that arrive together are decided in one transaction).
 * The Action.Execute invoke is timed up to its answer card.
 */
async function workshopRegistrations(port: number, connector: ConnectorStandIn, total: number): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}/api/messages`;
  const invoke = async (activity: object) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    return { ok: res.status === 200, body: text ? JSON.parse(text) : undefined };
  };
  const channel = { serviceUrl: connector.serviceUrl, conversationId: `19:bench-${randomBytes(3).toString('hex')}@thread.tacv2`, conversationType: 'channel' as const, userId: '29:manager', aadObjectId: 'aad-bench-manager' };
  // As a manager does: @mention "workshop plannen", then send the form from the card that comes back.
  connector.clear();
  const mentioned = mention(channel, 'workshop plannen');
  await invoke(mentioned);
  await connector.until(() => connector.received.some((r) => r.replyToId === mentioned.id));
  const planningCard = connector.received.find((r) => r.replyToId === mentioned.id)!.activity.attachments![0]!.content;
  const planning = (planningCard.actions as Array<{ data: Record<string, unknown> }>)[0]!.data;
  const day = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
  while (day.getUTCDay() !== 2) day.setUTCDate(day.getUTCDate() + 1);
  const planned = await invoke(
    cardAction(channel, 'workshop.plan', { ...planning, date: day.toISOString().slice(0, 10), time: '10:00', location: 'https://teams.microsoft.com/l/meetup-join/bench', audience: 'medewerkers', seats: '20', language: 'nl', seatsConfirmed: 'true' }),
  );
  const register = planned.body?.value?.actions?.find((a: { verb?: string }) => a.verb === 'workshop.register');
  if (!register) throw new Error('bench: the workshop could not be planned');
  return runLoad(total, CONCURRENCY, async (i) => {
    const person = { ...channel, userId: `29:bench-${i}`, aadObjectId: `aad-bench-${i}-${randomBytes(3).toString('hex')}` };
    const reply = await invoke(cardAction(person, 'workshop.register', register.data));
    return reply.ok && reply.body?.statusCode === 200 && reply.body?.type === 'application/vnd.microsoft.card.adaptive';
  });
}

async function measureTurns(label: string, env: Record<string, string>, connector: ConnectorStandIn) {
  const service = await startProcess(SERVICE, env);
  const echo = await startProcess(ECHO, {});
  try {
    await welcomeTurns(service.port, connector, WARMUP);
    await welcomeTurns(echo.port, connector, WARMUP);
    // The service's resident memory after each round: it should level off, not climb round after round.
    const rss: Record<string, number | null> = { started: rssMb(service.child.pid) };
    const [ours, baseline] = await welcomeBesideEcho(service.port, echo.port, connector, TURNS);
    rss.welcome = rssMb(service.child.pid);
    connector.clear();
    const signalSubmit = await signalSubmits(service.port, await openSignalForms(service.port, connector, SUBMITS));
    rss.signalSubmit = rssMb(service.child.pid);
    connector.clear();
    const registration = await workshopRegistrations(service.port, connector, REGISTRATIONS);
    rss.registration = rssMb(service.child.pid);
    connector.clear();
    const apiRead = await inboxReads(service.port, API_READS);
    rss.apiRead = rssMb(service.child.pid);
    // Each turn beside the echo bot of the same run: how much our work costs over a bare botbuilder turn.
    const ratios = (x: LoadResult) => ({ rps: round(x.rps / baseline.rps, 2), p95: round(x.p95 / baseline.p95, 2) });
    const welcomeRatio = ratios(ours);
    return {
      storage: label,
      ours,
      echo: baseline,
      ratioRps: welcomeRatio.rps,
      ratioP95: welcomeRatio.p95,
      signalSubmit,
      signalSubmitRatio: ratios(signalSubmit),
      registration,
      registrationRatio: ratios(registration),
      apiRead,
      apiReadRatio: ratios(apiRead),
      rssMb: rss,
    };
  } finally {
    await stopProcess(service);
    await stopProcess(echo);
  }
}

/**
 * Database round trips per turn, counted on the wire by a proxy in front of PostgreSQL (bench/round-trips.ts), in a
 * pass of its own so the proxy's hop does not touch the timed runs. PGlite runs the same statements in process.
 * Includes what the service does meanwhile (the outbox's polls, the mixer): a few statements a second.
 */
async function roundTripsPerTurn(url: string, connector: ConnectorStandIn): Promise<{ welcome: number; signalSubmit: number; registration: number }> {
  const target = new URL(url);
  const proxy = await new RoundTripProxy(target.hostname, Number(target.port || 5432)).start();
  const service = await startProcess(SERVICE, { DATABASE_URL: proxy.urlFor(url) });
  const per = async (total: number, work: () => Promise<LoadResult>) => {
    const before = proxy.count;
    await work();
    return round((proxy.count - before) / total, 1);
  };
  try {
    await welcomeTurns(service.port, connector, WARMUP);
    const welcome = await per(ROUND_TRIP_TURNS, () => welcomeTurns(service.port, connector, ROUND_TRIP_TURNS));
    connector.clear();
    const forms = await openSignalForms(service.port, connector, ROUND_TRIP_TURNS);
    const signalSubmit = await per(ROUND_TRIP_TURNS, () => signalSubmits(service.port, forms));
    connector.clear();
    const registration = await per(ROUND_TRIP_TURNS, () => workshopRegistrations(service.port, connector, ROUND_TRIP_TURNS));
    connector.clear();
    return { welcome, signalSubmit, registration };
  } finally {
    await stopProcess(service);
    await proxy.stop();
  }
}

async function coldStart(env: Record<string, string>): Promise<number> {
  const started = await startProcess(SERVICE, env);
  await stopProcess(started);
  return round(started.readyMs / 1000, 2);
}

async function main(): Promise<void> {
  const connector = await new ConnectorStandIn().start();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sv-bench-'));
  const results: Record<string, unknown> = {
    when: new Date().toISOString(),
    machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
    turns: TURNS,
    concurrency: CONCURRENCY,
  };
  try {
    if (runs('turns')) {
      const pgliteDir = path.join(dataDir, 'pglite');
      results.coldStartPglite = { emptyDataDirS: await coldStart(onPglite(pgliteDir)), existingDataDirS: await coldStart(onPglite(pgliteDir)) };
      const turns = [await measureTurns('pglite', onPglite(path.join(dataDir, 'turns')), connector)];
      if (process.env.DATABASE_URL) {
        await withTempPostgres(async (url) => {
          results.coldStartPostgres = { emptyDatabaseS: await coldStart({ DATABASE_URL: url }), migratedDatabaseS: await coldStart({ DATABASE_URL: url }) };
          turns.push(await measureTurns('postgres', { DATABASE_URL: url }, connector));
          results.roundTripsPerTurn = await roundTripsPerTurn(url, connector);
        });
      }
      results.welcomeTurn = turns;
    }
    if (runs('figures')) results.figures = await figuresRound(path.join(dataDir, 'figures'), FIGURES_PER_QUARTER);
    if (runs('delivery')) {
      if (process.env.DATABASE_URL) {
        // Two replicas need a shared database: the delivery rounds run on PostgreSQL only.
        const rounds: DeliveryResult[] = [];
        const scenarios = [
          { scenario: 'clean', count: DELIVERY_MESSAGES, tenantRps: DELIVERY_TENANT_RPS },
          { scenario: '5% 5xx injected', count: DELIVERY_MESSAGES, tenantRps: DELIVERY_TENANT_RPS, faultRate: 0.05 },
          { scenario: 'one process killed halfway', count: DELIVERY_MESSAGES, tenantRps: DELIVERY_TENANT_RPS, killHalfway: true },
        ].filter((s) => !DELIVERY_SCENARIOS || DELIVERY_SCENARIOS.includes(s.scenario));
        // Each round on a quiet machine, then again with every CPU kept busy by another workload.
        for (const busyMachine of DELIVERY_BUSY) {
          for (const scenario of scenarios) {
            const stopHog = busyMachine ? cpuHog() : async () => undefined;
            try {
              rounds.push(await withTempPostgres((url) => deliveryRound(url, { ...scenario, busyMachine })));
            } finally {
              await stopHog();
            }
          }
        }
        results.delivery = { tenantLimitRps: DELIVERY_TENANT_RPS, processes: 2, rounds };
      }
    }
    if (!process.env.DATABASE_URL) process.stdout.write('PostgreSQL figures and the delivery rounds skipped: DATABASE_URL is not set.\n');
  } finally {
    await connector.stop();
    await rm(dataDir, { recursive: true, force: true });
  }

  mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
}

function printTable(r: Record<string, any>): void {
  const rows: string[][] = [['figure', 'value']];
  const cp = r.coldStartPglite;
  if (cp) {
    rows.push(['cold start, PGlite, empty DATA_DIR (s)', String(cp.emptyDataDirS)]);
    rows.push(['cold start, PGlite, existing DATA_DIR (s)', String(cp.existingDataDirS)]);
  }
  if (r.coldStartPostgres) {
    rows.push(['cold start, PostgreSQL, empty database (s)', String(r.coldStartPostgres.emptyDatabaseS)]);
    rows.push(['cold start, PostgreSQL, migrated database (s)', String(r.coldStartPostgres.migratedDatabaseS)]);
  }
  for (const t of r.welcomeTurn ?? []) {
    const f = (x: LoadResult) => `${x.rps} req/s, p50 ${x.p50} / p95 ${x.p95} / p99 ${x.p99} ms, ${x.errors} errors`;
    rows.push([`welcome turn, ${t.storage}, ${r.concurrency} concurrent`, f(t.ours)]);
    rows.push([`  bare echo bot, same run (in blocks between ours)`, f(t.echo)]);
    rows.push([`  ratio ours/echo`, `throughput ${t.ratioRps}, p95 ${t.ratioP95}`]);
    const s = t.signalSubmit as LoadResult;
    rows.push([`signal submit turn, ${t.storage}, ${r.concurrency} concurrent`, `${s.rps} req/s, p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} ms, ${s.errors} errors (${s.requests} signals)`]);
    rows.push([`  ratio ours/echo`, `throughput ${t.signalSubmitRatio.rps}, p95 ${t.signalSubmitRatio.p95}`]);
    const g = t.registration as LoadResult;
    rows.push([`workshop registration turn, ${t.storage}, ${r.concurrency} concurrent`, `${g.rps} req/s, p50 ${g.p50} / p95 ${g.p95} / p99 ${g.p99} ms, ${g.errors} errors (${g.requests} people, one workshop)`]);
    rows.push([`  ratio ours/echo`, `throughput ${t.registrationRatio.rps}, p95 ${t.registrationRatio.p95}`]);
    const a = t.apiRead as LoadResult;
    rows.push([`tab API read (a counsellor's inbox), ${t.storage}, ${r.concurrency} concurrent`, `${a.rps} req/s, p50 ${a.p50} / p95 ${a.p95} / p99 ${a.p99} ms, ${a.errors} errors`]);
    rows.push([`  ratio ours/echo`, `throughput ${t.apiReadRatio.rps}, p95 ${t.apiReadRatio.p95}`]);
    rows.push([`  service RSS, ${t.storage} (MB)`, Object.entries(t.rssMb as Record<string, number | null>).map(([k, v]) => `${k} ${v}`).join(', ')]);
  }
  if (r.roundTripsPerTurn) {
    const t = r.roundTripsPerTurn;
    rows.push([`database round trips per turn (PostgreSQL, counted on the wire)`, `welcome ${t.welcome}, signal submit ${t.signalSubmit}, registration ${t.registration}`]);
  }
  if (r.figures) {
    const g = r.figures;
    rows.push([`figures page, ${g.signals} signals of ${g.organisations} organisations over ${g.quarters} closed quarters`, `API ${g.apiFirstMs} ms, then ${g.apiNextMs} ms; page drawn in Chromium ${g.pageMedianMs ?? 'not measured'} ms (median of ${g.pageLoads} loads, from navigation start)`]);
  }
  if (r.delivery) {
    for (const d of r.delivery.rounds as DeliveryResult[]) {
      rows.push([
        `delivery, ${d.messages} messages, 2 processes, limit ${r.delivery.tenantLimitRps}/s: ${d.scenario}${d.busyMachine ? ', busy machine' : ''}`,
        `${d.seconds} s, rate ${d.rateOfLimit} of the limit (steady ${round(d.steadyRateOfLimit, 3)}), ${d.throttled429} × 429, ${d.faults5xx} × 5xx, lost ${d.lost}, duplicated ${d.duplicated}, windows exceeded ${d.windowsExceeded}; RSS ${d.rssMb.join(' and ')} MB`,
      ]);
    }
  }
  const width = Math.max(...rows.map((row) => row[0]!.length));
  process.stdout.write(`\n${rows.map((row) => `${row[0]!.padEnd(width)}  ${row[1]}`).join('\n')}\n\nWritten to bench/results.json (${r.turns} turns each).\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
