import type { Request, Response } from 'restify';
import { format, type AppStrings } from '../i18n/locale';
import type { RateDecision, RateLimit, RateLimits } from './rate-limits';
import { addressKey, clientAddress } from '../http/client-address';

export interface RequestLimitSettings {
  rateLimits: RateLimits;
  perUserPerMinute: number;
  perIpPerMinute: number;
  /** See Config.trustedProxyHops: whether X-Forwarded-For names the client. */
  trustedProxyHops: number;
}

/**
 * The limits of the tab API (and the calendar links under /api/), counted in the database so they hold
 * across replicas: per address before anything else is done, and per person once they are signed in.
 */
export class RequestLimits {
  readonly perUser: RateLimit;
  readonly perAddress: RateLimit;

  constructor(private readonly settings: RequestLimitSettings) {
    this.perUser = { scope: 'api-user', hits: settings.perUserPerMinute, windowSeconds: 60 };
    this.perAddress = { scope: 'api-address', hits: settings.perIpPerMinute, windowSeconds: 60 };
  }

  fromAddress(req: Request): Promise<RateDecision> {
    return this.settings.rateLimits.attempt(this.perAddress, `ip:${addressKey(clientAddress(req, this.settings.trustedProxyHops))}`);
  }

  forPerson(tenantId: string, aadObjectId: string): Promise<RateDecision> {
    return this.settings.rateLimits.attempt(this.perUser, `aad:${tenantId}:${aadObjectId}`);
  }
}

/** 429 in the API's error shape, in the caller's language, with the wait in Retry-After and in the message. */
export function answerTooMany(res: Response, t: AppStrings, decision: RateDecision): void {
  res.header('Retry-After', String(decision.retryAfterSeconds));
  res.json(429, { error: 'too-many', message: format(t.api.tooMany, { seconds: decision.retryAfterSeconds }) });
}
