import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './signal-keys';

/** Tokens are 32 base64url characters (192 bits of an HMAC-SHA256). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/**
 * Keyed tokens that bind a thing to a person without naming the person: a calendar link (whoever holds it
 * may download that one workshop's .ics) and a planning form (only the organiser who asked for it may send it).
 */
export class WorkshopTokens {
  constructor(private readonly ring: KeyRing) {}

  calendarToken(workshopId: string, aadObjectId: string): string {
    return this.token(calendarValue(workshopId, aadObjectId));
  }

  /** Whether `token` is the calendar token of one of `people` for this workshop, under any key of the ring. */
  calendarMatches(workshopId: string, token: string, people: readonly { aadObjectId: string }[]): boolean {
    return people.some((p) => this.matches(calendarValue(workshopId, p.aadObjectId), token));
  }

  planFormToken(formId: string, organiserAad: string): string {
    return this.token(planFormValue(formId, organiserAad));
  }

  planFormMatches(formId: string, token: string, aadObjectId: string): boolean {
    return this.matches(planFormValue(formId, aadObjectId), token);
  }

  /** New tokens under the current key. */
  private token(value: string): string {
    return tokenUnder(this.ring.currentKey('pseudonym'), value);
  }

  /**
   * Checked under every key of the ring: a calendar link or planning form sent before a key rotation keeps
   * working while the previous key is still listed in SIGNAL_KEY_PREVIOUS.
   */
  private matches(value: string, given: string): boolean {
    return this.ring.keysFor('pseudonym').some((key) => equal(tokenUnder(key, value), given));
  }
}

/** What a calendar token is the HMAC of: made and checked from this one place. */
const calendarValue = (workshopId: string, aadObjectId: string) => `calendar:${workshopId}:${aadObjectId}`;

/** What a planning form's token is the HMAC of. */
const planFormValue = (formId: string, organiserAad: string) => `plan-form:${formId}:${organiserAad}`;

function tokenUnder(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url').slice(0, 32);
}

function equal(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
