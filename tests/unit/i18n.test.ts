import { appCatalogue, chooseLocale, combineStrings, format, localeFrom, plural } from '../../bot/src/platform/i18n/locale';
import { kaartStrings } from '../../bot/src/features/kaart';
import { stringsFor } from '../../bot/src/wiring/strings';
import { en, nl } from '../support/strings';
import { seededSocialeKaart } from '../../bot/src/features/kaart/seed-sociale-kaart';
import { strings as tabStrings } from '../../tab/src/strings';

const valueAt = (strings: object, path: string): string => path.split(/\.|\[|\]/).filter(Boolean).reduce<any>((o, k) => o[k], strings);

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
    expect(stringsFor('en').welcome).toBe(appCatalogue.en.welcome);
  });

  it('holds every feature\'s words in one catalogue per language, each section from one place', () => {
    expect(Object.keys(nl).sort()).toEqual(
      ['advice', 'api', 'appName', 'channelHelp', 'duration', 'errors', 'fieldReasons', 'followUp', 'handover', 'limits', 'menu', 'myData', 'network', 'place', 'programme', 'reminder', 'signal', 'status', 'story', 'talk', 'welcome', 'workshop'],
    );
    expect(nl.place).toBe(kaartStrings.nl.place);
    const clash = { nl: { place: { call: 'x' } }, en: { place: { call: 'x' } } };
    expect(() => combineStrings(kaartStrings, clash)).toThrow(/place/);
    expect(combineStrings(kaartStrings, kaartStrings).en.place).toBe(kaartStrings.en.place);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (s: object) =>
      leaves(s).map((p) => {
        const v = p.split(/\.|\[|\]/).filter(Boolean).reduce<any>((o, k) => o[k], s) as string;
        return `${p}:${(v.match(/\{\w+\}/g) ?? []).sort().join(',')}`;
      });
    expect(placeholders(en).sort()).toEqual(placeholders(nl).sort());
  });

  it('has the same keys in the tab\'s English as in its Dutch, none empty', () => {
    expect(leaves(tabStrings.en).sort()).toEqual(leaves(tabStrings.nl).sort());
    for (const strings of [tabStrings.nl, tabStrings.en]) {
      for (const path of leaves(strings)) expect({ path, empty: valueAt(strings, path).trim() === '' }).toEqual({ path, empty: false });
    }
  });

  it('counts in words, singular for exactly one', () => {
    expect(plural(nl.myData.deletedSignals, 1)).toBe('1 signaal met je naam');
    expect(plural(nl.myData.deletedSignals, 2)).toBe('2 signalen met je naam');
    expect(plural(nl.myData.deletedSignals, 0)).toBe('0 signalen met je naam');
    expect(plural(en.myData.deletedRegistrations, 1)).toBe('1 workshop registration');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('"{capability}" komt', { capability: 'Workshops' })).toBe('"Workshops" komt');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});

/**
 * B1 on a card (issue 16): every text fits in two short sentences. Measured as at most 200 characters, and no
 * sentence longer than 20 words in Dutch (English needs a few more words for the same sentence).
 */
describe('card texts are short', () => {
  const MAX_CHARS = 200;
  const MAX_WORDS = { nl: 20, en: 22 } as const;
  const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);
  const longestSentence = (text: string) => Math.max(...sentences(text).map((x) => x.split(/\s+/).length));
  const kaart = seededSocialeKaart();
  const textsOf = (locale: 'nl' | 'en'): Array<[string, string]> => [
    ...leaves(locale === 'nl' ? nl : en).map((path) => [path, valueAt(locale === 'nl' ? nl : en, path)] as [string, string]),
    ...kaart.referrals.flatMap((r) => (['name', 'description', 'hours', 'confidentiality'] as const).map((f) => [`${r.id}.${f}`, r[f][locale]] as [string, string])),
  ];

  it.each(['nl', 'en'] as const)('in %s: no text over 200 characters, no sentence over the word limit', (locale) => {
    const tooLong = textsOf(locale)
      .filter(([, text]) => text.length > MAX_CHARS || longestSentence(text) > MAX_WORDS[locale])
      .map(([path]) => path);
    expect(tooLong).toEqual([]);
  });

  it('the check can fail: the old Mijn gegevens confirmation is caught', () => {
    const old =
      'Dit verwijdert je signalen met naam, je aanmeldingen voor workshops (wie op de wachtlijst staat, krijgt je plaats) en je adres voor berichten van de app. Een vertrouwenspersoon kan je daarna niet meer via mij bereiken.';
    expect(old.length > MAX_CHARS || longestSentence(old) > MAX_WORDS.nl).toBe(true);
  });
});

describe('the words themselves', () => {
  const all = (locale: 'nl' | 'en') => [
    ...leaves(locale === 'nl' ? nl : en).map((path) => valueAt(locale === 'nl' ? nl : en, path)),
    ...leaves(tabStrings[locale]).map((path) => valueAt(tabStrings[locale], path)),
    ...seededSocialeKaart().referrals.flatMap((r) => [r.name[locale], r.description[locale], r.hours[locale], r.confidentiality[locale]]),
  ];

  it('use no capitals for emphasis', () => {
    for (const locale of ['nl', 'en'] as const) expect(all(locale).filter((text) => /\b(NIET|NIETS|NOT|NOTHING)\b/.test(text))).toEqual([]);
  });

  it('use one term, "ongewenste omgangsvormen", and never promise anonymity "altijd"', () => {
    expect(all('nl').filter((text) => /ongewenst gedrag|altijd anoniem|zo kort als mogelijk/i.test(text))).toEqual([]);
    expect(all('en').filter((text) => /unwanted behaviour|always stay anonymous/i.test(text))).toEqual([]);
  });

  it('say exactly what anonymity means on the welcome card, and the crisis numbers right', () => {
    expect(nl.welcome.privacy).toBe('Je kunt anoniem blijven: wie je signaal behandelt, ziet dan niet wie je bent. Wat je typt, bewaren we versleuteld en zo kort mogelijk.');
    expect(nl.welcome.urgent).toBe('Acuut gevaar? Bel 112. Denk je aan zelfdoding? Bel 113 of gratis 0800-0113, dag en nacht.');
  });
});
