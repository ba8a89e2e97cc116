import type { Config } from '../config/config';
import { DeskReminderDeliverer } from '../features/desk';
import { NetworkAdviceDeliverer } from '../features/insights';
import { SignalAnswerDeliverer } from '../features/signals';
import { WorkshopNoticeDeliverer } from '../features/workshops';
import { DeliveryEngine } from '../platform/delivery/delivery-engine';
import { Pacer } from '../platform/delivery/pacer';
import { pacingFor } from '../platform/delivery/teams-limits';
import type { Logger } from '../platform/logging/logger';
import { createProactiveAdapter } from '../platform/teams/adapter';
import type { Features } from './features';
import type { PlatformParts } from './platform-parts';

/** The delivery engine, sending what the outbox holds with each feature's deliverer, within Teams' limits. */
export function startDelivery(config: Config, parts: PlatformParts, features: Features, logger: Logger): DeliveryEngine {
  const adapter = createProactiveAdapter(config);
  const botAppId = config.bot?.appId ?? '';
  const { followUp, cardTokens, kaart, workshops, workshopFlow, programmes, programmeFlow, deskStore, networkStore, materials } = features;
  const delivery = new DeliveryEngine({
    outbox: parts.outbox,
    pacer: new Pacer({ store: parts.paces, pseudonym: parts.pseudonym, pacing: pacingFor(config.delivery.tenantRps) }),
    deliverers: {
      'signal-answer': new SignalAnswerDeliverer({ adapter, botAppId, followUp, tokens: cardTokens, kaart, locale: config.locale }),
      'workshop-notice': new WorkshopNoticeDeliverer({
        adapter,
        botAppId,
        workshops,
        flow: workshopFlow,
        programmes,
        programmeFlow,
        // The handouts a workshop's facilitators attached: their links go with the evaluation.
        handoutsOf: async (workshopId) => (await materials.ofWorkshop(workshopId)).filter((m) => m.kind === 'handout'),
        installations: parts.installations,
        kaart,
        locale: config.locale,
      }),
      'desk-reminder': new DeskReminderDeliverer({ adapter, botAppId, desk: deskStore, installations: parts.installations, locale: config.locale }),
      'network-advice': new NetworkAdviceDeliverer({ adapter, botAppId, store: networkStore, installations: parts.installations, locale: config.locale, teamsAppId: config.teamsAppId }),
    },
    logger,
    metrics: parts.metrics,
    pollMs: config.outboxPollMs,
    concurrency: config.delivery.concurrency,
    maxAttempts: config.delivery.maxAttempts,
    sendTimeoutMs: config.delivery.sendTimeoutSeconds * 1000,
    claimLeaseMs: config.delivery.claimLeaseSeconds * 1000,
  });
  delivery.start();
  return delivery;
}
