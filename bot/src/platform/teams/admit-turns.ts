import { type Activity, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { chooseLocale, languageTagOf, type LocaleSetting, appStrings } from '../i18n/locale';
import type { Logger } from '../logging/logger';
import type { RateLimit, RateLimits } from '../limits/rate-limits';
import { TURN_NOTICE_LIMIT } from '../limits/turn-limits';
import type { HandledActivities } from './handled-activities';
import { invokeMessageActivity } from './invoke-answers';

/**
 * The turn did not start: the database could not count it, or say whether this activity was handled before.
 * Nothing was done, so the person can be told exactly that.
 */
export class TurnNotStarted extends Error {
  override readonly name = 'TurnNotStarted';
}

export interface AdmitTurnsDependencies {
  rateLimits: RateLimits;
  handled: HandledActivities;
  /** Whom a turn's count goes to: the person (limitSubjectOf), or for an anonymous turn the card it came from. */
  subjectOf: (activity: Activity) => string;
  /** The turn limit (`turnLimit`), the same object retention purges. */
  limit: RateLimit;
  /** Anonymous turns claim nothing (a claim is a row written in their turn); what they store is idempotent itself. */
  claimsNothing: (activity: Activity) => boolean;
  locale: LocaleSetting;
  logger: Logger;
}

/**
 * Before anything else runs, in one statement where both apply:
 * - What a person sends (messages and invokes) is counted against the turn limit, by every replica together. Teams'
 *   own events (installs) are not. Over the limit the turn does nothing, not even claim its activity: a message gets
 *   a short notice at most once a minute, an invoke (Action.Execute) the notice as its answer, since its client
 *   waits for one.
 * - Teams may deliver an activity twice (a retry after a slow answer). The first delivery claims its id in the
 *   database, shared by all replicas; a repeat ends here (HandledActivities says how long a claim holds). Invokes
 *   claim nothing: their client waits for the answer, so each handler makes them idempotent itself.
 */
export class AdmitTurns implements Middleware {
  constructor(private readonly deps: AdmitTurnsDependencies) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, conversation } = context.activity;
    const counted = type === ActivityTypes.Message || type === ActivityTypes.Invoke;
    const claims = !!id && !!conversation?.id && type !== ActivityTypes.Invoke && !this.deps.claimsNothing(context.activity);
    if (!counted && !claims) return next();

    const person = this.deps.subjectOf(context.activity);
    const { allowed, claimed } = await this.admit(counted, claims, person, conversation?.id ?? '', id ?? '').catch((error: unknown) => {
      throw new TurnNotStarted('could not count or claim the turn', { cause: error });
    });
    if (!allowed) return this.refuse(context, person);
    if (!claimed) {
      this.deps.logger.info({ event: 'activity.duplicate', activityType: type }, 'repeated delivery ignored');
      return;
    }
    return next();
  }

  private async admit(counted: boolean, claims: boolean, person: string, conversationId: string, activityId: string) {
    const { rateLimits, handled, limit } = this.deps;
    if (counted && claims) {
      const { decision, claimed } = await handled.admit(rateLimits, limit, person, conversationId, activityId);
      return { allowed: decision.allowed, claimed };
    }
    if (counted) return { allowed: await rateLimits.take(limit, person), claimed: true };
    return { allowed: true, claimed: await handled.claim(conversationId, activityId) };
  }

  private async refuse(context: TurnContext, person: string): Promise<void> {
    const { type } = context.activity;
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
