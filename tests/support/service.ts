import { type RunningApp, startApp } from '../../bot/src/app';
import type { Config } from '../../bot/src/config/config';
import { DEFAULT_RETENTION } from '../../bot/src/shared/policies';
import type { Queryable } from '../../bot/src/platform/database/database';
import { createLogger } from '../../bot/src/platform/logging/logger';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { eventually } from './eventually';

/** The SIGNAL_KEY of every test service, so tests can find rows by their HMACs. */
export const TEST_SIGNAL_KEY = Buffer.alloc(32, 1);

/**
 * Publishes everything waiting in the mixer (domain/mixing), so a test sees the rows of the anonymous signals,
 * replies and evaluations it sent. The timer may be publishing at the same moment (one replica at a time holds the
 * mixer's lock): so this waits until nothing waits.
 */
export async function settle(app: RunningApp): Promise<void> {
  await eventually(async () => {
    await app.mixer.publishDue();
    const { rows } = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mix_envelopes');
    if (rows[0]!.n > 0) throw new Error(`${rows[0]!.n} envelopes still waiting`);
  });
}

/** Signals kept in any form: published, or still waiting in the mixer as an envelope. */
export async function signalsKept(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT ((SELECT count(*) FROM signals) + (SELECT count(*) FROM mix_envelopes))::int AS n');
  return rows[0]!.n;
}

/** The row id of the signal a form became. Signals keep only their day, so "the latest" is no way to find one. */
export async function signalIdOf(app: RunningApp, submissionId: string): Promise<string> {
  await settle(app);
  const hmac = new KeyRingSignalSealing(new KeyRing(TEST_SIGNAL_KEY)).submissionHmac(submissionId);
  const { rows } = await app.db.query<{ id: string }>('SELECT id FROM signals WHERE submission_hmac = $1', [hmac]);
  if (!rows[0]) throw new Error('no signal for this form');
  return rows[0].id;
}

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
    delivery: { concurrency: 8, maxAttempts: 6, tenantRps: 50, claimLeaseSeconds: 20, sendTimeoutSeconds: 30 },
    signalKey: TEST_SIGNAL_KEY,
    signalKeyPrevious: [],
    retention: DEFAULT_RETENTION,
    dataDir: storage.kind === 'pglite' ? storage.dataDir : './.data',
    workshops: { timeZone: 'Europe/Amsterdam', duoAnswerHours: 48, retention: { peopleDays: 30, days: 730 } },
    publicBaseUrl: 'http://localhost:3978',
    adviceRiseFactor: 1.5,
    teamsAppId: '00000000-0000-4000-8000-00000000a990',
    // Generous, so tests (and fuzzers) that send hundreds of turns as one person are not stopped; the limits'
    // own tests set low figures.
    limits: { turnsPerMinute: 100_000, signalsPerHour: 100_000, apiPerMinute: 100_000, apiPerIpPerMinute: 100_000 },
    trustedProxyHops: 0,
    // Batches of one, published at the next tick: tests see their rows at once (settle()); the mixer's own
    // tests and the anonymity attacks set real figures.
    mix: { batchSize: 1, maxDelayMs: 0 },
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
