import type { AddressInfo } from 'node:net';
import { Mixer } from './features/signals';
import { signalRecord, SignalService } from './features/signals';
import { EnvelopeSealing } from './features/signals';
import { SignalCardTokens } from './features/signals';
import { DatabaseMixStore } from './features/signals';
import { anonymousObjectOf } from './features/signals';
import { InsightsService } from './features/insights';
import { KeyRingSignalSealing } from './features/signals';
import { type KeyRing, keyRingFrom, pseudonymOf } from './platform/crypto/signal-keys';
import type { MixPolicy } from './features/signals';
import { RateLimits } from './platform/limits/rate-limits';
import { DatabaseSignalStore } from './features/signals';
import { DatabaseSignalRetention } from './features/signals';
import { SocialeKaartRepository } from './features/kaart';
import { warnUnstaffedInboxes } from './features/kaart';
import { MyDataFlow } from './features/my-data';
import { SignalAnswerDeliverer } from './features/signals';
import { DeliveryEngine } from './platform/delivery/delivery-engine';
import { Pacer } from './platform/delivery/pacer';
import { pacingFor } from './platform/delivery/teams-limits';
import { DeliveryPaceStore } from './platform/delivery/delivery-pace-store';
import { publishedEvaluation, WorkshopService } from './features/workshops';
import { mountCalendarRoute } from './features/workshops';
import type { Server } from 'restify';
import { mountDevSignIn } from './platform/http/dev-sign-in';
import { mountApi } from './platform/http/router';
import { apiRoutes } from './api-routes';
import { DevelopmentTabAuthenticator, EntraTabAuthenticator, type TabAuthenticator, UnconfiguredTabAuthenticator } from './platform/http/tab-auth';
import { FacilitatorStore, PoolStore } from './features/pool';
import { DatabaseInsightsStore } from './features/insights';
import { SignalDesk } from './features/desk';
import { seedCounsellors } from './features/desk';
import { DatabaseSignalDeskStore } from './features/desk';
import { WorkshopTokens } from './features/workshops';
import { KeyRingWorkshopSealing } from './features/workshops';
import { seedFacilitators } from './features/pool';
import { WorkshopJobs } from './features/workshops';
import { DatabaseWorkshopStore } from './features/workshops';
import { enforceWorkshopRetention } from './features/workshops';
import { WorkshopFlow } from './features/workshops';
import { WorkshopNoticeDeliverer } from './features/workshops';
import { FollowUpService, publishedReply } from './features/signals';
import { DatabaseFollowUpStore } from './features/signals';
import { PersonalData } from './features/my-data';
import { OutboxStore } from './platform/delivery/outbox-store';
import { CODE_LOOKUP_LIMIT, SignalFlow, signalLimit } from './features/signals';
import { TURN_NOTICE_LIMIT, turnLimit } from './platform/limits/turn-limits';
import { RequestLimits } from './platform/limits/request-limits';
import type { Config } from './config/config';
import { createServer } from './platform/http/server';
import { latestMigrationVersion } from './platform/database/migrate';
import type { Logger } from './platform/logging/logger';
import type { Database } from './platform/database/database';
import { HandledActivities } from './platform/teams/handled-activities';
import { Installations } from './platform/teams/installations';
import { openDatabase } from './platform/database/open-database';
import { seedSocialeKaart } from './features/kaart';
import { loadSeeds } from './config/seed-files';
import { createAdapter, createBotTokenCheck, createProactiveAdapter } from './platform/teams/adapter';
import { SociaalVeiligBot } from './sociaal-veilig-bot';
import { ServiceMetrics } from './platform/telemetry/service-metrics';

const HOUR_MS = 60 * 60 * 1000;

