import { createHmac } from 'node:crypto';
import { type Envelope, envelopeSchema } from './envelope';
import { FieldCipher } from '../../../platform/crypto/field-crypto';
import type { KeyRing } from '../../../platform/crypto/signal-keys';
import { isTypeable } from '../../../shared/typed-text';

/**
 * Every envelope is this many bytes before sealing, whatever it holds: a signal with a long text, a short reply and
 * an evaluation look alike, so the size of a waiting envelope says nothing about it (nor matches the row it becomes).
 * An envelope's free text goes after its JSON, unescaped: at most three bytes a character (JSON writes a control
 * character as six). The largest envelope, a reply of 4,000 characters, is then at most 12,000 bytes of text and
 * a few hundred of JSON; `envelope-sealing.test.ts` seals the largest of each kind.
 */
export const ENVELOPE_BYTES = 16 * 1024;

/** Each kind's free text: what a person wrote, the bulk of the envelope. */
const FREE_TEXT = { signal: 'description', reply: 'text', evaluation: 'takeaway' } as const satisfies Record<Envelope['kind'], string>;

/** Between the JSON (and its padding) and the free text: a character typed text never holds. */
const TEXT_FOLLOWS = '\u0000';

/** The associated data an envelope is bound to: moved to another row, it does not open. */
export const envelopeBinding = (envelopeId: string): string => `envelope:${envelopeId}`;

/** Seals envelopes for the mixer (its own key), and the keyed hashes that recognise a repeat or a taken code. */
export class EnvelopeSealing {
  private readonly cipher: FieldCipher;

  constructor(private readonly ring: KeyRing) {
    this.cipher = new FieldCipher(ring, 'envelope');
  }

  seal(envelope: Envelope, envelopeId: string): string {
    const field = FREE_TEXT[envelope.kind];
    const text = (envelope as Record<string, unknown>)[field];
    // A NUL would end the text early, and UTF-8 would write a lone surrogate as another character.
    if (typeof text === 'string' && !isTypeable(text)) throw new RangeError('envelope text is not typeable');
    const json = JSON.stringify(typeof text === 'string' ? { ...envelope, [field]: undefined } : envelope);
    const tail = typeof text === 'string' ? TEXT_FOLLOWS + text : '';
    const length = Buffer.byteLength(json, 'utf8') + Buffer.byteLength(tail, 'utf8');
    if (length > ENVELOPE_BYTES) throw new RangeError('envelope too large');
    // JSON ignores trailing white space: the padding after it needs no length field.
    return this.cipher.encrypt(json + ' '.repeat(ENVELOPE_BYTES - length) + tail, envelopeBinding(envelopeId));
  }

  open(sealed: string, envelopeId: string): Envelope {
    const plain = this.cipher.decrypt(sealed, envelopeBinding(envelopeId));
    const at = plain.indexOf(TEXT_FOLLOWS);
    // Envelopes sealed before the text followed the JSON are JSON alone (JSON escapes every NUL).
    if (at < 0) return envelopeSchema.parse(JSON.parse(plain));
    const head = JSON.parse(plain.slice(0, at)) as { kind?: unknown };
    const kind = typeof head.kind === 'string' && Object.hasOwn(FREE_TEXT, head.kind) ? (head.kind as Envelope['kind']) : undefined;
    return envelopeSchema.parse(kind === undefined ? head : { ...head, [FREE_TEXT[kind]]: plain.slice(at + 1) });
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
