import { createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from './signal-keys';

/** Tokens are 32 base64url characters (192 bits of an HMAC-SHA256). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/**
 * Keyed tokens that a card carries, so the card itself proves what it was made for (a form for a chat, a link for a
 * person) and nothing about it needs to be stored. Made under the current key, checked under every key of the ring,
 * so a card sent before a key rotation keeps working while the previous key is listed in SIGNAL_KEY_PREVIOUS.
 */
export class KeyedTokens {
  constructor(private readonly ring: KeyRing) {}

  make(value: string): string {
    return tokenUnder(this.ring.currentKey('pseudonym'), value);
  }

  matches(value: string, given: string): boolean {
    return this.ring.keysFor('pseudonym').some((key) => equal(tokenUnder(key, value), given));
  }
}

function tokenUnder(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url').slice(0, 32);
}

function equal(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
