import { z } from 'zod';
import { ORGANISATION_ROLES, organisationSchema } from '../signal-vocabulary';
import { typedText } from '../typed-text';

/**
 * Who reads which inbox (GET/PUT/DELETE /api/counsellors), as the coordinator keeps it in the tab: a person (their
 * Entra object id and the name colleagues know), their organisation, and the desks of it they staff.
 */
export const counsellorSchema = z
  .object({
    aadObjectId: z.string().uuid(),
    displayName: typedText().trim().min(1).max(100),
    organisation: organisationSchema,
    roles: z
      .array(z.enum(ORGANISATION_ROLES))
      .min(1)
      .max(ORGANISATION_ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, { message: 'unique' }),
  })
  .strict();
export type Counsellor = z.infer<typeof counsellorSchema>;

/** An inbox of an organisation where signals wait that nobody staffs any more (someone left): to hand on. */
export interface UnstaffedInbox {
  organisation: string;
  role: (typeof ORGANISATION_ROLES)[number];
}

/** POST /api/inboxes/hand-on: every open signal of an unstaffed inbox to a staffed desk of the same organisation. */
export const inboxHandOnSchema = z
  .object({ organisation: organisationSchema, from: z.enum(ORGANISATION_ROLES), to: z.enum(ORGANISATION_ROLES) })
  .strict();
export type InboxHandOn = z.infer<typeof inboxHandOnSchema>;
