import type { AddressInfo } from 'node:net';
import { ConversationState } from 'botbuilder';
import { SignalService } from './domain/signals/signal-service';
import { KeyRingSignalSealing } from './security/signal-sealing';
import { developmentKey, KeyRing, pseudonymOf } from './security/signal-keys';
import { RateLimits } from './storage/rate-limits';
import { DatabaseBotStorage } from './storage/bot-state-storage';
import { DatabaseSignalStore } from './storage/signal-store';
import { DatabaseSignalRetention } from './storage/signal-retention';
import { SocialeKaartRepository } from './storage/sociale-kaart-repository';
import { MyDataFlow } from './teams/my-data-flow';
import { OutboxSender, SignalAnswerDeliverer } from './teams/outbox-sender';
import { WorkshopService } from './domain/workshops/workshop-service';
import { mountCalendarRoute } from './http/calendar-route';
import type { Server } from 'restify';
import { mountDevSignIn } from './http/api/dev-sign-in';
import { mountApi } from './http/api/router';
import { apiRoutes } from './http/api/routes';
import { DevelopmentTabAuthenticator, EntraTabAuthenticator, type TabAuthenticator, UnconfiguredTabAuthenticator } from './http/tab-auth';
import { FacilitatorStore, PoolStore } from './storage/facilitator-store';
import { InsightsStore } from './storage/insights-store';
import { SignalDesk } from './domain/signals/signal-desk';
import { seedCounsellors } from './storage/seed-counsellors';
import { DatabaseSignalDeskStore } from './storage/signal-desk-store';
import { WorkshopTokens } from './security/workshop-tokens';
import { KeyRingWorkshopSealing } from './security/workshop-sealing';
import { seedFacilitators } from './storage/seed-facilitators';
import { WorkshopJobs } from './storage/workshop-jobs';
import { DatabaseWorkshopStore } from './storage/workshop-store';
import { enforceWorkshopRetention } from './storage/workshop-retention';
import { WorkshopFlow } from './teams/workshop-flow';
import { WorkshopNoticeDeliverer } from './teams/workshop-notice-deliverer';
import { FollowUpService } from './domain/signals/follow-up';
import { DatabaseFollowUpStore } from './storage/follow-up-store';
import { PersonalData } from './storage/personal-data';
import { OutboxStore } from './storage/outbox-store';
import { SignalFlow } from './teams/signal-flow';
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
  /** The address it listens on: every interface with a bot identity, loopback without. */
  host: string;
  /** The follow-up service, for the tab API (and tests) to answer signals. */
  followUp: FollowUpService;
  workshops: WorkshopService;
  db: Database;
  /** Stops taking requests, waits for in-flight turns (up to the grace period), closes the database. */
  stop(): Promise<void>;
}

