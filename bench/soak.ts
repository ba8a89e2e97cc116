import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { wallClockOf } from '../bot/src/features/workshops/local-time';
import { ConnectorStandIn } from '../tests/support/connector-stand-in';
import { EntraStandIn } from '../tests/support/entra-stand-in';
import { RoundRobinProxy } from '../tests/support/round-robin-proxy';
import { tempPostgres } from '../tests/support/temp-stores';
import { deliveriesOf, type Moment, queryableOf, runScriptedDay } from '../tests/support/scripted-day';
import { type ServiceProcess, startServiceProcess } from '../tests/support/service-process';
import { percentile, round, rssMb } from './measure';

/**
 * `npm run soak`: the scripted day over and over, for SOAK_SECONDS (default 5 minutes), against two service
 * processes on one PostgreSQL database behind a round-robin proxy, with the Bot Connector and Entra stand-ins.
 * Reports requests, errors (goal 0) and p95 per kind, messages lost or doubled, and each process's memory: RSS
 * and the floor of its heap from start to end, with a straight line fitted through them after the warm-up
 * (goal: no steady growth). Prints a table and writes bench/soak-results.json.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const WRAPPER = path.join(ROOT, 'dist', 'bench', 'soak-service.js');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
/** Days run side by side; each starts when the previous wave has ended, so the connector's record stays small. */
const DAYS_AT_ONCE = Number(process.env.SOAK_DAYS_AT_ONCE ?? 3);
/** RSS is read from /proc this often, and each process reports its heap as often (and after every full collection). */
const SAMPLE_MS = 5000;
/** Memory before this share of the run (at most a minute) is warm-up: caches filling, JIT compiling. */
const WARMUP_SHARE = 0.25;
/**
 * Above this slope of the live heap (heap used right after each full collection) after the warm-up, memory counts
 * as growing steadily. Heap used between collections is a saw-tooth, and RSS follows the heap's high-water mark
 * (V8 seldom gives pages back), so neither says whether something leaks; both are reported beside it.
 */
const GROWTH_LIMIT_MB_PER_MINUTE = 1;
const SIGNAL_KEY = randomBytes(32);

