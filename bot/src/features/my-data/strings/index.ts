import { combineStrings } from '../../../platform/i18n/locale';
import { signalStrings } from '../../signals';
import { en } from './en';
import { nl } from './nl';

/** What "mijn gegevens" says: a signal's words (its states and categories) and its own. */
export const myDataStrings = combineStrings(signalStrings, { nl, en });
export type MyDataStrings = (typeof myDataStrings)['nl'];
