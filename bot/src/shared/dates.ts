/**
 * Dates as people read them, one format everywhere (the bot's cards and the tab): "di 8 dec 2026" where a date
 * stands on its own (a table, a fact), "8 december 2026" in a sentence. Built from the parts Intl gives, so a
 * browser or Node with other locale data still writes the same ("Tue 8 Dec 2026", never "Tue, 8 Dec. 2026").
 * Kept apart from the rest of the strings so the tab bundles only this.
 */
export type DateLocale = 'nl' | 'en';

/** Workshops are held in Dutch time; the tab and the bot show them so. */
export const DUTCH_TIME = 'Europe/Amsterdam';

const tagOf = (locale: DateLocale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/**
 * Formatters made once per language, zone and format: making one costs about half a millisecond (measured in the
 * delivery round, where a reminder names its date twice), using one a few microseconds. The options objects
 * below are constants, so the key set stays small.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: DateLocale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(tagOf(locale), { timeZone, ...options });
    formatters.set(key, made);
  }
  return made;
}

function parts(instant: Date, locale: DateLocale, timeZone: string, options: Intl.DateTimeFormatOptions): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  const found: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter(locale, timeZone, options).formatToParts(instant)) {
    // Some locale data abbreviates with a full stop ("dec.", "Tue."): the app's format has none.
    if (p.type !== 'literal') found[p.type] = p.value.replace(/\.$/, '');
  }
  return found;
}

/** "di 8 dec 2026" / "Tue 8 Dec 2026". Months in three letters: newer locale data writes "Sept" in British English. */
export function shortDate(instant: Date, locale: DateLocale, timeZone = DUTCH_TIME): string {
  const p = parts(instant, locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  return `${p.weekday} ${p.day} ${p.month!.slice(0, 3)} ${p.year}`;
}

/** "8 december 2026" / "8 December 2026", for running text. */
export function longDate(instant: Date, locale: DateLocale, timeZone = DUTCH_TIME): string {
  const p = parts(instant, locale, timeZone, { day: 'numeric', month: 'long', year: 'numeric' });
  return `${p.day} ${p.month} ${p.year}`;
}

/** "09:30", a 24-hour clock in both languages. */
export function clockTime(instant: Date, timeZone = DUTCH_TIME): string {
  const p = parts(instant, 'nl', timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return `${p.hour}:${p.minute}`;
}

/** "di 8 dec 2026, 10:00–12:00"; a period over more than one day names both: "…, 09:00 – wo 9 dec 2026, 17:00". */
export function periodText(from: Date, to: Date, locale: DateLocale, timeZone = DUTCH_TIME): string {
  const [startDay, endDay] = [shortDate(from, locale, timeZone), shortDate(to, locale, timeZone)];
  const [start, end] = [clockTime(from, timeZone), clockTime(to, timeZone)];
  return startDay === endDay ? `${startDay}, ${start}–${end}` : `${startDay}, ${start} – ${endDay}, ${end}`;
}

/** The day (UTC date, "2026-12-07") of a moment, as signals, messages and the desk's terms keep it. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);
