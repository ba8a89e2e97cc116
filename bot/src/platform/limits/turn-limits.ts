import type { Activity } from 'botbuilder';
import type { RateLimit } from './rate-limits';

/** Messages and card actions one person may send in a minute, counted by every replica together. */
export const turnLimit = (hits: number): RateLimit => ({ scope: 'bot-turns', hits, windowSeconds: 60 });

/** The notice that a person is over the limit, sent once a window: a flood is not answered with a flood. */
export const TURN_NOTICE_LIMIT: RateLimit = { scope: 'bot-turns-notice', hits: 1, windowSeconds: 60 };

/** Whom a person's limits count: their Entra object id, else their Teams id (RateLimits keeps a keyed hash). */
export function limitSubjectOf(activity: Activity): string {
  const { from } = activity;
  return from?.aadObjectId ? `aad:${from.aadObjectId}` : `teams:${from?.id ?? ''}`;
}
