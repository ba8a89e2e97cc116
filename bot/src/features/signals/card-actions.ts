import { z } from 'zod';
import { optionalInput } from '../../platform/form-input';
import { typedText } from '../../shared/typed-text';
import { messageTextSchema } from './follow-up';
import { MAX_DESCRIPTION_LENGTH } from './signal-service';
import { anonymitySchema, categorySchema, organisationSchema, relationSchema, wishSchema } from '../../shared/signal-vocabulary';
import { TOKEN_PATTERN } from '../../platform/crypto/keyed-tokens';

/** The proof a signal form carries (see security/signal-card-tokens.ts): when it was shown, and its token. */
const signalFormProof = { issuedAt: z.number().int().nonnegative(), formToken: z.string().regex(TOKEN_PATTERN) };

/** The actions a typed phrase can also ask for (see intents.ts). */
export const MENU_ACTIONS = ['menu', 'help', 'capability.signal', 'capability.talk', 'capability.workshops', 'capability.planWorkshop', 'capability.planProgramme', 'capability.myData'] as const;
export type MenuActionName = (typeof MENU_ACTIONS)[number];


/** A story the person typed, carried by a card to the form (storyCard): the form's own limit applies. */
const carriedDescription = optionalInput(typedText().max(MAX_DESCRIPTION_LENGTH));

/**
 * Every card submit, as Teams delivers it in `activity.value`, one schema per action. Extra keys
 * (e.g. `msteams`) are dropped; anything else that does not fit is refused before it touches data.
 */
export const cardSubmitSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(MENU_ACTIONS), description: carriedDescription }),
  z.object({ action: z.literal('signal.danger'), organisation: optionalInput(organisationSchema).catch(undefined) }),
  z.object({ action: z.literal('signal.form'), organisation: optionalInput(organisationSchema), description: carriedDescription }),
  z.object({
    action: z.literal('signal.submit'),
    submissionId: z.string().uuid(),
    ...signalFormProof,
    organisation: organisationSchema,
    category: categorySchema,
    wish: wishSchema,
    anonymity: anonymitySchema,
    // Optional: left empty, nothing is said about the other person.
    relation: optionalInput(relationSchema),
    description: carriedDescription,
  }),
  z.object({ action: z.literal('signal.cancel') }),
  z.object({ action: z.literal('myData.delete') }),
  z.object({
    action: z.literal('signal.reply'),
    signalId: z.string().uuid(),
    replyFormId: z.string().uuid(),
    replyToken: z.string().regex(TOKEN_PATTERN),
    reply: messageTextSchema,
  }),
  z.object({ action: z.literal('talk.show'), topic: categorySchema, organisation: organisationSchema }),
]);

export type CardSubmit = z.infer<typeof cardSubmitSchema>;

/** Why a submit was refused: a description over the limit gets its own message, anything else the general one. */
export type SubmitProblem = 'description-too-long' | 'invalid';

export function parseCardSubmit(value: unknown): { submit: CardSubmit } | { problem: SubmitProblem } {
  const parsed = cardSubmitSchema.safeParse(value);
  if (parsed.success) return { submit: parsed.data };
  const tooLong = parsed.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'description');
  return { problem: tooLong ? 'description-too-long' : 'invalid' };
}
