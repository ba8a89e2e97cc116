import type { Middleware, TurnContext } from 'botbuilder';
import { ActivityTypes } from 'botbuilder';
import type { Logger } from '../logging/logger';
import type { HandledActivities } from '../storage/handled-activities';

/**
 * Teams may deliver an activity twice (a retry after a slow answer). The first delivery claims the
 * activity id in the database, shared by all replicas; later deliveries end here. A turn that throws
 * still finishes its claim: onTurnError has told the person, and Teams got its 200. Only a claim whose
 * process died mid-turn stays unfinished, and a repeat takes it over once it is stale.
 * Invokes are exempt: the client waits for their answer, so each handler makes them idempotent itself.
 */
export class DeduplicateActivities implements Middleware {
  constructor(
    private readonly handled: HandledActivities,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, type, conversation } = context.activity;
    if (!id || !conversation?.id || type === ActivityTypes.Invoke) return next();
    if (!(await this.handled.claim(conversation.id, id))) {
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
