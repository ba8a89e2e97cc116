import type { TurnContext } from 'botbuilder';
import type { PersonalData } from './personal-data';
import type { SignalService } from '../signals';
import { myDataCard } from './my-data-card';
import { format, type Locale, plural } from '../../platform/i18n/locale';
import type { Logger } from '../../platform/logging/logger';
import type { Installations } from '../../platform/teams/installations';
import { personOf, type WorkshopService } from '../workshops';
import { sendCard } from '../../platform/teams/send-card';
import { type MyDataStrings } from './strings';

/** Mijn gegevens: see what is kept about me, and delete it. Only what carries my identity can be shown. */
export class MyDataFlow {
  constructor(
    private readonly deps: {
      signals: SignalService;
      installations: Installations;
      personalData: PersonalData;
      workshops: WorkshopService;
      logger: Logger;
    },
  ) {}

  async show(context: TurnContext, t: MyDataStrings, locale: Locale): Promise<void> {
    const me = context.activity.from?.aadObjectId;
    if (!me) {
      await context.sendActivity(t.myData.unknownUser);
      return;
    }
    const [installations, signals, workshops] = await Promise.all([
      this.deps.installations.countForUser(me),
      this.deps.signals.mine(me),
      this.deps.personalData.workshopCounts(me),
    ]);
    await sendCard(context, myDataCard(t, locale, { installations, signals, ...workshops }));
  }

  async delete(context: TurnContext, t: MyDataStrings): Promise<void> {
    const me = context.activity.from?.aadObjectId;
    if (!me) {
      await context.sendActivity(t.myData.unknownUser);
      return;
    }
    // Seats for workshops to come are given up first, so whoever waits moves up and is told.
    const person = personOf(context);
    const givenUp = person ? await this.deps.workshops.giveUpUpcoming(person) : 0;
    const deleted = await this.deps.personalData.deleteFor(me);
    const { signals, installations } = deleted;
    const registrations = givenUp + deleted.registrations;
    this.deps.logger.info({ event: 'my-data.deleted', signals, installations, registrations }, 'personal data deleted on request');
    await context.sendActivity(
      format(t.myData.deleted, { signals: plural(t.myData.deletedSignals, signals), registrations: plural(t.myData.deletedRegistrations, registrations) }),
    );
  }
}
