import { combineStrings } from '../../../platform/i18n/locale';
import { signalStrings } from '../../signals';
import { en } from './en';
import { nl } from './nl';

/** The network figures' words, with a signal's (its topics) for the advice card. */
export const insightsStrings = combineStrings(signalStrings, { nl, en });
