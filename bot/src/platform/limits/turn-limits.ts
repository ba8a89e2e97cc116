import { type Activity, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { chooseLocale, languageTagOf, type LocaleSetting, appStrings } from '../i18n/locale';
import type { Logger } from '../logging/logger';
import type { RateLimit, RateLimits } from './rate-limits';
import { TurnNotStarted } from '../teams/deduplicate-activities';
import { invokeMessageActivity } from '../teams/invoke-answers';

/** Messages and card actions one person may send in a minute, counted by every replica together. */
export const turnLimit = (hits: number): RateLimit => ({ scope: 'bot-turns', hits, windowSeconds: 60 });

/** The notice that a person is over the limit, sent once a window: a flood is not answered with a flood. */
export const TURN_NOTICE_LIMIT: RateLimit = { scope: 'bot-turns-notice', hits: 1, windowSeconds: 60 };

/** Whom a person's limits count: their Entra object id, else their Teams id (RateLimits keeps a keyed hash). */
export function limitSubjectOf(activity: Activity): string {
  const { from } = activity;
  return from?.aadObjectId ? `aad:${from.aadObjectId}` : `teams:${from?.id ?? ''}`;
}

export interface TurnLimitDependencies {
  rateLimits: RateLimits;
  /** Whom a turn's count goes to: the person (limitSubjectOf), or for an anonymous turn the card it came from. */
  subjectOf: (activity: Activity) => string;
  /** The turn limit (`turnLimit`), the same object retention purges. */
  limit: RateLimit;
  locale: LocaleSetting;
  logger: Logger;
}

/**
 * Counts what a person sends (messages and invokes; Teams' own events such as installs are not limited)
 * before anything else runs. Over the limit the turn does nothing: a message gets a short notice at most
 * once a minute, an invoke (Action.Execute) the notice as its answer, since its client waits for one.
 */
export class LimitTurns implements Middleware {
  constructor(private readonly deps: TurnLimitDependencies) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { type } = context.activity;
    if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return next();
    const person = this.deps.subjectOf(context.activity);
    const allowed = await this.deps.rateLimits.take(this.deps.limit, person).catch((error: unknown) => {
      throw new TurnNotStarted('could not count the turn', { cause: error });
    });
    if (allowed) return next();

    this.deps.logger.warn({ event: 'turn.limited', activityType: type }, 'too many turns from one person');
    const t = appStrings(chooseLocale(this.deps.locale, languageTagOf(context.activity)));
    const notice = `${t.limits.turns} ${t.welcome.urgent}`;
    if (type === ActivityTypes.Invoke) {
      await context.sendActivity(invokeMessageActivity(notice));
      return;
    }
    if (await this.deps.rateLimits.take(TURN_NOTICE_LIMIT, person)) await context.sendActivity(notice);
  }
}
