import { createHmac } from 'node:crypto';
import { type Envelope, envelopeSchema } from './envelope';
import { FieldCipher } from '../../../platform/crypto/field-crypto';
import type { KeyRing } from '../../../platform/crypto/signal-keys';

/**
 * Every envelope is this many bytes before sealing, whatever it holds: a signal with a long text, a short reply and
 * an evaluation look alike, so the size of a waiting envelope says nothing about it (nor matches the row it becomes).
 * The largest envelope (a reply of 4,000 characters, each escaped to six in JSON) fits with room to spare.
 */
export const ENVELOPE_BYTES = 32 * 1024;

/** The associated data an envelope is bound to: moved to another row, it does not open. */
export const envelopeBinding = (envelopeId: string): string => `envelope:${envelopeId}`;

/** Seals envelopes for the mixer (its own key), and the keyed hashes that recognise a repeat or a taken code. */
export class EnvelopeSealing {
  private readonly cipher: FieldCipher;

  constructor(private readonly ring: KeyRing) {
    this.cipher = new FieldCipher(ring, 'envelope');
  }

  seal(envelope: Envelope, envelopeId: string): string {
    const json = JSON.stringify(envelope);
    const length = Buffer.byteLength(json, 'utf8');
    if (length > ENVELOPE_BYTES) throw new RangeError('envelope too large');
    // JSON ignores trailing white space: the padding needs no length field.
    return this.cipher.encrypt(json + ' '.repeat(ENVELOPE_BYTES - length), envelopeBinding(envelopeId));
  }

  open(sealed: string, envelopeId: string): Envelope {
    return envelopeSchema.parse(JSON.parse(this.cipher.decrypt(sealed, envelopeBinding(envelopeId))));
  }

  /** The guard of a repeat key, under the current key. */
  guard(repeatKey: string): Buffer {
    return this.hmac(this.ring.currentKey('case-code'), `mix-guard:${repeatKey}`);
  }

  /** A waiting signal's code, so two waiting signals never share one; not the HMAC the signal row will carry. */
  codeGuard(caseCode: string): Buffer {
    return this.hmac(this.ring.currentKey('case-code'), `mix-code:${caseCode}`);
  }

  codeGuards(caseCode: string): Buffer[] {
    return this.ring.keysFor('case-code').map((key) => this.hmac(key, `mix-code:${caseCode}`));
  }

  private hmac(key: Buffer, value: string): Buffer {
    return createHmac('sha256', key).update(value).digest();
  }
}
