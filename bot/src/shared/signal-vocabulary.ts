import { z } from 'zod';

/**
 * The words of a signal, in the people's own terms (PRODUCT.md §1, seed 001). Codes are stable
 * identifiers stored in the database; labels live in i18n.
 */
export const CATEGORIES = [
  'pesten',
  'intimidatie-agressie',
  'agressie-burgers-klanten',
  'seksuele-intimidatie',
  'discriminatie',
  'uitsluiting',
  'leidinggevende-hierarchie',
  'integriteit',
  'misstand',
  'werkdruk-spanning',
  'iets-anders',
] as const;
export const categorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof categorySchema>;

/**
 * What the person wants, from lightest to heaviest. "laten-lezen": a counsellor reads it (so patterns are seen),
 * and nobody contacts the person.
 */
export const WISHES = ['alleen-laten-weten', 'laten-lezen', 'advies', 'gesprek', 'formeel-melden'] as const;
export const wishSchema = z.enum(WISHES);
export type Wish = z.infer<typeof wishSchema>;

/**
 * vertrouwelijk: with my name, seen only by the handler.
 * anoniem: no identity stored; answers reach me through a sealed reply route.
 * volledig-anoniem: no identity and no reply route; I check back with my case code.
 */
export const ANONYMITY = ['vertrouwelijk', 'anoniem', 'volledig-anoniem'] as const;
export const anonymitySchema = z.enum(ANONYMITY);
export type Anonymity = z.infer<typeof anonymitySchema>;

/**
 * An organisation's code. Organisations are data (the organisations table, kept by the coordinator), so
 * the vocabulary fixes only the shape of a code; whether one exists is asked of the table.
 * "rijk" is reserved for the Rijk-wide and public entries of the sociale kaart, "all" for every organisation together.
 */
export const RIJK = 'rijk';
export const organisationSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/)
  .refine((code) => code !== RIJK, { message: '"rijk" is not an organisation' })
  // The network figures' scope of every organisation together.
  .refine((code) => code !== 'all', { message: '"all" is not an organisation' });
export type Organisation = z.infer<typeof organisationSchema>;

/**
 * Places every organisation keeps for itself, or arranges for its own people: the klachtencommissie is the
 * Rijk's KCOO for most, but an organisation names the one its staff use (and how to reach it).
 */
export const ORGANISATION_ROLES = [
  'vertrouwenspersoon-ongewenst-gedrag',
  'vertrouwenspersoon-integriteit',
  'vertrouwenspersoon-extern',
  'integriteitsloket',
  // One desk that receives every signal for a conversation first and brings it where it fits (seed 003, the police).
  'sociaal-loket',
  'meldpunt-misstanden',
  'klachtencommissie-ongewenste-omgangsvormen',
  'leidinggevende',
  'bedrijfsarts',
  'hr-adviseur',
  'mediation',
  'bedrijfsmaatschappelijk-werk',
  'bedrijfsopvangteam',
  'incidentmelding-agressie',
  'ondernemingsraad',
  'preventiemedewerker',
  'noodcontact',
] as const;

/** The organisation's single desk that brings a signal where it fits: it sees the topic, never the text. */
export const LOKET = 'sociaal-loket' satisfies (typeof ORGANISATION_ROLES)[number];

/**
 * Where the loket may bring a signal it has not read: the desks whose work is to read one. Never a manager or HR
 * (who may be the person it is about), and never back to the loket.
 */
export const LOKET_TARGETS = [
  'vertrouwenspersoon-ongewenst-gedrag',
  'vertrouwenspersoon-integriteit',
  'vertrouwenspersoon-extern',
  'integriteitsloket',
  'meldpunt-misstanden',
] as const satisfies readonly (typeof ORGANISATION_ROLES)[number][];

/** Public services, the same for everyone in the Rijk. */
export const PUBLIC_ROLES = [
  'huis-voor-klokkenluiders',
  'vertrouwenslijn',
  'college-rechten-van-de-mens',
  'discriminatie-nl',
  'centrum-seksueel-geweld',
  'slachtofferhulp',
  'politie',
  'alarmnummer-112',
  'zelfmoordpreventie-113',
] as const;

/**
 * Rijk-wide places a desk can refer someone to, closing the signal here: the person contacts them (nothing is sent
 * there). Not 112 and 113: a desk that sees acute danger calls them itself.
 */
export const REFER_ROLES = ['huis-voor-klokkenluiders', 'vertrouwenslijn', 'college-rechten-van-de-mens', 'discriminatie-nl', 'centrum-seksueel-geweld', 'slachtofferhulp', 'politie'] as const satisfies readonly (typeof PUBLIC_ROLES)[number][];
export const referRoleSchema = z.enum(REFER_ROLES);
export type ReferRole = z.infer<typeof referRoleSchema>;

/** Places the sociaal loket can send someone to. */
export const REFERRAL_ROLES = [...ORGANISATION_ROLES, ...PUBLIC_ROLES] as const;
export const referralRoleSchema = z.enum(REFERRAL_ROLES);
export type ReferralRole = z.infer<typeof referralRoleSchema>;

/** Places for acute need, day and night: advice on an urgent concern always shows one (routing.ts). */
export const EMERGENCY_ROLES = ['alarmnummer-112', 'zelfmoordpreventie-113', 'noodcontact', 'centrum-seksueel-geweld'] as const satisfies readonly ReferralRole[];

export const URGENCIES = ['normaal', 'snel', 'direct'] as const;
export const urgencySchema = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgencySchema>;

/** How a closed signal ended, as the desk says when closing it: counted in the figures, never free text. */
export const OUTCOMES = ['advies-gegeven', 'doorverwezen', 'informeel-opgelost', 'klacht-ingediend', 'melding-gedaan', 'geen-contact-meer'] as const;
export const outcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof outcomeSchema>;

/** Who the other person is to the reporter, if the reporter says so on the form: counted, never free text. */
export const RELATIONS = ['leidinggevende', 'collega', 'ondergeschikte', 'burger-of-klant', 'extern'] as const;
export const relationSchema = z.enum(RELATIONS);
export type Relation = z.infer<typeof relationSchema>;

/** Why a desk hands a signal to another place: said to the receiving desk and, in plain words, to the reporter. */
export const HANDOVER_REASONS = ['ander-onderwerp', 'integriteit', 'formele-melding', 'betrokken', 'afwezig', 'loket'] as const;
export const handoverReasonSchema = z.enum(HANDOVER_REASONS);
export type HandoverReason = z.infer<typeof handoverReasonSchema>;

/** Where a signal stands: counted only (nobody follows it up), new, taken on by the desk, closed. */
export type SignalStatus = 'geteld' | 'nieuw' | 'in-behandeling' | 'gesloten';
