import { z } from 'zod';
import { audienceSchema, workshopLanguageSchema } from '../workshop-vocabulary';
import { typedText } from '../typed-text';

/**
 * The facilitators' material (seed 002) as the tab API sends and takes it (GET/POST /api/materials, PUT/DELETE
 * /api/materials/:id, PUT /api/planning/workshops/:id/materials). The service validates with these schemas; the tab
 * imports the types.
 */
export const MATERIAL_KINDS = ['film', 'werkvorm', 'handout'] as const;

export const materialInputSchema = z
  .object({
    title: typedText().trim().min(1).max(120),
    kind: z.enum(MATERIAL_KINDS),
    // A link people open from a card or the tab: https only, so no other scheme can hide in it.
    url: typedText().trim().max(500).url().startsWith('https://'),
    durationMinutes: z.number().int().min(1).max(600).nullable(),
    language: workshopLanguageSchema,
    audience: audienceSchema,
  })
  .strict();
export type MaterialInput = z.infer<typeof materialInputSchema>;
export type Material = MaterialInput & { id: string };

/** What a facilitator attaches to a workshop: ids from the library, at most 20. */
export const attachedMaterialsSchema = z.object({ materialIds: z.array(z.string().uuid()).max(20) }).strict();
