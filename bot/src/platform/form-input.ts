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

/** Half of a surrogate pair without its other half: a JavaScript string can hold one, Unicode text cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text as a person can type it, for every free-text input: no NUL (PostgreSQL stores none, in text or jsonb)
 * and no lone surrogate (jsonb refuses it; UTF-8 would store another character). JSON.parse accepts both, so a
 * forged request can carry them; refused here, they never reach the database as an error or altered.
 */
export const typedText = () => z.string().refine((text) => !text.includes('\u0000') && !LONE_SURROGATE.test(text), { message: 'not typeable text' });
