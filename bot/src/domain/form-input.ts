import { z } from 'zod';

/** Teams sends an input left empty as "" (sometimes null): for the schema that is "not given". */
export const blankAsUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** An optional card input: empty means absent, anything else must fit `schema`. */
export const optionalInput = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankAsUndefined, schema.optional());
