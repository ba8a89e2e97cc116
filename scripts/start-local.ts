import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/**
 * `npm start`: the service on embedded PGlite (development mode, no credentials) and the
 * Microsoft 365 Agents Playground as the Teams client, pointed at it. Ctrl-C or SIGTERM stops both.
 */
const root = path.resolve(__dirname, '..', '..');
const port = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);
const separator = '-'.repeat(60);
const started = Date.now();
const children: ChildProcess[] = [];
/**
 * restify loads spdy, whose http-deceiver calls process.binding('http_parser') when it is required: Node's
 * DEP0111 warning, twice, on every start. Nothing for us to act on (restify 11 is the newest and always loads
 * it), so that one warning is silenced for the service; `npm run serve` does the same.
 */
const SILENCED = ['--disable-warning=DEP0111'];

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv, stdout: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'inherit'] });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} stopped unexpectedly (${signal ?? code}); stopping everything.\n`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const child of alive) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
  setTimeout(() => {
    alive.forEach((c) => c.kill('SIGKILL'));
    process.exit(code);
  }, 30_000).unref();
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

/** The Playground quietly takes another port when its own is busy; it prints the one it got. */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the Playground did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      seen += chunk.toString();
      const match = /Listening on (\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
}

async function main(): Promise<void> {
  // This opens an unauthenticated bot for a local client. Never where production runs.
  if (process.env.NODE_ENV === 'production' || process.env.WEBSITE_SITE_NAME) {
    throw new Error('npm start is for a developer machine; production runs npm run serve');
  }
  run('service', [...SILENCED, path.join(root, 'dist', 'bot', 'src', 'main.js')], {
    NODE_ENV: 'development',
    PORT: String(port),
    // The Playground always claims en-US; pin Dutch, the app's first language, unless told otherwise.
    LOCALE: process.env.LOCALE ?? 'nl',
    // Development mode accepts the Playground's unauthenticated requests only without a bot identity.
    BOT_ID: '',
    BOT_PASSWORD: '',
    BOT_TENANT_ID: '',
    // Always the embedded PGlite in DATA_DIR: a DATABASE_URL meant for the tests (CI exports one) must not
    // turn a local try-out into writes to a shared database.
    DATABASE_URL: '',
    // One person trying it out has nobody to hide among: an anonymous signal reaches the tab within a minute
    // instead of a day (production: batches of 5, a day at most). Set them to see the real wait.
    MIX_BATCH_SIZE: process.env.MIX_BATCH_SIZE ?? '1',
    MIX_MAX_DELAY_MINUTES: process.env.MIX_MAX_DELAY_MINUTES ?? '1',
  });
  await waitFor(`http://localhost:${port}/healthz`, 60_000);

  const playground = run(
    'playground',
    [
      require.resolve('@microsoft/m365agentsplayground/cli.js'),
      ...['-e', `http://localhost:${port}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt'],
    ],
    { TEAMSAPPTESTER_BROWSER: 'none' },
    'pipe',
  );
  const actualPlaygroundPort = await listeningPort(playground, 60_000);
  await waitFor(`http://localhost:${actualPlaygroundPort}/`, 60_000);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    [
      separator,
      `Sociaal Veilig is ready (${seconds} s):`,
      `  Agents Playground (Teams client): http://localhost:${actualPlaygroundPort}  — say "hallo"`,
      `  Service:                          http://localhost:${port}  (health: /healthz, tab: /tab/)`,
      'Press Ctrl-C to stop both.',
      separator,
      '',
    ].join('\n'),
  );
}

main().catch((error: Error) => {
  process.stderr.write(`npm start failed: ${error.message}\n`);
  stop(1);
});
