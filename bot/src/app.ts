import type { AddressInfo } from 'node:net';
import type { Config } from './config/config';
import { createServer } from './http/server';
import type { Logger } from './logging/logger';
import type { Database } from './storage/database';
import { HandledActivities } from './storage/handled-activities';
import { Installations } from './storage/installations';
import { openDatabase } from './storage/open-database';
import { seedSocialeKaart } from './storage/seed-sociale-kaart';
import { createAdapter } from './teams/adapter';
import { SociaalVeiligBot } from './teams/sociaal-veilig-bot';

const HOUR_MS = 60 * 60 * 1000;

export interface RunningApp {
  port: number;
  db: Database;
  /** Stops taking requests, waits for in-flight turns (up to the grace period), closes the database. */
  stop(): Promise<void>;
}

/** Wires the service together and starts listening. Used by `main.ts` and by the integration tests. */
export async function startApp(config: Config, logger: Logger, options: { tabDir?: string } = {}): Promise<RunningApp> {
  const db = await openDatabase(config.storage);
  await seedSocialeKaart(db);
  const handled = new HandledActivities(db);
  const adapter = createAdapter(config, handled, logger);
  const bot = new SociaalVeiligBot({ installations: new Installations(db), locale: config.locale, logger });
  const { server, inFlight } = createServer({
    adapter,
    bot,
    storageKind: db.kind,
    logger,
    production: config.mode === 'production',
    tabDir: options.tabDir,
  });

  // Retention: forget handled activity ids once Teams can no longer repeat them.
  const purge = setInterval(() => {
    handled.purgeOlderThan().catch((error: Error) => logger.warn({ event: 'purge.failed', error: error.message }));
  }, HOUR_MS);
  purge.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(purge);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      const drained = await inFlight.drained(config.shutdownGraceMs);
      if (!drained) logger.warn({ event: 'shutdown.timeout', inFlight: inFlight.size }, 'requests still running');
      server.server.closeAllConnections();
      await closed;
      await db.close();
    })());

  return { port, db, stop };
}