interface MemorySample {
  /** Seconds since the soak started. */
  t: number;
  rssMb: number;
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    process.stderr.write('npm run soak needs DATABASE_URL (PostgreSQL): two processes share one database.\n');
    process.exit(2);
  }
  const store = await tempPostgres();
  const { url } = store.storage;
  const memoryDir = await mkdtemp(path.join(tmpdir(), 'sv-soak-'));
  const entra = await new EntraStandIn().start();
  const connector = await new ConnectorStandIn().start();
  const services: ServiceProcess[] = [];
  const db = new Client({ connectionString: url });
  let proxy: RoundRobinProxy | undefined;
  try {
    const env = (i: number) => ({
      DATABASE_URL: url,
      SIGNAL_KEY: SIGNAL_KEY.toString('base64'),
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '200',
      ...entra.tabEnv,
      // One load generator on one address plays every counsellor and the whole office: the per-person and
      // per-address limits of the tab API and the facilitators' turns would measure the generator, not the service.
      LIMIT_API_PER_MINUTE: '1000000',
      LIMIT_API_PER_IP_PER_MINUTE: '1000000',
      LIMIT_TURNS_PER_MINUTE: '1000000',
      SOAK_MEMORY_FILE: path.join(memoryDir, `process-${i}.jsonl`),
      SOAK_MEMORY_MS: String(SAMPLE_MS),
    });
    services.push(...(await Promise.all([0, 1].map((i) => startServiceProcess(env(i), WRAPPER, 'inherit')))));
    proxy = await new RoundRobinProxy(services.map((s) => s.port)).start();
    await db.connect();
    const queryable = queryableOf(db);

    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    const rss: MemorySample[][] = services.map(() => []);
    const sampleRss = () => services.forEach((s, i) => rss[i]!.push({ t: elapsed(), rssMb: rssMb(s.child.pid) ?? NaN }));
    sampleRss();
    const sampler = setInterval(sampleRss, SAMPLE_MS);

    const latencies = new Map<string, number[]>();
    const errors = new Map<string, number>();
    const failures = new Map<string, number>();
    const record = (kind: string, ms: number, ok: boolean) => {
      const list = latencies.get(kind) ?? [];
      list.push(ms);
      latencies.set(kind, list);
      if (!ok) errors.set(kind, (errors.get(kind) ?? 0) + 1);
    };
    const slots = workshopSlots();
    let days = 0;
    let failedDays = 0;
    let doubled = 0;
    const doubledExamples: Array<[string, number]> = [];
    let refused = 0;
    let delivered = 0;
    let waves = 0;
    process.stdout.write(`soak: ${SECONDS} s, ${DAYS_AT_ONCE} scripted days at a time, 2 processes behind a round-robin proxy\n`);
    while (elapsed() < SECONDS) {
      const wave = Array.from({ length: DAYS_AT_ONCE }, () => days++);
      const outcomes = await Promise.all(
        wave.map((n) =>
          runScriptedDay(
            { baseUrl: proxy!.url, connector, db: queryable, entra, signalKey: SIGNAL_KEY },
            { round: `soak${n}`, moments: [slots(3 * n), slots(3 * n + 1), slots(3 * n + 2)], record, waitMs: 60_000 },
          ).catch((error: Error) => {
            failedDays++;
            failures.set(error.message, (failures.get(error.message) ?? 0) + 1);
            return undefined;
          }),
        ),
      );
      // A message twice is a proactive one counted twice, or a turn answered twice.
      const labels = new Map(outcomes.flatMap((o) => (o ? [...o.labels] : [])));
      const counts = deliveriesOf(connector, labels);
      const replies = new Map<string, number>();
      for (const r of connector.received) if (r.replyToId) replies.set(r.replyToId, (replies.get(r.replyToId) ?? 0) + 1);
      const twice = [
        ...Object.entries(counts).filter(([key, n]) => !key.includes('| reply: ') && n > 1),
        ...[...replies].filter(([, n]) => n > 1).map(([id, n]): [string, number] => [`reply to turn ${id}`, n]),
      ];
      doubled += twice.length;
      doubledExamples.push(...twice.slice(0, 20 - doubledExamples.length));
      delivered += connector.received.length + connector.updates.length;
      refused += connector.log.filter((r) => r.status >= 300).length;
      connector.clear();
      waves++;
      process.stdout.write(`  ${round(elapsed(), 0)} s: ${days} days, ${failedDays} failed, ${[...errors.values()].reduce((a, b) => a + b, 0)} errors\n`);
    }
    const seconds = elapsed();
    clearInterval(sampler);
    sampleRss();
    const served = [...proxy.served];

    const warmup = Math.min(60, seconds * WARMUP_SHARE);
    const memory = services.map((s, i) => {
      const samples = rss[i]!;
      const live = liveHeap(env(i).SOAK_MEMORY_FILE, started);
      const afterWarmup = (points: Array<[number, number]>) => points.filter(([t]) => t >= warmup);
      const rssPoints = samples.map((m): [number, number] => [round(m.t, 0), m.rssMb]);
      const liveSlope = slopePerMinute(afterWarmup(live));
      const measured = afterWarmup(live).length >= 3;
      return {
        process: i + 1,
        requestsServed: served[i],
        rssMb: { start: samples[0]!.rssMb, end: samples[samples.length - 1]!.rssMb, max: Math.max(...samples.map((m) => m.rssMb)) },
        liveHeapMb: { first: live[0]?.[1], afterWarmup: afterWarmup(live)[0]?.[1], last: live[live.length - 1]?.[1], fullCollections: live.length },
        slopeMbPerMinute: { liveHeap: round(liveSlope, 2), rss: round(slopePerMinute(afterWarmup(rssPoints)), 2) },
        verdict: !measured ? 'too few full collections to tell' : liveSlope <= GROWTH_LIMIT_MB_PER_MINUTE ? 'no steady growth' : 'grows',
        series: { rssMb: rssPoints, liveHeapMb: live },
      };
    });
    const kinds = [...latencies.keys()].sort().map((kind) => {
      const sorted = [...latencies.get(kind)!].sort((a, b) => a - b);
      return { kind, requests: sorted.length, errors: errors.get(kind) ?? 0, p50: round(percentile(sorted, 50), 1), p95: round(percentile(sorted, 95), 1), p99: round(percentile(sorted, 99), 1) };
    });
    // Reminder rounds are timed as one step, not a request.
    const requests = kinds.filter((k) => !k.kind.startsWith('reminders')).reduce((sum, k) => sum + k.requests, 0);
    const results = {
      when: new Date().toISOString(),
      machine: { node: process.version, cpus: cpus().length },
      seconds: round(seconds, 1),
      daysAtOnce: DAYS_AT_ONCE,
      processes: 2,
      days,
      failedDays,
      failures: Object.fromEntries(failures),
      requests,
      requestsPerSecond: round(requests / seconds, 1),
      errors: [...errors.values()].reduce((a, b) => a + b, 0),
      perKind: kinds,
      servedPerProcess: served,
      proxyFailed: proxy.failed,
      // None lost is not counted here but held by the days: each waits for every message it caused, and fails without it.
      messages: { delivered, doubled, doubledExamples, refusedByConnector: refused },
      memoryMethod: `RSS from /proc every ${SAMPLE_MS / 1000} s; live heap = heap used right after each full collection, reported by the process; slopes (Theil–Sen: the median of the slopes between every two samples, so one odd sample cannot tip it) after the warm-up; growth when the live heap rises more than ${GROWTH_LIMIT_MB_PER_MINUTE} MB/min`,
      warmupSeconds: round(warmup, 0),
      memory,
    };
    writeFileSync(path.join(ROOT, 'bench', 'soak-results.json'), `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
    if (results.errors > 0 || failedDays > 0 || doubled > 0) process.exitCode = 1;
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    await proxy?.stop();
    await db.end().catch(() => undefined);
    await connector.stop();
    await entra.stop();
    await rm(memoryDir, { recursive: true, force: true });
    await store.dispose();
  }
}

/**
 * Workshop moments for the days, each used once before any is used again: weekdays from three days ahead for
 * 24 weeks, at 10:00, 12:00 and 14:00 (two hours each, within the seeded pool's hours). A moment takes three
 * or four duos from the pool of 11, so the pool lasts for several hundred workshops.
 */
function workshopSlots(): (n: number) => Moment {
  const slots: Moment[] = [];
  const day = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
  // Noon UTC is the same date in Dutch time, summer and winter: started late in the evening, a UTC Friday would
  // be a Dutch Saturday after the clocks go forward, when the pool is not available.
  day.setUTCHours(12, 0, 0, 0);
  for (let d = 0; d < 24 * 7; d++, day.setUTCDate(day.getUTCDate() + 1)) {
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    for (const time of ['10:00', '12:00', '14:00']) slots.push({ date: wallClockOf(day, 'Europe/Amsterdam').date, time });
  }
  return (n) => slots[n % slots.length]!;
}

/** Resident set size from the kernel, as an operator's monitoring sees it. */
/** Heap used right after each full collection, as the process reported it: (seconds since the soak started, MB). */
function liveHeap(file: string, started: number): Array<[number, number]> {
  const t0 = Date.now() - (performance.now() - started);
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { at: number; afterFullGc?: number })
    .filter((m) => m.afterFullGc !== undefined && m.at >= t0)
    .map((m): [number, number] => [round((m.at - t0) / 1000, 1), round(m.afterFullGc! / 2 ** 20, 1)]);
}

/** Theil–Sen slope of (seconds, MB) points in MB per minute: the median of the slopes between every two points. */
function slopePerMinute(points: Array<[number, number]>): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const [x1, y1] = points[i]!;
      const [x2, y2] = points[j]!;
      if (x2 !== x1) slopes.push(((y2 - y1) / (x2 - x1)) * 60);
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const mid = slopes.length / 2;
  return Number.isInteger(mid) ? (slopes[mid - 1]! + slopes[mid]!) / 2 : slopes[Math.floor(mid)]!;
}

function printTable(r: Record<string, any>): void {
  const rows: string[][] = [['kind', 'requests', 'errors', 'p50 ms', 'p95 ms', 'p99 ms']];
  for (const k of r.perKind) rows.push([k.kind, String(k.requests), String(k.errors), String(k.p50), String(k.p95), String(k.p99)]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  const memory = (r.memory as any[]).map(
    (m) =>
      `process ${m.process}: ${m.requestsServed} requests; RSS ${m.rssMb.start} → ${m.rssMb.end} MB (max ${m.rssMb.max}); live heap ${m.liveHeapMb.first} → ${m.liveHeapMb.afterWarmup} after ${r.warmupSeconds} s → ${m.liveHeapMb.last} MB (${m.liveHeapMb.fullCollections} full collections); ` +
      `after the warm-up live heap ${m.slopeMbPerMinute.liveHeap} MB/min, RSS ${m.slopeMbPerMinute.rss} MB/min: ${m.verdict}`,
  );
  process.stdout.write(
    `\n${rows.map(line).join('\n')}\n\n` +
      `${r.seconds} s, ${r.days} scripted days (${r.failedDays} failed), ${r.requests} requests (${r.requestsPerSecond}/s), ${r.errors} errors\n` +
      `messages: ${r.messages.delivered} delivered, ${r.messages.doubled} doubled, ${r.messages.refusedByConnector} refused by the connector; ` +
      `${r.failedDays === 0 ? 'none lost (each day waited for every message it caused)' : 'see the failed days'}\n` +
      `${memory.join('\n')}\n` +
      (r.failedDays > 0 ? `failures: ${JSON.stringify(r.failures)}\n` : '') +
      `\nWritten to bench/soak-results.json.\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`soak failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
