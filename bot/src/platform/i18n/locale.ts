import { en } from './en';
import { nl, type Strings } from './nl';

export type Locale = 'nl' | 'en';

/** "auto": the language of the person's Teams client; otherwise one language for everyone. */
export type LocaleSetting = 'auto' | Locale;

const catalogue: Record<Locale, Strings> = { nl, en };

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

export function stringsFor(locale: Locale): Strings {
  return catalogue[locale];
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

export type { Strings };
