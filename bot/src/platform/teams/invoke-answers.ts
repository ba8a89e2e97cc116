import { type Activity, ActivityTypes, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';

/** What a card action answers: a card that replaces the clicked one, or a short message. */
export type ActionReply = { card: AdaptiveCardJson } | { text: string };

/** A card action's answer: the card that replaces the clicked one for this person, or a message Teams shows instead. */
export function invokeAnswer(reply: ActionReply): AdaptiveCardInvokeResponse {
  return 'card' in reply
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.text as unknown as Record<string, unknown> };
}

/** A message as a card action's answer, sent from outside the activity handler (a middleware, the turn-error handler). */
export function invokeMessageActivity(text: string): Partial<Activity> {
  return { type: ActivityTypes.InvokeResponse, value: { status: 200, body: invokeAnswer({ text }) } };
}
