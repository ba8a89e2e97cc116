import type { HandoverReason, Outcome, Relation } from '../signal-vocabulary';

/**
 * How a signal ended, who the other person was, and why it went to another desk, in the words counsellors use in
 * their annual reports: the bot's cards and the tab show the same names. The tab bundles only these (the import is a type).
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

/** Said to the receiving desk and, in the same words, to the reporter ("Reden: …"). */
export const handoverReasonLabels = {
  nl: {
    'ander-onderwerp': 'Een andere plek kan je hier beter bij helpen',
    integriteit: 'Het gaat over integriteit',
    'formele-melding': 'Het vraagt om een formele melding',
    betrokken: 'De contactpersoon kent de mensen om wie het gaat',
    afwezig: 'De contactpersoon is er een tijd niet',
  },
  en: {
    'ander-onderwerp': 'Another place can help you better with this',
    integriteit: 'It is about integrity',
    'formele-melding': 'It calls for a formal report',
    betrokken: 'The contact person knows the people involved',
    afwezig: 'The contact person is away for a while',
  },
} satisfies Record<'nl' | 'en', Record<HandoverReason, string>>;
