import type { Referral } from '../../bot/src/shared/api/kaart';

/** Two places of the sociale kaart as GET /api/referrals sends them (bot/src/shared/api/kaart.ts). */
export const vertrouwenspersoon: Referral = {
  id: 'bzk-vertrouwenspersoon-ongewenst-gedrag',
  organisation: 'bzk',
  role: 'vertrouwenspersoon-ongewenst-gedrag',
  name: { nl: 'Vertrouwenspersoon BZK', en: 'Confidential adviser BZK' },
  description: { nl: 'Luistert en denkt mee, vertrouwelijk.', en: 'Listens and thinks along, in confidence.' },
  contact: { teamsChat: 'vp.bzk@minbzk.example', phone: '070 123 45 67', mail: 'vertrouwenspersoon@minbzk.example', site: 'https://example.org/vp-bzk' },
  hours: { nl: 'Werkdagen 9–17 uur', en: 'Working days 9–17' },
  confidentiality: { nl: 'Alles blijft tussen jullie.', en: 'Everything stays between you.' },
  languages: ['nl', 'en'],
};

/** A Rijk-wide place reachable by phone alone. */
export const bedrijfsarts: Referral = {
  ...vertrouwenspersoon,
  id: 'rijk-bedrijfsarts',
  organisation: 'rijk',
  role: 'bedrijfsarts',
  name: { nl: 'Bedrijfsarts', en: 'Occupational physician' },
  contact: { phone: '+31 30 000 00 00' },
  languages: ['nl'],
};
