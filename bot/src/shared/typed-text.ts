import { z } from 'zod';

/** Half of a surrogate pair without its other half: a JavaScript string can hold one, Unicode text cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text as a person can type it, for every free-text input: no NUL (PostgreSQL stores none, in text or jsonb)
 * and no lone surrogate (jsonb refuses it; UTF-8 would store another character). JSON.parse accepts both, so a
 * forged request can carry them; refused here, they never reach the database as an error or altered.
 */
export const typedText = () => z.string().refine(isTypeable, { message: 'not typeable text' });

/** Whether `text` holds neither a NUL nor a lone surrogate: what typedText accepts. */
export function isTypeable(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}
