import { randomBytes, randomUUID } from 'node:crypto';
import { CASE_CODE_ALPHABET, CASE_CODE_BITS, CASE_CODE_PATTERN, caseCodeFromDigest, parseCaseCode } from '../../bot/src/features/signals/case-code';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';

const newCaseCode = () => caseCodeFromDigest(randomBytes(32));

describe('case codes', () => {
  it('look like SV-XXXX-XXXX and use no look-alikes', () => {
    for (let i = 0; i < 2000; i++) {
      const code = newCaseCode();
      expect(code).toMatch(CASE_CODE_PATTERN);
      expect(code.slice(3)).not.toMatch(/[01OIL]/);
    }
    expect(CASE_CODE_ALPHABET).toHaveLength(31);
  });

  it('carry log2(31^8) bits of randomness, every symbol equally likely', () => {
    expect(CASE_CODE_BITS).toBeCloseTo(39.63, 2);
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) for (const c of newCaseCode().replace(/^SV-|-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    const expected = (n * 8) / 31;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
  });

  it('come from the form and the key: the same form gives the same code, another form or key another', () => {
    const sealing = new KeyRingSignalSealing(new KeyRing(Buffer.alloc(32, 3)));
    const form = randomUUID();
    expect(sealing.caseCodeFor(form, 0)).toMatch(CASE_CODE_PATTERN);
    expect(sealing.caseCodeFor(form, 0)).toBe(sealing.caseCodeFor(form, 0));
    expect(sealing.caseCodeFor(form, 1)).not.toBe(sealing.caseCodeFor(form, 0));
    expect(sealing.caseCodeFor(randomUUID(), 0)).not.toBe(sealing.caseCodeFor(form, 0));
    expect(new KeyRingSignalSealing(new KeyRing(Buffer.alloc(32, 4))).caseCodeFor(form, 0)).not.toBe(sealing.caseCodeFor(form, 0));
  });

  it('use every code of the space: the lowest and highest digests give the first and last code', () => {
    expect(caseCodeFromDigest(Buffer.alloc(32, 0))).toBe('SV-2222-2222');
    const last = (31n ** 8n - 1n).toString(16).padStart(64, '0');
    expect(caseCodeFromDigest(Buffer.from(last, 'hex'))).toBe('SV-ZZZZ-ZZZZ');
  });

  it('read forgivingly: case, spaces and dashes', () => {
    expect(parseCaseCode('sv-abcd-2345')).toBe('SV-ABCD-2345');
    expect(parseCaseCode(' SV ABCD 2345 ')).toBe('SV-ABCD-2345');
    expect(parseCaseCode('svabcd2345')).toBe('SV-ABCD-2345');
  });

  it.each(['', 'hallo', 'SV-ABCD-234', 'SV-ABCD-23456', 'XX-ABCD-2345', 'SV-AB0D-2345', 'SV-ABCD-2L45', 'SV-ÄBCD-2345', undefined])(
    'refuse %j',
    (text) => {
      expect(parseCaseCode(text)).toBeUndefined();
    },
  );
});
