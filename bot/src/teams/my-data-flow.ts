import type { ConversationState, TurnContext } from 'botbuilder';
import type { PersonalData } from '../storage/personal-data';
import { myDataCard } from '../cards/signal-cards';
import type { SignalService } from '../domain/signals/signal-service';
import { format, type Locale, type Strings } from '../i18n/locale';
import type { Logger } from '../logging/logger';
import type { Installations } from '../storage/installations';
import { sendCard } from './send-card';

/** Mijn gegevens: see what is kept about me, and delete it. Only what carries my identity can be shown. */
export class MyDataFlow {
  constructor(
    private readonly deps: {
      signals: SignalService;
      installations: Installations;
      personalData: PersonalData;
      conversationState: ConversationState;
      logger: Logger;
    },
  ) {}

  async show(context: TurnContext, t: Strings, locale: Locale): Promise<void> {
    const me = context.activity.from?.aadObjectId;
    if (!me) {
      await context.sendActivity(t.myData.unknownUser);
      return;
    }
    const [installations, signals] = await Promise.all([this.deps.installations.countForUser(me), this.deps.signals.mine(me)]);
    await sendCard(context, myDataCard(t, locale, { installations, signals }));
  }

  async delete(context: TurnContext, t: Strings): Promise<void> {
    const me = context.activity.from?.aadObjectId;
    if (!me) {
      await context.sendActivity(t.myData.unknownUser);
      return;
    }
    const { signals, installations } = await this.deps.personalData.deleteFor(me);
    // The conversation's state goes too. The limit on guessing codes is not personal data and stays.
    await this.deps.conversationState.delete(context);
    this.deps.logger.info({ event: 'my-data.deleted', signals, installations }, 'personal data deleted on request');
    await context.sendActivity(format(t.myData.deleted, { signals }));
  }
}
