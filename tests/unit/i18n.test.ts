import { en } from '../../bot/src/i18n/en';
import { chooseLocale, format, localeFrom, stringsFor } from '../../bot/src/i18n/locale';
import { nl } from '../../bot/src/i18n/nl';

/** Every leaf path of a strings object, e.g. "welcome.actions.signal". */
function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${prefix}[${i}]`));
  return Object.entries(value as object).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('strings', () => {
  it('chooses English only for English locales, Dutch otherwise', () => {
    expect(localeFrom('en-US')).toBe('en');
    expect(localeFrom('EN-gb')).toBe('en');
    expect(localeFrom('nl-NL')).toBe('nl');
    expect(localeFrom('fr-FR')).toBe('nl');
    expect(localeFrom(undefined)).toBe('nl');
    expect(localeFrom('eng')).toBe('nl');
  });

  it('follows the client with "auto" and pins one language otherwise', () => {
    expect(chooseLocale('auto', 'en-US')).toBe('en');
    expect(chooseLocale('auto', 'nl-NL')).toBe('nl');
    expect(chooseLocale('nl', 'en-US')).toBe('nl');
    expect(chooseLocale('en', 'nl-NL')).toBe('en');
  });

  it('has the same keys in English as in Dutch, none empty', () => {
    expect(leaves(en).sort()).toEqual(leaves(nl).sort());
    for (const strings of [nl, en]) {
      for (const path of leaves(strings)) {
        const value = path.split(/\.|\[|\]/).filter(Boolean).reduce<any>((o, k) => o[k], strings);
        expect(value.trim()).not.toBe('');
      }
    }
    expect(stringsFor('en')).toBe(en);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (s: object) =>
      leaves(s).map((p) => {
        const v = p.split(/\.|\[|\]/).filter(Boolean).reduce<any>((o, k) => o[k], s) as string;
        return `${p}:${(v.match(/\{\w+\}/g) ?? []).sort().join(',')}`;
      });
    expect(placeholders(en).sort()).toEqual(placeholders(nl).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('"{capability}" komt', { capability: 'Workshops' })).toBe('"Workshops" komt');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
