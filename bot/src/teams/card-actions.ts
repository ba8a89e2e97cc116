import { z } from 'zod';
import { messageTextSchema } from '../domain/signals/follow-up';
import { MAX_DESCRIPTION_LENGTH } from '../domain/signals/signal-service';
import { anonymitySchema, categorySchema, organisationSchema, wishSchema } from '../domain/signals/vocabulary';

/** The actions a typed phrase can also ask for (see intents.ts). */
export const MENU_ACTIONS = ['menu', 'capability.signal', 'capability.talk', 'capability.workshops', 'capability.myData'] as const;
export type MenuActionName = (typeof MENU_ACTIONS)[number];

/** Teams sends an empty input as ""; an unchosen optional field is then simply absent. */
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/**
 * Every card submit, as Teams delivers it in `activity.value`, one schema per action. Extra keys
 * (e.g. `msteams`) are dropped; anything else that does not fit is refused before it touches data.
 */
export const cardSubmitSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(MENU_ACTIONS) }),
  z.object({ action: z.literal('signal.danger'), organisation: optional(organisationSchema).catch(undefined) }),
  z.object({ action: z.literal('signal.form'), organisation: optional(organisationSchema) }),
  z.object({
    action: z.literal('signal.submit'),
    submissionId: z.string().uuid(),
    organisation: organisationSchema,
    category: categorySchema,
    wish: wishSchema,
    anonymity: anonymitySchema,
    description: optional(z.string().max(MAX_DESCRIPTION_LENGTH)),
  }),
  z.object({ action: z.literal('signal.cancel') }),
  z.object({ action: z.literal('myData.delete') }),
  z.object({ action: z.literal('signal.reply'), signalId: z.string().uuid(), reply: messageTextSchema }),
  z.object({ action: z.literal('talk.show'), topic: categorySchema, organisation: organisationSchema }),
]);

export type CardSubmit =
  | { action: MenuActionName }
  | { action: 'signal.danger'; organisation?: z.infer<typeof organisationSchema> }
  | { action: 'signal.form'; organisation?: z.infer<typeof organisationSchema> }
  | {
      action: 'signal.submit';
      submissionId: string;
      organisation: z.infer<typeof organisationSchema>;
      category: z.infer<typeof categorySchema>;
      wish: z.infer<typeof wishSchema>;
      anonymity: z.infer<typeof anonymitySchema>;
      description?: string;
    }
  | { action: 'signal.cancel' }
  | { action: 'myData.delete' }
  | { action: 'signal.reply'; signalId: string; reply: string }
  | { action: 'talk.show'; topic: z.infer<typeof categorySchema>; organisation: z.infer<typeof organisationSchema> };

export function parseCardSubmit(value: unknown): CardSubmit | undefined {
  const parsed = cardSubmitSchema.safeParse(value);
  return parsed.success ? (parsed.data as CardSubmit) : undefined;
}
