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
    ondergeschikte: 'Iemand aan wie ik leidinggeef',
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
    'ander-onderwerp': 'Een andere plek past beter bij dit signaal',
    integriteit: 'Het gaat over integriteit',
    'formele-melding': 'Een andere plek kan helpen bij een formele melding, als je die wilt doen',
    betrokken: 'De eerste contactpersoon staat er te dichtbij',
    afwezig: 'De eerste contactpersoon kan het signaal niet meer lezen',
    loket: 'Het sociaal loket brengt signalen naar de plek die past',
  },
  en: {
    'ander-onderwerp': 'Another place fits this signal better',
    integriteit: 'It is about integrity',
    'formele-melding': 'Another place can help with a formal report, if you want to make one',
    betrokken: 'The first contact person is too close to it',
    afwezig: 'The first contact person can no longer read the signal',
    loket: 'The sociaal loket brings signals to the place that fits',
  },
} satisfies Record<'nl' | 'en', Record<HandoverReason, string>>;
