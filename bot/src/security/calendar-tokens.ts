import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './signal-keys';

/**
 * A calendar link is a capability: whoever holds it may download that one workshop's .ics. The token is
 * a keyed hash of the workshop and the participant, so the link names nobody and cannot be guessed.
 */
export class CalendarTokens {
  constructor(private readonly ring: KeyRing) {}

  tokenFor(workshopId: string, aadObjectId: string): string {
    return createHmac('sha256', this.ring.currentKey('pseudonym')).update(`calendar:${workshopId}:${aadObjectId}`).digest('base64url').slice(0, 32);
  }

  /** Whether `token` belongs to one of `people` for this workshop. */
  matches(workshopId: string, token: string, people: readonly { aadObjectId: string }[]): boolean {
    const given = Buffer.from(token);
    return people.some((p) => {
      const expected = Buffer.from(this.tokenFor(workshopId, p.aadObjectId));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  }
}
