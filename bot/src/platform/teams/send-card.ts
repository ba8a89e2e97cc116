import { ActivityTypes, CardFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';

export async function sendCard(context: TurnContext, card: AdaptiveCardJson): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
}
