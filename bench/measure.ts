import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Small statistics and timing helpers for the benchmark. */
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The raw outcome of a load: every call's milliseconds, the errors and the wall time it took. */
interface Collected {
  latencies: number[];
  errors: number;
  seconds: number;
}

/**
 * Runs `total` calls of `call(i)` with `concurrency` in flight at once and times each call, unless the
 * call times itself (returns the milliseconds of the part that counts, or false for an error).
 */
export async function runLoad(total: number, concurrency: number, call: (i: number) => Promise<boolean | number>): Promise<LoadResult> {
  return summarise([await collect(total, concurrency, call, 0)]);
}

/**
 * Two loads in turns, block after block (`blocks` of each), so both meet the same moments of a noisy machine: a
 * ratio between them then says what the work costs, not what else the machine was doing at the time.
 */
export async function runInterleaved(
  total: number,
  concurrency: number,
  blocks: number,
  a: (i: number) => Promise<boolean | number>,
  b: (i: number) => Promise<boolean | number>,
): Promise<[LoadResult, LoadResult]> {
  const ofA: Collected[] = [];
  const ofB: Collected[] = [];
  const size = Math.ceil(total / blocks);
  for (let from = 0; from < total; from += size) {
    ofA.push(await collect(Math.min(size, total - from), concurrency, a, from));
    ofB.push(await collect(Math.min(size, total - from), concurrency, b, from));
  }
  return [summarise(ofA), summarise(ofB)];
}

async function collect(total: number, concurrency: number, call: (i: number) => Promise<boolean | number>, offset: number): Promise<Collected> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) {
      const i = offset + next++;
      const t0 = performance.now();
      const outcome = await call(i).catch(() => false);
      latencies.push(typeof outcome === 'number' ? outcome : performance.now() - t0);
      if (outcome === false) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, errors, seconds: (performance.now() - started) / 1000 };
}

function summarise(parts: Collected[]): LoadResult {
  const latencies = parts.flatMap((p) => p.latencies).sort((x, y) => x - y);
  const seconds = parts.reduce((sum, p) => sum + p.seconds, 0);
  return {
    requests: latencies.length,
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    seconds: round(seconds, 2),
    rps: round(latencies.length / seconds, 0),
    p50: round(percentile(latencies, 50), 1),
    p95: round(percentile(latencies, 95), 1),
    p99: round(percentile(latencies, 99), 1),
  };
}

export const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * A service on PGlite in `dataDir`. DATABASE_URL is emptied: a child process inherits the bench's environment, and
 * with it set (for the PostgreSQL rows) the "PGlite" rows ran on PostgreSQL until stop 27.
 */
export const onPglite = (dataDir: string) => ({ DATA_DIR: dataDir, DATABASE_URL: '' });

/** A process's resident set size in MB, from /proc (Linux); null elsewhere. */
export function rssMb(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? round(Number(kb) / 1024, 1) : null;
  } catch {
    return null;
  }
}

/**
 * A busy machine: processes spinning at full speed beside the measured ones, as another workload would; by default
 * one for every other CPU (half this 2-CPU machine). Returns its stop.
 */
export function cpuHog(processes = Math.max(1, Math.floor(cpus().length / 2))): () => Promise<void> {
  const hogs = Array.from({ length: processes }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return async () => {
    await Promise.all(
      hogs.map(
        (hog) =>
          new Promise<void>((resolve) => {
            if (hog.exitCode !== null || hog.signalCode !== null) return resolve();
            hog.once('exit', () => resolve());
            hog.kill('SIGKILL');
          }),
      ),
    );
  };
}
