/** Tab texts, Dutch first. The locale comes from Teams, or the browser outside Teams. */
export const strings = {
  nl: {
    title: 'Sociaal Veilig',
    nav: { planning: 'Mijn planning', referrals: 'Doorverwijzen' },
    planning: {
      heading: 'Mijn planning',
      soon: 'Hier zie je straks als workshopbegeleider je workshops, je co-begeleider, aanmeldingen en openstaande verzoeken. Dit onderdeel bouwen we nog.',
    },
    referrals: {
      heading: 'Doorverwijzen',
      soon: 'Hier vind je straks de sociale kaart: bij wie kun je terecht, per onderwerp en organisatie. Dit onderdeel bouwen we nog.',
    },
    urgent: 'Acuut gevaar? Bel 112. Denk je aan zelfdoding? Bel 113 of 0800-0113.',
  },
  en: {
    title: 'Sociaal Veilig',
    nav: { planning: 'My schedule', referrals: 'Referrals' },
    planning: {
      heading: 'My schedule',
      soon: 'As a workshop facilitator you will see your workshops, co-facilitator, registrations and pending requests here. This part is still being built.',
    },
    referrals: {
      heading: 'Referrals',
      soon: 'The referral directory will be here: who you can turn to, per topic and organisation. This part is still being built.',
    },
    urgent: 'Acute danger? Call 112. Thinking about suicide? Call 113 or 0800-0113.',
  },
} as const;

export type TabLocale = keyof typeof strings;
export type TabStrings = (typeof strings)[TabLocale];

export function tabLocale(tag: string | undefined): TabLocale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'nl';
}