/** Anonymous signals, anonymous replies and evaluations reach their tables only through the mixer (domain/mixing). */
export function createMixer(db: Database, keyRing: KeyRing, policy: MixPolicy): Mixer {
  const sealing = new KeyRingSignalSealing(keyRing);
  const workshopSealing = new KeyRingWorkshopSealing(keyRing);
  return new Mixer({
    store: new DatabaseMixStore(db),
    sealing: new EnvelopeSealing(keyRing),
    publishers: {
      signal: (e, id) => signalRecord({ ...e, reporterAadObjectId: null, reporterName: null }, id, sealing),
      reply: (e, id) => publishedReply(e, id, sealing),
      evaluation: (e, id) => publishedEvaluation(e, id, workshopSealing),
    },
    policy,
  });
}

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
  if (seeds.kaart) await seedSocialeKaart(db, seeds.kaart);
  if (seeds.facilitators) await seedFacilitators(db, config.workshops.timeZone, seeds.facilitators);
  if (seeds.counsellors) await seedCounsellors(db, seeds.counsellors);
  const kaart = new SocialeKaartRepository(db);
  const keyRing = keyRingFrom(config);
  const handled = new HandledActivities(db, (subject) => pseudonymOf(keyRing, subject));
  const sealing = new KeyRingSignalSealing(keyRing);
  const workshopSealing = new KeyRingWorkshopSealing(keyRing);
  const mixer = createMixer(db, keyRing, config.mix);
  const signals = new SignalService(
    new DatabaseSignalStore(db),
    sealing,
    async () => ({ rules: await kaart.routingRules(), referrals: await kaart.referrals(), staffed: await kaart.staffedInboxes() }),
    mixer,
  );
  await warnUnstaffedInboxes(kaart, logger);
  const cardTokens = new SignalCardTokens(keyRing);
  const installations = new Installations(db);
  // To the OpenTelemetry meter that main.ts may have started; a no-op otherwise.
  const metrics = new ServiceMetrics();
  const rateLimits = new RateLimits(db, (subject) => pseudonymOf(keyRing, subject), (scope) => metrics.rateLimitRefused(scope));
  // Each limit built once: what is counted and what retention purges are the same objects.
  const turnsLimit = turnLimit(config.limits.turnsPerMinute);
  const signalsLimit = signalLimit(config.limits.signalsPerHour);
  const adapter = createAdapter(config, handled, rateLimits, turnsLimit, logger, metrics, (activity) => anonymousObjectOf(activity, cardTokens));
  const requestLimits = new RequestLimits({
    rateLimits,
    perUserPerMinute: config.limits.apiPerMinute,
    perIpPerMinute: config.limits.apiPerIpPerMinute,
    trustedProxyHops: config.trustedProxyHops,
  });
  const outbox = new OutboxStore(db, config.delivery.claimLeaseSeconds);
  const paces = new DeliveryPaceStore(db);
  const followUp = new FollowUpService(new DatabaseFollowUpStore(db), sealing, mixer);
  const signalFlow = new SignalFlow({
    signals,
    followUp,
    kaart,
    tokens: cardTokens,
    rateLimits,
    signalLimit: signalsLimit,
    logger,
  });
  const workshops = new WorkshopService(
    new DatabaseWorkshopStore(db, (sealed, id) => workshopSealing.openNote(sealed, id)),
    workshopSealing,
    config.workshops,
    mixer,
  );
  const myDataFlow = new MyDataFlow({
    signals,
    installations,
    personalData: new PersonalData(db),
    workshops,
    logger,
  });
  const tokens = new WorkshopTokens(keyRing);
  const workshopFlow = new WorkshopFlow({ workshops, kaart, tokens, timeZone: config.workshops.timeZone, publicBaseUrl: config.publicBaseUrl, logger });
  // Tab sign-in: Entra tokens when configured; otherwise a development sign-in, which production never has, nor a
  // service with a bot identity (it listens on every interface, perhaps behind a public tunnel).
  const devAuthenticator = !config.tab && !config.bot && config.mode === 'development' ? new DevelopmentTabAuthenticator() : undefined;
  const tabAuthenticator: TabAuthenticator = config.tab
    ? new EntraTabAuthenticator(config.tab)
    : (devAuthenticator ?? new UnconfiguredTabAuthenticator());
  if (!config.tab && config.mode === 'production') logger.warn({ event: 'tab.unconfigured' }, 'TAB_CLIENT_ID not set: the tab API answers 401');
  const facilitators = new FacilitatorStore(db);
  const deskStore = new DatabaseSignalDeskStore(db);
  const desk = new SignalDesk(deskStore, followUp, sealing);
  const bot = new SociaalVeiligBot({ installations, signalFlow, myDataFlow, workshopFlow, locale: config.locale, logger });
  const insights = new InsightsService(new DatabaseInsightsStore(db), { mixerDelayMs: config.mix.maxDelayMs });
  const latestMigration = await latestMigrationVersion();
  let stopping: Promise<void> | undefined;
  const { server, inFlight, refuseNewRequests } = createServer({
    adapter,
    bot,
    storageKind: db.kind,
    ready: async () => {
      if (stopping) return false;
      const { rows } = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
      return (rows[0]?.version ?? 0) >= latestMigration;
    },
    logger,
    locale: config.locale,
    production: config.mode === 'production',
    checkBotToken: config.bot ? createBotTokenCheck(config, logger) : undefined,
    routes: [
      (s) => mountCalendarRoute(s, { workshops, tokens, locale: config.locale, limits: requestLimits, logger }),
      ...(devAuthenticator ? [(s: Server) => mountDevSignIn(s, devAuthenticator, config.locale)] : []),
      (s) =>
        mountApi(s, apiRoutes({ kaart, desk, facilitators, pool: new PoolStore(db), insights, workshops }), {
          authenticator: tabAuthenticator,
          rolesOf: async (aad) => [
            ...((await facilitators.byAad(aad)) ? (['facilitator'] as const) : []),
            ...((await deskStore.placesOf(aad)).length > 0 ? (['counsellor'] as const) : []),
          ],
          locale: config.locale,
          limits: requestLimits,
          logger,
        }),
    ],
    tabDir: options.tabDir,
  });

  // Retention, at start (replicas may restart more often than hourly) and every hour, by the configured policy.
  // The figures of periods that have settled are taken first, so no signal is deleted before it was counted.
  const retention = new DatabaseSignalRetention(db);
  const enforceRetention = async () => {
    try {
      await insights.takeSnapshots(new Date());
      const rateWindows = await rateLimits.purge([
        CODE_LOOKUP_LIMIT,
        signalsLimit,
        turnsLimit,
        TURN_NOTICE_LIMIT,
        requestLimits.perUser,
        requestLimits.perAddress,
      ]);
      const failedMessages = await outbox.purgeFailed();
      const sendPaces = await paces.purge();
      const signals = await retention.enforce(config.retention);
      const workshopFigures = await enforceWorkshopRetention(db, config.workshops.retention);
      logger.info({ event: 'retention.enforced', rateWindows, failedMessages, sendPaces, ...signals, ...workshopFigures }, 'retention enforced');
    } catch (error) {
      logger.warn({ event: 'retention.failed', error: (error as Error).name }, 'retention failed; next try in an hour');
    }
  };
  // The figures of periods settled while the service was down are taken before it answers anyone, so a first look
  // at Inzicht (or a request that must change nothing) never races with their taking.
  await insights.takeSnapshots(new Date()).catch((error: Error) => logger.warn({ event: 'insights.snapshot-failed', error: error.name }, 'figures not taken; next try within the hour'));
  void enforceRetention();
  const purge = setInterval(() => void enforceRetention(), HOUR_MS);
  purge.unref();

  // Without a bot identity the endpoint accepts anyone: then only this machine may reach it.
  const host = config.bot ? undefined : '127.0.0.1';
  if (!config.bot) logger.warn({ event: 'bot.anonymous' }, 'no bot identity: development mode, listening on 127.0.0.1 only');
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, host, () => resolve());
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const { port, address } = server.address() as AddressInfo;

  const botAppId = config.bot?.appId ?? '';
  const proactive = createProactiveAdapter(config);
  const delivery = new DeliveryEngine({
    outbox,
    pacer: new Pacer({ store: paces, pseudonym: (subject) => pseudonymOf(keyRing, subject), pacing: pacingFor(config.delivery.tenantRps) }),
    deliverers: {
      'signal-answer': new SignalAnswerDeliverer({ adapter: proactive, botAppId, followUp, tokens: cardTokens, kaart, locale: config.locale }),
      'workshop-notice': new WorkshopNoticeDeliverer({ adapter: proactive, botAppId, workshops, flow: workshopFlow, installations, kaart, locale: config.locale }),
    },
    logger,
    metrics,
    pollMs: config.outboxPollMs,
    concurrency: config.delivery.concurrency,
    maxAttempts: config.delivery.maxAttempts,
    sendTimeoutMs: config.delivery.sendTimeoutSeconds * 1000,
    claimLeaseMs: config.delivery.claimLeaseSeconds * 1000,
  });
  delivery.start();
  const stopObservingBacklog = metrics.observeBacklog(() => outbox.backlog());

  // Scheduled workshop sends, unanswered duo requests and the mixer's batches, on every replica: the database
  // hands each out once. Handled activities are forgotten minutes after Teams could repeat them.
  const jobs = new WorkshopJobs(db);
  let jobsRunning: Promise<unknown> | undefined;
  let nextHandledPurge = 0;
  const jobTimer = setInterval(() => {
    if (jobsRunning) return;
    const purgeHandled = Date.now() >= nextHandledPurge;
    if (purgeHandled) nextHandledPurge = Date.now() + 60_000;
    jobsRunning = Promise.all([
      jobs.runDue(),
      workshops.expireUnanswered(),
      mixer.publishDue().then((published) => {
        if (published.signals + published.replies + published.evaluations > 0) logger.info({ event: 'mixer.published', ...published }, 'batch published');
      }),
      purgeHandled ? handled.purgeOlderThan() : undefined,
    ])
      .catch((error: Error) => logger.warn({ event: 'jobs.failed', error: error.name }, 'scheduled work failed; next try soon'))
      .finally(() => (jobsRunning = undefined));
  }, config.outboxPollMs);
  jobTimer.unref();

  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(purge);
      clearInterval(jobTimer);
      // No new work from here on; the turns under way and the sends in flight finish side by side.
      refuseNewRequests();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      const [drained] = await Promise.all([inFlight.drained(config.shutdownGraceMs), delivery.stop(), jobsRunning]);
      if (!drained) logger.warn({ event: 'shutdown.timeout', inFlight: inFlight.size }, 'turns still running; closing anyway');
      server.server.closeAllConnections();
      await closed;
      stopObservingBacklog();
      await db.close();
    })());

  return { port, host: address, db, followUp, workshops, mixer, stop };
}
