import { combineStrings } from '../../../platform/i18n/locale';
import { signalStrings } from '../../signals';
import { en } from './en';
import { nl } from './nl';

/** What the desk says to a counsellor in their chat: a signal's words (its categories) and the desk's own. */
export const deskStrings = combineStrings(signalStrings, { nl, en });
export type DeskStrings = (typeof deskStrings)['nl'];
