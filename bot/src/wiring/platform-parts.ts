import type { Config } from '../config/config';
import { type KeyRing, keyRingFrom, pseudonymOf } from '../platform/crypto/signal-keys';
import type { Database } from '../platform/database/database';
import { DeliveryPaceStore } from '../platform/delivery/delivery-pace-store';
import { OutboxStore } from '../platform/delivery/outbox-store';
import { type RateLimit, RateLimits } from '../platform/limits/rate-limits';
import { RequestLimits } from '../platform/limits/request-limits';
import { turnLimit } from '../platform/limits/turn-limits';
import { HandledActivities } from '../platform/teams/handled-activities';
import { Installations } from '../platform/teams/installations';
import { ServiceMetrics } from '../platform/telemetry/service-metrics';

/** The platform's parts that every feature may use, built once over one database. */
export interface PlatformParts {
  db: Database;
  keyRing: KeyRing;
  /** A person's or a chat's id as a keyed pseudonym: what limits and pacing count by. */
  pseudonym: (subject: string) => Buffer;
  /** To the OpenTelemetry meter that main.ts may have started; a no-op otherwise. */
  metrics: ServiceMetrics;
  rateLimits: RateLimits;
  /** Built once: what is counted and what retention purges are the same object. */
  turnsLimit: RateLimit;
  requestLimits: RequestLimits;
  handled: HandledActivities;
  installations: Installations;
  outbox: OutboxStore;
  paces: DeliveryPaceStore;
}

export function platformParts(config: Config, db: Database): PlatformParts {
  const keyRing = keyRingFrom(config);
  const pseudonym = (subject: string) => pseudonymOf(keyRing, subject);
  const metrics = new ServiceMetrics();
  const rateLimits = new RateLimits(db, pseudonym, (scope) => metrics.rateLimitRefused(scope));
  return {
    db,
    keyRing,
    pseudonym,
    metrics,
    rateLimits,
    turnsLimit: turnLimit(config.limits.turnsPerMinute),
    requestLimits: new RequestLimits({
      rateLimits,
      perUserPerMinute: config.limits.apiPerMinute,
      perIpPerMinute: config.limits.apiPerIpPerMinute,
      trustedProxyHops: config.trustedProxyHops,
    }),
    handled: new HandledActivities(db, pseudonym),
    installations: new Installations(db),
    outbox: new OutboxStore(db, config.delivery.claimLeaseSeconds),
    paces: new DeliveryPaceStore(db),
  };
}
