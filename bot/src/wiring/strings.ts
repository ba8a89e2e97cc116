import type { Locale } from '../platform/i18n/locale';
import { combineStrings } from '../platform/i18n/locale';
import { myDataStrings } from '../features/my-data';
import { workshopStrings } from '../features/workshops';

/** Every word the bot says, for the menu that leads to all features (my data holds the signals' and the app's). */
const catalogue = combineStrings(myDataStrings, workshopStrings);
export type Strings = (typeof catalogue)['nl'];

export function stringsFor(locale: Locale): Strings {
  return catalogue[locale];
}
