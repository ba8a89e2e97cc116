import type { Locale } from '../platform/i18n/locale';
import { combineStrings } from '../platform/i18n/locale';
import { deskStrings } from '../features/desk';
import { insightsStrings } from '../features/insights';
import { myDataStrings } from '../features/my-data';
import { workshopStrings } from '../features/workshops';

/** Every word the bot says, in one catalogue per language (for the menu that leads to all features, and the tests). */
const catalogue = combineStrings(myDataStrings, workshopStrings, deskStrings, insightsStrings);
export type Strings = (typeof catalogue)['nl'];

export function stringsFor(locale: Locale): Strings {
  return catalogue[locale];
}
