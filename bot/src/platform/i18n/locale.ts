import { en } from './en';
import { nl } from './nl';

export type Locale = 'nl' | 'en';

/** "auto": the language of the person's Teams client; otherwise one language for everyone. */
export type LocaleSetting = 'auto' | Locale;

/** The words the platform itself says (menu, welcome, errors, limits); each feature keeps its own in its strings/ folder. */
export type AppStrings = typeof nl;

export const appCatalogue: Record<Locale, AppStrings> = { nl, en };

/**
 * Teams sends a BCP-47 tag such as "nl-NL" or "en-US"; anything not English gets Dutch, the default. The tag
 * comes from the request as it was sent, so it may be no string at all.
 */
export function localeFrom(tag: unknown): Locale {
  return typeof tag === 'string' && /^en\b/i.test(tag.trim()) ? 'en' : 'nl';
}

export function chooseLocale(setting: LocaleSetting, tag: unknown): Locale {
  return setting === 'auto' ? localeFrom(tag) : setting;
}

/**
 * The client's language tag on a bot activity: its `locale`, else the one in Teams' clientInfo entity, else
 * none (Dutch). Every turn of a conversation goes by this one rule, the welcome too: the bot keeps no language
 * per conversation (it keeps no per-turn state at all), so only the activity itself can say it.
 */
export function languageTagOf(activity: { locale?: unknown; entities?: unknown }): unknown {
  if (typeof activity.locale === 'string' && activity.locale.trim()) return activity.locale;
  const entities = Array.isArray(activity.entities) ? (activity.entities as unknown[]) : [];
  const clientInfo = entities.find((e): e is { locale?: unknown } => typeof e === 'object' && e !== null && (e as { type?: unknown }).type === 'clientInfo');
  return clientInfo?.locale;
}

export function appStrings(locale: Locale): AppStrings {
  return appCatalogue[locale];
}

type Catalogue = Record<Locale, object>;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * A feature's words in both languages: the app's, those of the features it shows (a signal shows places of the
 * kaart), and its own. Built once, at load. Two catalogues may share a section (both hold the app's words), but
 * two different sections of one name are a mistake and stop the start.
 */
export function combineStrings<C extends readonly Catalogue[]>(...catalogues: C): Record<Locale, Intersection<C[number]['nl']>> {
  const one = (locale: Locale) =>
    catalogues.reduce<Record<string, unknown>>((all, catalogue) => {
      for (const [section, words] of Object.entries(catalogue[locale])) {
        if (section in all && all[section] !== words) throw new Error(`two catalogues hold different strings sections "${section}"`);
        all[section] = words;
      }
      return all;
    }, {}) as Intersection<C[number]['nl']>;
  return { nl: one('nl'), en: one('en') };
}

/** Fills "{name}" placeholders; unknown names stay visible so a missing value is noticed. */
export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

/** A count in words: "1 signaal", "2 signalen" (Dutch and English both use the singular for exactly one). */
export function plural(forms: { one: string; other: string }, count: number): string {
  return format(count === 1 ? forms.one : forms.other, { count });
}

