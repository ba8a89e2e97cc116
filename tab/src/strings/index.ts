import { en } from './en';
import { nl, type TabStrings } from './nl';

export type { TabStrings };

/** Tab texts, Dutch first. The locale comes from Teams, or the browser outside Teams. */
export const strings = { nl, en };

export type TabLocale = keyof typeof strings;

export function tabLocale(tag: string | undefined): TabLocale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'nl';
}

/** The BCP 47 tag the tab formats dates and numbers with: Dutch as in the Netherlands, English as in Europe. */
export function intlTag(locale: TabLocale): string {
  return locale === 'nl' ? 'nl-NL' : 'en-GB';
}

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * An organisation as people read it: its short name, "Rijksbreed / openbaar" for the sociale kaart's Rijk-wide
 * places ("rijk"), and the code itself for one the tab has no name for.
 */
export function organisationName(t: TabStrings, code: string): string {
  if (code === 'rijk') return t.kaart.rijk;
  return labelOf(t.organisations, code);
}

/** Whose workshop it is: the whole Rijk's, a team's organisation, or a team whose organiser named none. */
export function workshopTeam(t: TabStrings, w: { organisation: string | null; rijksbreed: boolean }): string {
  if (w.rijksbreed) return t.planning.rijksbreed;
  return w.organisation === null ? t.planning.teamUnnamed : organisationName(t, w.organisation);
}

/** A code's label from one of the string tables, or the code itself for one the tab has no label for. */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return labels[code] ?? code;
}
