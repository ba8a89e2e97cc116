import type { Config } from '../config/config';
import type { Seeds } from '../config/seed-files';
import { CounsellorStore, DatabaseSignalDeskStore, seedCounsellors, SignalDesk } from '../features/desk';
import { DatabaseInsightsStore, DatabaseNetworkStore, InsightsService, NetworkAdvice, NetworkCoordinatorStore, NetworkFiguresService, seedNetworkCoordinators } from '../features/insights';
import { seedSocialeKaart, SocialeKaartRepository, warnUnstaffedInboxes } from '../features/kaart';
import { MaterialStore } from '../features/materials';
import { MyDataFlow, PersonalData } from '../features/my-data';
import { FacilitatorStore, PoolStore, seedFacilitators } from '../features/pool';
import {
  DatabaseFollowUpStore,
  DatabaseMixStore,
  DatabaseSignalStore,
  EnvelopeSealing,
  FollowUpService,
  KeyRingSignalSealing,
  Mixer,
  publishedReply,
  SignalCardTokens,
  SignalFlow,
  signalLimit,
  signalRecord,
  SignalService,
} from '../features/signals';
import {
  DatabaseProgrammeStore,
  DatabaseWorkshopStore,
  KeyRingWorkshopSealing,
  ProgrammeFlow,
  ProgrammeService,
  publishedEvaluation,
  WorkshopFlow,
  WorkshopService,
  WorkshopTokens,
} from '../features/workshops';
import type { KeyRing } from '../platform/crypto/signal-keys';
import type { MixPolicy } from '../shared/policies';
import type { Database } from '../platform/database/database';
import type { Logger } from '../platform/logging/logger';
import type { PlatformParts } from './platform-parts';

/** Anonymous signals, anonymous replies and evaluations reach their tables only through the mixer (signals/mixing). */
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

/** The seed files' rows, each written once in the database's life. */
export async function seed(db: Database, seeds: Seeds, config: Config): Promise<void> {
  if (seeds.kaart) await seedSocialeKaart(db, seeds.kaart);
  if (seeds.facilitators) await seedFacilitators(db, config.workshops.timeZone, seeds.facilitators);
  if (seeds.counsellors) {
    await seedCounsellors(db, seeds.counsellors);
    await seedNetworkCoordinators(db, seeds.counsellors.networkCoordinators);
  }
}

export type Features = Awaited<ReturnType<typeof createFeatures>>;

/** Every feature, built over the platform's parts and joined where one serves another. */
export async function createFeatures(config: Config, parts: PlatformParts, logger: Logger) {
  const { db, keyRing } = parts;
  const kaart = new SocialeKaartRepository(db);
  await warnUnstaffedInboxes(kaart, logger);
  const sealing = new KeyRingSignalSealing(keyRing);
  const workshopSealing = new KeyRingWorkshopSealing(keyRing);
  const mixer = createMixer(db, keyRing, config.mix);
  const signals = new SignalService(
    new DatabaseSignalStore(db),
    sealing,
    async () => ({ rules: await kaart.routingRules(), referrals: await kaart.referrals(), staffed: await kaart.staffedInboxes() }),
    mixer,
  );
  const cardTokens = new SignalCardTokens(keyRing);
  const followUp = new FollowUpService(new DatabaseFollowUpStore(db), sealing, mixer);
  // Built once: what is counted and what retention purges are the same object.
  const signalsLimit = signalLimit(config.limits.signalsPerHour);
  const signalFlow = new SignalFlow({ signals, followUp, kaart, tokens: cardTokens, rateLimits: parts.rateLimits, signalLimit: signalsLimit, logger });
  const workshops = new WorkshopService(
    new DatabaseWorkshopStore(db, (sealed, id) => workshopSealing.openNote(sealed, id)),
    workshopSealing,
    config.workshops,
    mixer,
  );
  const workshopTokens = new WorkshopTokens(keyRing);
  const programmes = new ProgrammeService(new DatabaseProgrammeStore(db), config.workshops);
  const programmeFlow = new ProgrammeFlow({ programmes, tokens: workshopTokens, publicBaseUrl: config.publicBaseUrl, logger });
  const workshopFlow = new WorkshopFlow({
    workshops,
    kaart,
    tokens: workshopTokens,
    timeZone: config.workshops.timeZone,
    publicBaseUrl: config.publicBaseUrl,
    logger,
    programmes: programmeFlow,
  });
  const myDataFlow = new MyDataFlow({ signals, installations: parts.installations, personalData: new PersonalData(db), workshops, logger });
  const deskStore = new DatabaseSignalDeskStore(db);
  const settling = { mixerDelayMs: config.mix.maxDelayMs };
  const insightsStore = new DatabaseInsightsStore(db);
  const insights = new InsightsService(insightsStore, settling);
  const networkStore = new DatabaseNetworkStore(db, (sealed, id) => sealing.openRelation(sealed, id));
  return {
    kaart,
    mixer,
    signals,
    cardTokens,
    followUp,
    signalsLimit,
    signalFlow,
    workshops,
    workshopTokens,
    workshopFlow,
    programmes,
    programmeFlow,
    myDataFlow,
    deskStore,
    desk: new SignalDesk(deskStore, followUp, sealing),
    staff: new CounsellorStore(db, () => kaart.forget()),
    facilitators: new FacilitatorStore(db),
    pool: new PoolStore(db),
    insights,
    networkStore,
    network: new NetworkFiguresService(networkStore, insights, insightsStore, settling),
    networkAdvice: new NetworkAdvice(networkStore, (q) => insights.published(q), settling, config.adviceRiseFactor),
    networkCoordinators: new NetworkCoordinatorStore(db),
    materials: new MaterialStore(db),
  };
}
