import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { FieldCipher } from '../../bot/src/platform/crypto/field-crypto';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { isTypeable } from '../../bot/src/shared/typed-text';
import { MAX_MESSAGE_LENGTH, publishedReply } from '../../bot/src/features/signals/follow-up';
import { MAX_DESCRIPTION_LENGTH } from '../../bot/src/features/signals/signal-service';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { MAX_NOTE_LENGTH } from '../../bot/src/features/workshops/planning';
import type { Envelope, ReplyEnvelope } from '../../bot/src/features/signals/mixing/envelope';
import { EnvelopeSealing, envelopeBinding } from '../../bot/src/features/signals/mixing/envelope-sealing';

const ring = new KeyRing(Buffer.alloc(32, 3));
const sealing = new EnvelopeSealing(ring);

/** The characters that take the most room: JSON writes the control characters as six bytes, UTF-8 the others as three or four. */
const WIDE = ['\u0001', '\u001f', '\u000b', '"', '\\', '€', '\u2028', '😀'];
const widest = (length: number) => Array.from({ length }, (_, i) => WIDE[i % WIDE.length]!).join('').slice(0, length);

const reply = (text: string): ReplyEnvelope => ({ kind: 'reply', publishAfter: 1_900_000_000_000, day: '2030-03-01', signalId: randomUUID(), seq: 1_234_567, text, replyFormId: randomUUID() });
const signal = (description: string | null): Envelope => ({
  kind: 'signal',
  publishAfter: 1_900_000_000_000,
  day: '2030-03-01',
  submissionId: randomUUID(),
  caseCode: 'SV-7Q4K-M2XP',
  organisation: 'bzk',
  category: 'pesten',
  wish: 'gesprek',
  anonymity: 'anoniem',
  relation: 'leidinggevende',
  urgency: 'normaal',
  inboxRole: 'vertrouwenspersoon',
  status: 'nieuw',
  description,
  // A Teams conversation reference as it comes, ids at their usual length.
  replyRoute: {
    conversation: { id: `a:${'1'.repeat(130)}`, tenantId: randomUUID(), conversationType: 'personal' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    bot: { id: `28:${randomUUID()}` },
    locale: 'nl-NL',
  },
});
const evaluation = (takeaway: string | null): Envelope => ({ kind: 'evaluation', publishAfter: 1_900_000_000_000, workshopId: randomUUID(), rating: 5, takeaway });

describe('sealed envelopes', () => {
  it('are all one size, from an evaluation without a word to the longest reply of the widest characters', () => {
    const envelopes: Envelope[] = [
      evaluation(null),
      evaluation(widest(MAX_NOTE_LENGTH)),
      signal(null),
      signal(widest(MAX_DESCRIPTION_LENGTH)),
      signal('€'.repeat(MAX_DESCRIPTION_LENGTH)),
      reply('x'),
      reply(widest(MAX_MESSAGE_LENGTH)),
      reply('\u0001'.repeat(MAX_MESSAGE_LENGTH)),
      reply('€'.repeat(MAX_MESSAGE_LENGTH)),
    ];
    const sizes = envelopes.map((e) => {
      const id = randomUUID();
      const sealed = sealing.seal(e, id);
      expect(sealing.open(sealed, id)).toEqual(e);
      return sealed.length;
    });
    expect(new Set(sizes).size).toBe(1);
  });

  it('open to what was sealed, at one size, for any text a person can type', () => {
    const size = sealing.seal(evaluation(null), randomUUID()).length;
    const typeable = (maxLength: number) => fc.string({ unit: 'binary', maxLength }).map((t) => t.slice(0, maxLength)).filter(isTypeable);
    fc.assert(
      fc.property(fc.oneof(typeable(MAX_MESSAGE_LENGTH).map(reply), typeable(MAX_DESCRIPTION_LENGTH).map(signal), typeable(MAX_NOTE_LENGTH).map(evaluation)), (e) => {
        const id = randomUUID();
        const sealed = sealing.seal(e, id);
        expect(sealed.length).toBe(size);
        expect(sealing.open(sealed, id)).toEqual(e);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to seal a text that holds a NUL or half a surrogate pair, which would not open as it was', () => {
    expect(() => sealing.seal(reply('a\u0000b'), randomUUID())).toThrow(RangeError);
    expect(() => sealing.seal(signal('x\ud800'), randomUUID())).toThrow(RangeError);
  });

  it('opens an envelope sealed before the text followed the JSON, and publishes its reply with the same repeat hash', () => {
    const current = reply('Ja, dat schikt.');
    const { replyFormId, ...rest } = current;
    // Then: JSON alone, padded to 32 KiB, with the whole repeat key.
    const before = { ...rest, repeatKey: `signal-reply:${current.signalId}:${replyFormId}:${current.text}` };
    const id = randomUUID();
    const json = JSON.stringify(before);
    const sealedBefore = new FieldCipher(ring, 'envelope').encrypt(json + ' '.repeat(32 * 1024 - Buffer.byteLength(json)), envelopeBinding(id));
    expect(sealing.open(sealedBefore, id)).toEqual(before);

    const signalSealing = new KeyRingSignalSealing(ring);
    const hashOf = (e: ReplyEnvelope) => publishedReply(e, randomUUID(), signalSealing).submissionHmac;
    expect(hashOf(before)).toEqual(hashOf(current));
    expect(hashOf(current)).not.toEqual(hashOf({ ...current, text: 'Ja, dat schikt!' }));
  });
});
