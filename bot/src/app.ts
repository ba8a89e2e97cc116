import type { AddressInfo } from 'node:net';
import type { Config } from './config/config';
import { loadSeeds } from './config/seed-files';
import type { FollowUpService, Mixer } from './features/signals';
import type { WorkshopService } from './features/workshops';
import type { Database } from './platform/database/database';
import { openDatabase } from './platform/database/open-database';
import type { Logger } from './platform/logging/logger';
import { startDelivery } from './wiring/delivery';
import { createFeatures, seed } from './wiring/features';
import { createHttp } from './wiring/http';
import { platformParts } from './wiring/platform-parts';
import { startUpkeep, stayAlive } from './wiring/upkeep';
import type { RecurringWork } from './platform/jobs/recurring';

export interface RunningApp {
  port: number;
  /** The address it listens on: every interface with a bot identity, loopback without. */
  host: string;
  /** The follow-up service, for the tab API (and tests) to answer signals. */
  followUp: FollowUpService;
  workshops: WorkshopService;
  /** The mixer, so tests can publish what waits without waiting for the timer. */
  mixer: Mixer;
  db: Database;
  /** Stops taking requests, waits for in-flight turns (up to the grace period), closes the database. */
  stop(): Promise<void>;
}

/** Wires the service together and starts listening. Used by `main.ts` and by the integration tests. */
export async function startApp(config: Config, logger: Logger, options: { tabDir?: string } = {}): Promise<RunningApp> {
  // Before the database opens: a bad seed file stops the start with its name, having written nothing.
  // Without a folder, the bundled sample data: loadConfig refuses that in production.
  const seeds = loadSeeds(config.seedDir);
  const db = await openDatabase(config.storage);
  await seed(db, seeds, config);
  const parts = platformParts(config, db);
  const features = await createFeatures(config, parts, logger);
  let stopping: Promise<void> | undefined;
  const { server, inFlight, refuseNewRequests } = await createHttp(config, parts, features, logger, { tabDir: options.tabDir, stopping: () => !!stopping });

  // The figures of periods settled while the service was down are taken before it answers anyone, so a first look
  // at Inzicht (or a request that must change nothing) never races with their taking.
  await features.insights
    .takeSnapshots(new Date())
    .then(() => features.network.takeSnapshots(new Date()))
    .catch((error: Error) => logger.warn({ event: 'insights.snapshot-failed', error: error.name }, 'figures not taken; next try within the hour'));
  const upkeep = startUpkeep(config, parts, features, logger);
  let liveness: RecurringWork | undefined;

  // Without a bot identity the endpoint accepts anyone: then only this machine may reach it.
  const host = config.bot ? undefined : '127.0.0.1';
  if (!config.bot) logger.warn({ event: 'bot.anonymous' }, 'no bot identity: development mode, listening on 127.0.0.1 only');
  try {
    liveness = await stayAlive(parts.handled, logger);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, host, () => resolve());
    });
  } catch (error) {
    await upkeep.stop();
    await liveness?.stop();
    await db.close();
    throw error;
  }
  const { port, address } = server.address() as AddressInfo;
  const delivery = startDelivery(config, parts, features, logger);
  const stopObservingBacklog = parts.metrics.observeBacklog(() => parts.outbox.backlog());

  const stop = () =>
    (stopping ??= (async () => {
      // No new work from here on; the turns under way, the sends in flight and the upkeep running finish side by side.
      refuseNewRequests();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      const [drained] = await Promise.all([inFlight.drained(config.shutdownGraceMs), delivery.stop(), upkeep.stop()]);
      if (!drained) logger.warn({ event: 'shutdown.timeout', inFlight: inFlight.size }, 'turns still running; closing anyway');
      // Alive until the last turn ended: until then its claims must hold. With every turn ended, they hold on.
      await liveness?.stop();
      if (drained) await parts.handled.stoppedCleanly().catch((error: Error) => logger.warn({ event: 'process.stop-unrecorded', error: error.name }, 'clean stop not recorded: claims lapse in 15 s'));
      server.server.closeAllConnections();
      await closed;
      stopObservingBacklog();
      await db.close();
    })());

  return { port, host: address, db, followUp: features.followUp, workshops: features.workshops, mixer: features.mixer, stop };
}
