import { z } from 'zod';

/** Teams sends an input left empty as "" (sometimes null): for the schema that is "not given". */
export const blankAsUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** An optional card input: empty means absent, anything else must fit `schema`. */
export const optionalInput = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankAsUndefined, schema.optional());

/**
 * A number as a card sends it: a JSON number in the card's data, or the text of one from an Input.Number
 * ("8", " 120 ", "-60", "4.5"). Nothing else: z.coerce would read `true` as 1, `[8]` as 8 and "0x10" as 16.
 */
export const numberInput = <T extends z.ZodNumber>(schema: T) =>
  z.union([z.number(), z.string().trim().regex(/^-?\d{1,15}(\.\d{1,15})?$/).transform(Number)]).pipe(schema);
