import { combineStrings } from '../../../platform/i18n/locale';
import { signalStrings } from '../../signals';
import { en } from './en';
import { nl } from './nl';

/** What a workshop's cards, notices and calendar file say: a signal's words (its notices offer places and a talk) and its own. */
export const workshopStrings = combineStrings(signalStrings, { nl, en });
export type WorkshopStrings = (typeof workshopStrings)['nl'];
