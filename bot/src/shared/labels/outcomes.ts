import type { Outcome, Relation } from '../signal-vocabulary';

/**
 * How a signal ended and who the other person was, in the words counsellors use in their annual reports: the bot's
 * form, the tab's closing and its figures show the same names. The tab bundles only these (the import is a type).
 */
export const outcomeLabels = {
  nl: {
    'advies-gegeven': 'Advies gegeven',
    doorverwezen: 'Doorverwezen',
    'informeel-opgelost': 'Informeel opgelost',
    'klacht-ingediend': 'Klacht ingediend',
    'melding-gedaan': 'Melding gedaan',
    'geen-contact-meer': 'Geen contact meer',
  },
  en: {
    'advies-gegeven': 'Advice given',
    doorverwezen: 'Referred',
    'informeel-opgelost': 'Resolved informally',
    'klacht-ingediend': 'Complaint filed',
    'melding-gedaan': 'Report made',
    'geen-contact-meer': 'No further contact',
  },
} satisfies Record<'nl' | 'en', Record<Outcome, string>>;

export const relationLabels = {
  nl: {
    leidinggevende: 'Mijn leidinggevende',
    collega: 'Een collega',
    ondergeschikte: 'Iemand die ik leiding geef',
    'burger-of-klant': 'Een burger of klant',
    extern: 'Iemand van buiten, zoals een leverancier',
  },
  en: {
    leidinggevende: 'My manager',
    collega: 'A colleague',
    ondergeschikte: 'Someone I manage',
    'burger-of-klant': 'A citizen or client',
    extern: 'Someone from outside, such as a supplier',
  },
} satisfies Record<'nl' | 'en', Record<Relation, string>>;
