import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { cardAction, mention, message, submit } from '../tests/support/activities';
import { ConnectorStandIn } from '../tests/support/connector-stand-in';
import { type ServiceProcess, startServiceProcess } from '../tests/support/service-process';
import { type LoadResult, round, runLoad } from './measure';

/**
 * `npm run bench`: figures measured side by side in one run on this machine, printed as one table
 * and written to bench/results.json. Each service runs as its own process, as in production.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SERVICE = path.join(ROOT, 'dist', 'bot', 'src', 'main.js');
const ECHO = path.join(ROOT, 'dist', 'bench', 'echo-bot.js');
const TURNS = Number(process.env.BENCH_TURNS ?? 2000);
const CONCURRENCY = 20;
const WARMUP = 200;
const SUBMITS = Number(process.env.BENCH_SUBMITS ?? 500);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 500);

type Started = ServiceProcess;

/** Production's log level: the cost of our structured logs is part of the figure. */
const startProcess = (script: string, env: Record<string, string>) => startServiceProcess({ LOG_LEVEL: 'info', ...env }, script, 'inherit');
const stopProcess = (p: Started) => p.stop();

async function withTempPostgres<T>(work: (url: string) => Promise<T>): Promise<T> {
  const base = process.env.DATABASE_URL!;
  const name = `sv_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** The welcome turn: "hallo" in a personal chat, answered with the welcome card through the connector. */
async function welcomeTurns(port: number, connector: ConnectorStandIn, total: number): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}/api/messages`;
  const conversations = Array.from({ length: CONCURRENCY }, (_, i) => `a:bench-${i}-${randomBytes(3).toString('hex')}`);
  return runLoad(total, CONCURRENCY, async (i) => {
    const activity = message({ serviceUrl: connector.serviceUrl, conversationId: conversations[i % CONCURRENCY] }, 'hallo');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.arrayBuffer();
    return res.status === 200;
  });
}

/**
 * The signal submit turn: each conversation first opens a form (not timed), then sends it; only the
 * submit is timed: validation, routing, sealing, the insert and the receipt card.
 */
async function signalSubmits(port: number, connector: ConnectorStandIn, total: number): Promise<LoadResult> {
  const url = `http://127.0.0.1:${port}/api/messages`;
  const post = (activity: object) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }).then(async (res) => {
      await res.arrayBuffer();
      return res.status === 200;
    });
  return runLoad(total, CONCURRENCY, async (i) => {
    const options = { serviceUrl: connector.serviceUrl, conversationId: `a:bench-signal-${i}-${randomBytes(3).toString('hex')}` };
    if (!(await post(submit(options, { action: 'signal.form', organisation: 'bzk' })))) return false;
    const form = [...connector.received].reverse().find((r) => r.conversationId === options.conversationId);
    const data = form?.activity.attachments?.[0]?.content.actions?.find((a: { data?: { action?: string } }) => a.data?.action === 'signal.submit')?.data;
    if (!data) return false;
    const value = { ...data, category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Een beschrijving van wat er gebeurde, zonder namen.' };
    const t0 = performance.now();
    return (await post(submit(options, value))) ? performance.now() - t0 : false;
  });
}

/**
 * Workshop registrations: a workshop is planned in a channel, then `total` different people press
 * "Aanmelden" on its card, 20 at a time: the worst case of one popular invitation, where every
 * registration waits for the workshop's row lock. The Action.Execute invoke is timed up to its answer card.
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
    const ours = await welcomeTurns(service.port, connector, TURNS);
    const baseline = await welcomeTurns(echo.port, connector, TURNS);
    connector.clear();
    const signalSubmit = await signalSubmits(service.port, connector, SUBMITS);
    connector.clear();
    const registration = await workshopRegistrations(service.port, connector, REGISTRATIONS);
    connector.clear();
    return {
      storage: label,
      ours,
      echo: baseline,
      ratioRps: round(ours.rps / baseline.rps, 2),
      ratioP95: round(ours.p95 / baseline.p95, 2),
      signalSubmit,
      registration,
    };
  } finally {
    await stopProcess(service);
    await stopProcess(echo);
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
    const pgliteDir = path.join(dataDir, 'pglite');
    results.coldStartPglite = { emptyDataDirS: await coldStart({ DATA_DIR: pgliteDir }), existingDataDirS: await coldStart({ DATA_DIR: pgliteDir }) };
    const turns = [await measureTurns('pglite', { DATA_DIR: path.join(dataDir, 'turns') }, connector)];
    if (process.env.DATABASE_URL) {
      await withTempPostgres(async (url) => {
        results.coldStartPostgres = { emptyDatabaseS: await coldStart({ DATABASE_URL: url }), migratedDatabaseS: await coldStart({ DATABASE_URL: url }) };
        turns.push(await measureTurns('postgres', { DATABASE_URL: url }, connector));
      });
    } else {
      process.stdout.write('PostgreSQL figures skipped: DATABASE_URL is not set.\n');
    }
    results.welcomeTurn = turns;
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
  rows.push(['cold start, PGlite, empty DATA_DIR (s)', String(cp.emptyDataDirS)]);
  rows.push(['cold start, PGlite, existing DATA_DIR (s)', String(cp.existingDataDirS)]);
  if (r.coldStartPostgres) {
    rows.push(['cold start, PostgreSQL, empty database (s)', String(r.coldStartPostgres.emptyDatabaseS)]);
    rows.push(['cold start, PostgreSQL, migrated database (s)', String(r.coldStartPostgres.migratedDatabaseS)]);
  }
  for (const t of r.welcomeTurn) {
    const f = (x: LoadResult) => `${x.rps} req/s, p50 ${x.p50} / p95 ${x.p95} / p99 ${x.p99} ms, ${x.errors} errors`;
    rows.push([`welcome turn, ${t.storage}, ${r.concurrency} concurrent`, f(t.ours)]);
    rows.push([`  bare echo bot, same run`, f(t.echo)]);
    rows.push([`  ratio ours/echo`, `throughput ${t.ratioRps}, p95 ${t.ratioP95}`]);
    const s = t.signalSubmit as LoadResult;
    rows.push([`signal submit turn, ${t.storage}, ${r.concurrency} concurrent`, `p50 ${s.p50} / p95 ${s.p95} / p99 ${s.p99} ms, ${s.errors} errors (${s.requests} signals)`]);
    const g = t.registration as LoadResult;
    rows.push([`workshop registration turn, ${t.storage}, ${r.concurrency} concurrent`, `${g.rps} req/s, p50 ${g.p50} / p95 ${g.p95} / p99 ${g.p99} ms, ${g.errors} errors (${g.requests} people, one workshop)`]);
  }
  const width = Math.max(...rows.map((row) => row[0]!.length));
  process.stdout.write(`\n${rows.map((row) => `${row[0]!.padEnd(width)}  ${row[1]}`).join('\n')}\n\nWritten to bench/results.json (${r.turns} turns each).\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