/** Wires the service together and starts listening. Used by `main.ts` and by the integration tests. */
export async function startApp(config: Config, logger: Logger, options: { tabDir?: string } = {}): Promise<RunningApp> {
  const db = await openDatabase(config.storage);
  await seedSocialeKaart(db);
  await seedFacilitators(db, config.workshops.timeZone);
  await seedCounsellors(db);
  const handled = new HandledActivities(db);
  const adapter = createAdapter(config, handled, logger);
  const conversationState = new ConversationState(new DatabaseBotStorage(db));
  const kaart = new SocialeKaartRepository(db);
  const keyRing = new KeyRing(config.signalKey ?? developmentKey(config.dataDir, config.mode), config.signalKeyPrevious);
  const sealing = new KeyRingSignalSealing(keyRing);
  const signals = new SignalService(new DatabaseSignalStore(db), sealing, async () => ({
    rules: await kaart.routingRules(),
    referrals: await kaart.referrals(),
  }));
  const installations = new Installations(db);
  const rateLimits = new RateLimits(db, (subject) => pseudonymOf(keyRing, subject));
  const outbox = new OutboxStore(db);
  const followUp = new FollowUpService(new DatabaseFollowUpStore(db), sealing);
  const signalFlow = new SignalFlow({
    signals,
    followUp,
    kaart,
    openForm: conversationState.createProperty('openSignalForm'),
    rateLimits,
    logger,
  });
  const workshopSealing = new KeyRingWorkshopSealing(keyRing);
  const workshops = new WorkshopService(
    new DatabaseWorkshopStore(db, (sealed, id) => workshopSealing.openNote(sealed, id)),
    workshopSealing,
    config.workshops,
  );
  const myDataFlow = new MyDataFlow({
    signals,
    installations,
    personalData: new PersonalData(db),
    workshops,
    conversationState,
    logger,
  });
  const tokens = new WorkshopTokens(keyRing);
  const workshopFlow = new WorkshopFlow({ workshops, kaart, tokens, timeZone: config.workshops.timeZone, publicBaseUrl: config.publicBaseUrl, logger });
  // Tab sign-in: Entra tokens when configured; otherwise a development sign-in, which production never has.
  const devAuthenticator = !config.tab && config.mode === 'development' ? new DevelopmentTabAuthenticator() : undefined;
  const tabAuthenticator: TabAuthenticator = config.tab
    ? new EntraTabAuthenticator(config.tab)
    : (devAuthenticator ?? new UnconfiguredTabAuthenticator());
  if (!config.tab && config.mode === 'production') logger.warn({ event: 'tab.unconfigured' }, 'TAB_CLIENT_ID not set: the tab API answers 401');
  const facilitators = new FacilitatorStore(db);
  const deskStore = new DatabaseSignalDeskStore(db);
  const desk = new SignalDesk(deskStore, followUp, (sealed, id) => sealing.openText(sealed, id));
  const bot = new SociaalVeiligBot({ installations, conversationState, signalFlow, myDataFlow, workshopFlow, locale: config.locale, logger });
  const { server, inFlight } = createServer({
    adapter,
    bot,
    storageKind: db.kind,
    logger,
    production: config.mode === 'production',
    authenticated: Boolean(config.bot),
    routes: [
      (s) => mountCalendarRoute(s, { workshops, tokens, locale: config.locale, logger }),
      ...(devAuthenticator ? [(s: Server) => mountDevSignIn(s, devAuthenticator, config.locale)] : []),
      (s) =>
        mountApi(s, apiRoutes({ kaart, desk, facilitators, pool: new PoolStore(db), insights: new InsightsStore(db), workshops }), {
          authenticator: tabAuthenticator,
          rolesOf: async (aad) => [
            ...((await facilitators.byAad(aad)) ? (['facilitator'] as const) : []),
            ...((await deskStore.placesOf(aad)).length > 0 ? (['counsellor'] as const) : []),
          ],
          locale: config.locale,
          logger,
        }),
    ],
    tabDir: options.tabDir,
  });

  // Retention, at start (replicas may restart more often than hourly) and every hour: handled activity
  // ids once Teams can no longer repeat them, and signals by the configured policy.
  const retention = new DatabaseSignalRetention(db);
  const enforceRetention = async () => {
    try {
      const forgotten = await handled.purgeOlderThan();
      const rateWindows = await rateLimits.purge();
      const failedMessages = await outbox.purgeFailed();
      const signals = await retention.enforce(config.retention);
      const workshopFigures = await enforceWorkshopRetention(db, config.workshops.retention);
      logger.info({ event: 'retention.enforced', handledActivities: forgotten, rateWindows, failedMessages, ...signals, ...workshopFigures }, 'retention enforced');
    } catch (error) {
      logger.warn({ event: 'retention.failed', error: (error as Error).name }, 'retention failed; next try in an hour');
    }
  };
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
  const outboxSender = new OutboxSender({
    outbox,
    deliverers: {
      'signal-answer': new SignalAnswerDeliverer({ adapter, botAppId, followUp, locale: config.locale }),
      'workshop-notice': new WorkshopNoticeDeliverer({ adapter, botAppId, workshops, flow: workshopFlow, installations, kaart, locale: config.locale }),
    },
    logger,
    pollMs: config.outboxPollMs,
  });
  outboxSender.start();

  // Scheduled workshop sends and unanswered duo requests, on every replica: the database hands each out once.
  const jobs = new WorkshopJobs(db);
  let jobsRunning: Promise<unknown> | undefined;
  const jobTimer = setInterval(() => {
    if (jobsRunning) return;
    jobsRunning = Promise.all([jobs.runDue(), workshops.expireUnanswered()])
      .catch((error: Error) => logger.warn({ event: 'workshop.jobs.failed', error: error.name }, 'scheduled workshop work failed; next try soon'))
      .finally(() => (jobsRunning = undefined));
  }, config.outboxPollMs);
  jobTimer.unref();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      clearInterval(purge);
      clearInterval(jobTimer);
      await jobsRunning;
      await outboxSender.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeIdleConnections();
      const drained = await inFlight.drained(config.shutdownGraceMs);
      if (!drained) logger.warn({ event: 'shutdown.timeout', inFlight: inFlight.size }, 'turns still running; closing anyway');
      server.server.closeAllConnections();
      await closed;
      await db.close();
    })());

  return { port, host: address, db, followUp, workshops, stop };
}
