import { KeyedTokens } from '../../platform/crypto/keyed-tokens';
import type { KeyRing } from '../../platform/crypto/signal-keys';

export { TOKEN_PATTERN } from '../../platform/crypto/keyed-tokens';

/**
 * Keyed tokens that bind a thing to a person without naming the person: a calendar link (whoever holds it
 * may download that one workshop's .ics) and a planning form (only the organiser who asked for it may send it).
 */
export class WorkshopTokens {
  private readonly tokens: KeyedTokens;

  constructor(ring: KeyRing) {
    this.tokens = new KeyedTokens(ring);
  }

  calendarToken(workshopId: string, aadObjectId: string): string {
    return this.tokens.make(calendarValue(workshopId, aadObjectId));
  }

  /** Whether `token` is the calendar token of one of `people` for this workshop, under any key of the ring. */
  calendarMatches(workshopId: string, token: string, people: readonly { aadObjectId: string }[]): boolean {
    return people.some((p) => this.tokens.matches(calendarValue(workshopId, p.aadObjectId), token));
  }

  planFormToken(formId: string, organiserAad: string): string {
    return this.tokens.make(planFormValue(formId, organiserAad));
  }

  planFormMatches(formId: string, token: string, aadObjectId: string): boolean {
    return this.tokens.matches(planFormValue(formId, aadObjectId), token);
  }
}

/** What a calendar token is the HMAC of: made and checked from this one place. */
const calendarValue = (workshopId: string, aadObjectId: string) => `calendar:${workshopId}:${aadObjectId}`;

/** What a planning form's token is the HMAC of. */
const planFormValue = (formId: string, organiserAad: string) => `plan-form:${formId}:${organiserAad}`;
