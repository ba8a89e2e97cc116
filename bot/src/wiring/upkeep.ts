import type { Config } from '../config/config';
import { DeskReminders } from '../features/desk';
import { CODE_LOOKUP_LIMIT, DatabaseSignalRetention } from '../features/signals';
import { enforceWorkshopRetention, WorkshopJobs } from '../features/workshops';
import { RecurringWork } from '../platform/jobs/recurring';
import { TURN_NOTICE_LIMIT } from '../platform/limits/turn-limits';
import type { Logger } from '../platform/logging/logger';
import { ALIVE_EVERY_MS, type HandledActivities } from '../platform/teams/handled-activities';
import type { Features } from './features';
import type { PlatformParts } from './platform-parts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * What the service does on its own, on every replica: retention and the desk's term reminders at start (replicas
 * may restart more often than hourly) and every hour; and, every poll, scheduled workshop sends, unanswered duo requests, the mixer's batches and
 * forgetting handled activities minutes after Teams could repeat them.
 */
export function startUpkeep(config: Config, parts: PlatformParts, features: Features, logger: Logger): RecurringWork {
  const { db, rateLimits, turnsLimit, requestLimits, outbox, paces, handled } = parts;
  const { insights, network, networkAdvice, mixer, workshops, signalsLimit, deskStore } = features;
  const retention = new DatabaseSignalRetention(db);
  const deskReminders = new DeskReminders(deskStore);
  const work = new RecurringWork();

  // The figures of periods that have settled are taken first, so no signal is deleted before it was counted.
  work.every(
    HOUR_MS,
    async () => {
      try {
        await insights.takeSnapshots(new Date());
        await network.takeSnapshots(new Date());
        const limits = [CODE_LOOKUP_LIMIT, signalsLimit, turnsLimit, TURN_NOTICE_LIMIT, requestLimits.perUser, requestLimits.perAddress];
        const rateWindows = await rateLimits.purge(limits);
        const failedMessages = await outbox.purgeFailed();
        const sendPaces = await paces.purge();
        const signals = await retention.enforce(config.retention);
        const workshopFigures = await enforceWorkshopRetention(db, config.workshops.retention);
        logger.info({ event: 'retention.enforced', rateWindows, failedMessages, sendPaces, ...signals, ...workshopFigures }, 'retention enforced');
      } catch (error) {
        logger.warn({ event: 'retention.failed', error: (error as Error).name }, 'retention failed; next try in an hour');
      }
      // A closed quarter's rises, from the snapshots just taken: each told once, however often this runs.
      await networkAdvice
        .run(new Date())
        .then((queued) => queued > 0 && logger.info({ event: 'network.advice', queued }, 'pro-active advice queued'))
        .catch((error: Error) => logger.warn({ event: 'network.advice-failed', error: error.name }, 'pro-active advice not queued; next try in an hour'));
      // Terms are counted in days: an hourly look finds each due soon or overdue on its day.
      await deskReminders
        .run()
        .then((queued) => queued > 0 && logger.info({ event: 'desk.reminders', queued }, 'term reminders queued'))
        .catch((error: Error) => logger.warn({ event: 'desk.reminders-failed', error: error.name }, 'term reminders not queued; next try in an hour'));
    },
    { now: true },
  );

  const jobs = new WorkshopJobs(db);
  let nextHandledPurge = 0;
  work.every(config.outboxPollMs, () => {
    const purgeHandled = Date.now() >= nextHandledPurge;
    if (purgeHandled) nextHandledPurge = Date.now() + 60_000;
    return Promise.all([
      jobs.runDue(),
      workshops.expireUnanswered(),
      mixer.publishDue().then((published) => {
        if (published.signals + published.replies + published.evaluations > 0) logger.info({ event: 'mixer.published', ...published }, 'batch published');
      }),
      purgeHandled ? handled.purgeOlderThan() : undefined,
    ]).catch((error: Error) => logger.warn({ event: 'jobs.failed', error: error.name }, 'scheduled work failed; next try soon'));
  });
  return work;
}

/**
 * This process says it is alive before it takes its first turn, then every few seconds (its activity claims hold
 * while it does). A failed write is tried again at the next beat; stopped only after the last turn ended.
 */
export async function stayAlive(handled: HandledActivities, logger: Logger): Promise<RecurringWork> {
  await handled.stayAlive();
  const work = new RecurringWork();
  work.every(ALIVE_EVERY_MS, () =>
    handled.stayAlive().catch((error: Error) => logger.warn({ event: 'process.alive-failed', error: error.name }, 'could not say this process is alive; next try soon')),
  );
  return work;
}
