import type { SignalSummary } from '../signals';
import { format, type Locale } from '../../platform/i18n/locale';
import { renderCard, type AdaptiveCardJson } from '../../platform/cards/render';
import { shortDate } from '../../shared/dates';
import type { MyDataStrings } from './strings';
import myDataTemplate from './templates/my-data.json';

/** Mijn gegevens: what is kept about this person, and one confirmed button to delete it. */
export function myDataCard(t: MyDataStrings, locale: Locale, mine: { installations: number; signals: SignalSummary[]; registrations: number; organised: number }): AdaptiveCardJson {
  return renderCard(myDataTemplate, {
    ...t.myData,
    facts: [
      { title: t.myData.installations, value: String(mine.installations) },
      { title: t.myData.confidentialSignals, value: String(mine.signals.length) },
      { title: t.myData.registrations, value: String(mine.registrations) },
      { title: t.myData.organised, value: String(mine.organised) },
    ],
    signals: mine.signals.map((s) =>
      format(t.myData.signalLine, { date: shortDate(s.createdAt, locale), category: t.signal.categories[s.category], state: t.status.states[s.status] }),
    ),
    menuLabel: t.menu,
  });
}
