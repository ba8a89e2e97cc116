import { z } from 'zod';

/** The `data.action` values our cards submit. One list, so cards and handlers cannot drift apart. */
export const CARD_ACTIONS = [
  'menu',
  'capability.signal',
  'capability.talk',
  'capability.workshops',
  'capability.myData',
] as const;

export type CardAction = (typeof CARD_ACTIONS)[number];

/** A card submit as Teams delivers it in `activity.value`. Extra keys (e.g. `msteams`) are ignored. */
export const cardSubmitSchema = z.object({ action: z.enum(CARD_ACTIONS) });

export type CardSubmit = z.infer<typeof cardSubmitSchema>;
