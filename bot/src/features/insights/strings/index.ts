import { en } from './en';
import { nl } from './nl';

/** The network figures' own words. */
export const insightsStrings = { nl, en };
