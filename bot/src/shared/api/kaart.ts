import { z } from 'zod';
import { categorySchema, organisationSchema, referralRoleSchema, RIJK, urgencySchema, wishSchema } from '../signal-vocabulary';
import { typedText } from '../typed-text';

const bilingual = z.object({ nl: typedText().min(1), en: typedText().min(1) });

/**
 * The sociale kaart as the tab API sends and takes it (GET/PUT/POST /api/referrals, /api/routing-rules), and as
 * the seed file holds it. The service validates with these schemas; the tab imports the types.
 */

/** One entry of the sociale kaart: a place to turn to, and how to reach it now. */
export const referralSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** An organisation code, or "rijk" for Rijk-wide and public services. */
  organisation: z.union([organisationSchema, z.literal(RIJK)]),
  role: referralRoleSchema,
  name: bilingual,
  description: bilingual,
  contact: z
    .object({
      /** Entra UPN or mail for a Teams chat deep link. */
      teamsChat: z.string().email().optional(),
      // The messages 'phone' and 'contact' name the reason the API gives (platform/http/field-problems.ts).
      phone: z.string().regex(/^[0-9 +()-]{3,20}$/, { message: 'phone' }).optional(),
      mail: z.string().email().optional(),
      site: typedText().url().startsWith('https://').optional(),
    })
    .refine((c) => Object.values(c).some(Boolean), { message: 'contact' }),
  hours: bilingual,
  confidentiality: bilingual,
  languages: z.array(z.enum(['nl', 'en'])).min(1),
});
export type Referral = z.infer<typeof referralSchema>;

/**
 * How many places a rule may name, and the advice shows: all of them, so none is dropped unseen. Three at
 * most, so the person is not sent into a forest of reporting points again.
 */
export const MAX_PLACES = 3;

/** Category × wish → the places to name, in order, and how urgent. `wish: "*"` covers every wish. */
export const routingRuleSchema = z.object({
  category: categorySchema,
  wish: z.union([wishSchema, z.literal('*')]),
  roles: z.array(referralRoleSchema).min(1).max(MAX_PLACES),
  urgency: urgencySchema,
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

/**
 * An organisation's own terms for its desks, where its regulation differs from the defaults (shared/desk-terms.ts):
 * the working days for a first reaction, and the weeks to handle an integrity report.
 */
export const deskTermsSchema = z
  .object({
    firstReactionWorkingDays: z.number().int().min(1).max(30).optional(),
    integrityWeeks: z.number().int().min(1).max(52).optional(),
  })
  .strict();

export const organisationEntrySchema = z.object({
  code: organisationSchema,
  name: bilingual,
  terms: deskTermsSchema.optional(),
  /** The organisation it is part of (the Belastingdienst of Financiën): its figures count with the whole's too. */
  partOf: organisationSchema.optional(),
});
export type OrganisationEntry = z.infer<typeof organisationEntrySchema>;

/** The seed file: organisations, the sociale kaart and the routing rules. */
export const socialeKaartSchema = z.object({
  organisations: z
    .array(organisationEntrySchema)
    .min(1)
    // One level of parts: a part names a whole in the same file, and a whole is part of nothing.
    .refine((all) => all.every((o) => !o.partOf || all.some((w) => w.code === o.partOf && !w.partOf && w.code !== o.code)), {
      message: 'partOf names an organisation of this file that is not itself a part',
    }),
  referrals: z.array(referralSchema).min(1),
  routingRules: z.array(routingRuleSchema).min(1),
});
export type SocialeKaart = z.infer<typeof socialeKaartSchema>;
