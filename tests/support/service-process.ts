import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../bot/src/platform/project-root';
import { freePort } from './local-run';

// From tests/ under Jest and from dist/tests/ under the benchmark alike.
const ROOT = projectRoot();
/** The built service, as `npm run serve` runs it (bench and tests load this file from dist/ too). */
export const SERVICE_MAIN = path.join(ROOT, 'dist', 'bot', 'src', 'main.js');

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  /** Milliseconds from spawn to a healthy /healthz. */
  readyMs: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Abuse limits high enough for a benchmark or a load test that sends everything as one or a few people. */
const GENEROUS_LIMITS = {
  LIMIT_TURNS_PER_MINUTE: '1000000',
  LIMIT_SIGNALS_PER_HOUR: '1000000',
  LIMIT_API_PER_MINUTE: '1000000',
  LIMIT_API_PER_IP_PER_MINUTE: '1000000',
};

/** The mixer publishes each anonymous item at its next tick, so a test or a load run sees its rows (its own tests set k). */
const IMMEDIATE_MIXER = { MIX_BATCH_SIZE: '1', MIX_MAX_DELAY_MINUTES: '0' };

/** Starts a script (by default the service) as its own process on a free port and waits for /healthz. */
export async function startServiceProcess(env: Record<string, string>, script = SERVICE_MAIN, stdio: 'ignore' | 'inherit' = 'ignore'): Promise<ServiceProcess> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', BOT_ID: '', ...GENEROUS_LIMITS, ...IMMEDIATE_MIXER, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', stdio],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    child,
    port,
    readyMs: performance.now() - t0,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}
