import { appCatalogue, combineStrings } from '../../../platform/i18n/locale';
import { kaartStrings } from '../../kaart';
import { en } from './en';
import { nl } from './nl';

/** What a signal's cards and answers say: the app's words, a place's (from the kaart) and the signal's own. */
export const signalStrings = combineStrings(appCatalogue, kaartStrings, { nl, en });
export type SignalStrings = (typeof signalStrings)['nl'];
