import { type Activity, ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { HandledActivities } from './handled-activities';

/**
 * The turn did not start: the database could not say whether this activity was handled before. Nothing was
 * done, so the person can be told exactly that.
 */
export class TurnNotStarted extends Error {
  override readonly name = 'TurnNotStarted';
}

/**
 * Teams may deliver an activity twice (a retry after a slow answer). The first delivery claims the
 * activity id in the database, shared by all replicas; later deliveries end here. A turn that throws
 * still finishes its claim: onTurnError has told the person, and Teams got its 200. Only a claim whose
 * process died mid-turn stays unfinished, and a repeat takes it over once it is stale.
 * Invokes are exempt: the client waits for their answer, so each handler makes them idempotent itself.
 * So are anonymous turns (see anonymous-turns.ts).
 */
export class DeduplicateActivities implements Middleware {
  constructor(
    private readonly handled: HandledActivities,
    private readonly logger: Logger,
    /** Anonymous turns claim nothing (a claim is a row written in their turn); what they store is idempotent itself. */
    private readonly exempt: (activity: Activity) => boolean = () => false,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, conversation } = context.activity;
    if (!id || !conversation?.id || type === ActivityTypes.Invoke || this.exempt(context.activity)) return next();
    const claimed = await this.handled.claim(conversation.id, id).catch((error: unknown) => {
      throw new TurnNotStarted('could not claim the activity', { cause: error });
    });
    if (!claimed) {
      this.logger.info({ event: 'activity.duplicate', activityType: type }, 'repeated delivery ignored');
      return;
    }
    try {
      await next();
    } finally {
      await this.handled.finish(conversation.id, id).catch(() => undefined);
    }
  }
}
