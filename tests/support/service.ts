import { type RunningApp, startApp } from '../../bot/src/app';
import type { Config } from '../../bot/src/config/config';
import { DEFAULT_RETENTION } from '../../bot/src/domain/signals/retention';
import { createLogger } from '../../bot/src/logging/logger';

/** Starts the real service in this process on a free port. */
export async function startService(storage: Config['storage'], overrides: Partial<Config> = {}, tabDir?: string, logLines?: string[]) {
  const config: Config = {
    mode: 'development',
    port: 0,
    storage,
    locale: 'auto',
    logLevel: 'silent',
    shutdownGraceMs: 5_000,
    outboxPollMs: 100,
    signalKey: Buffer.alloc(32, 1),
    signalKeyPrevious: [],
    retention: DEFAULT_RETENTION,
    dataDir: storage.kind === 'pglite' ? storage.dataDir : './.data',
    ...overrides,
  };
  // With `logLines`, every log line at every level is kept there, so tests can read what would be logged.
  const logger = logLines ? createLogger('trace', { write: (line: string) => void logLines.push(line) }) : createLogger(config.logLevel);
  const app: RunningApp = await startApp(config, logger, { tabDir });
  const base = `http://127.0.0.1:${app.port}`;
  return {
    app,
    base,
    /** POSTs an activity to /api/messages as the Bot Connector would. */
    post: (activity: object, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }),
  };
}
