import type { Locale } from '../../../platform/i18n/locale';
import { en } from './en';
import { nl } from './nl';

/** The kaart's own words (a place's labels), shown wherever a place is: in signals, talks and workshop notices. */
export type KaartStrings = typeof nl;
export const kaartStrings: Record<Locale, KaartStrings> = { nl, en };
