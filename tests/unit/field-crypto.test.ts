import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { FieldCipher, FieldCryptoError, keyIdOf } from '../../bot/src/platform/crypto/field-crypto';
import { deriveKey, developmentKey, KeyRing, masterKeyId } from '../../bot/src/platform/crypto/signal-keys';

const oldMaster = Buffer.alloc(32, 7);
const newMaster = Buffer.alloc(32, 9);
const ring = new KeyRing(newMaster);
const text = new FieldCipher(ring, 'text');
const route = new FieldCipher(ring, 'reply-route');
const plaintext = 'Mijn leidinggevende schreeuwde tegen mij in het werkoverleg';

/** Replaces one dot-separated part of a sealed value. */
function withPart(sealed: string, index: number, change: (part: string) => string): string {
  const parts = sealed.split('.');
  parts[index] = change(parts[index] ?? '');
  return parts.join('.');
}

/** Flips one bit in a base64url part, keeping it valid base64url of the same length. */
function flipBit(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64url');
}

function failureOf(run: () => unknown): FieldCryptoError {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldCryptoError) return error;
    throw error;
  }
  throw new Error('expected a FieldCryptoError');
}

describe('FieldCipher', () => {
  it.each([
    ['an ordinary text', plaintext],
    ['an empty string', ''],
    ['unicode and emoji', 'Ik voel me niet veilig 😟 — “café” ñ 日本語 👩🏽‍💼'],
    ['a 2,000-character text', 'é'.repeat(1_000) + 'x'.repeat(1_000)],
  ])('round-trips %s', (_, value) => {
    const sealed = text.encrypt(value, 'signal-1');
    expect(text.decrypt(sealed, 'signal-1')).toBe(value);
  });

  it('serialises as v1.<keyId>.<iv>.<ciphertext>.<tag> in base64url, without the plaintext', () => {
    const sealed = text.encrypt(plaintext, 'signal-1');
    expect(sealed).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    expect(sealed.split('.')[1]).toBe(ring.currentId);
    expect(sealed).not.toContain('leidinggevende');
    expect(text.encrypt('', 'signal-1')).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.\.[A-Za-z0-9_-]{22}$/);
  });

  it('uses a random IV, so the same text encrypts differently each time', () => {
    const a = text.encrypt(plaintext, 'signal-1');
    const b = text.encrypt(plaintext, 'signal-1');
    expect(a).not.toBe(b);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('still decrypts a value sealed by an earlier build (labels and format are storage format)', () => {
    // Sealed once with master key Buffer.alloc(32, 7), purpose 'text', AAD 'signal-42'.
    const stored = 'v1.d954ec33.x3F_-eX1F8cArxpD.bAtAXaCZ.OqW54QGahQmgrluB_YrG-A';
    expect(masterKeyId(oldMaster)).toBe('d954ec33');
    expect(new FieldCipher(new KeyRing(oldMaster), 'text').decrypt(stored, 'signal-42')).toBe('golden');
  });

  describe('refuses tampering', () => {
    const sealed = text.encrypt(plaintext, 'signal-1');
    it.each([
      ['the iv', 2],
      ['the ciphertext', 3],
      ['the tag', 4],
    ])('of %s', (_, index) => {
      const failure = failureOf(() => text.decrypt(withPart(sealed, index, flipBit), 'signal-1'));
      expect(failure.reason).toBe('authentication-failed');
      expect(failure.message).toMatch(/failed authentication/);
    });

    it('of the key id', () => {
      const other = masterKeyId(oldMaster);
      expect(failureOf(() => text.decrypt(withPart(sealed, 1, () => other), 'signal-1')).reason).toBe('unknown-key');
      // Even a key id the ring does hold fails: the header is authenticated too.
      const both = new FieldCipher(new KeyRing(newMaster, [oldMaster]), 'text');
      expect(failureOf(() => both.decrypt(withPart(sealed, 1, () => other), 'signal-1')).reason).toBe(
        'authentication-failed',
      );
    });

    it('of the version', () => {
      const failure = failureOf(() => text.decrypt(withPart(sealed, 0, () => 'v2'), 'signal-1'));
      expect(failure.reason).toBe('unsupported-version');
    });

    it('by truncating or extending the ciphertext', () => {
      const shorter = withPart(sealed, 3, (p) => Buffer.from(p, 'base64url').subarray(1).toString('base64url'));
      const longer = withPart(sealed, 3, (p) => Buffer.concat([Buffer.from(p, 'base64url'), Buffer.of(0)]).toString('base64url'));
      expect(failureOf(() => text.decrypt(shorter, 'signal-1')).reason).toBe('authentication-failed');
      expect(failureOf(() => text.decrypt(longer, 'signal-1')).reason).toBe('authentication-failed');
    });
  });

  it.each([
    ['an empty string', ''],
    ['plaintext stored by mistake', plaintext],
    ['too few parts', 'v1.abcdef01.AAAA'],
    ['too many parts', 'v1.abcdef01.a.b.c.d'],
    ['a key id that is not 8 hex characters', 'v1.ABCDEF01.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['a short iv', 'v1.abcdef01.AAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA'],
    ['a short tag', 'v1.abcdef01.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAA'],
    ['characters outside base64url', 'v1.abcdef01.AAAAAAAAAAAAAAAA.AA+/.AAAAAAAAAAAAAAAAAAAAAA'],
    ['padded base64', 'v1.abcdef01.AAAAAAAAAAAAAAAA.AA==.AAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses malformed input: %s', (_, input) => {
    const failure = failureOf(() => text.decrypt(input, 'signal-1'));
    expect(failure.reason).toBe('malformed');
    expect(failure.message).toBe('sealed field is malformed');
  });

  it('binds a ciphertext to its record through the AAD', () => {
    const sealed = text.encrypt(plaintext, 'signal-1');
    expect(failureOf(() => text.decrypt(sealed, 'signal-2')).reason).toBe('authentication-failed');
    expect(() => text.encrypt(plaintext, '')).toThrow(/associated data/);
    expect(() => text.decrypt(sealed, '')).toThrow(/associated data/);
  });

  it('keeps purposes apart: text cannot be read as a reply route, nor the other way round', () => {
    const sealedText = text.encrypt(plaintext, 'signal-1');
    const sealedRoute = route.encrypt('{"conversation":{"id":"a:1"}}', 'signal-1');
    expect(failureOf(() => route.decrypt(sealedText, 'signal-1')).reason).toBe('authentication-failed');
    expect(failureOf(() => text.decrypt(sealedRoute, 'signal-1')).reason).toBe('authentication-failed');
    expect(deriveKey(newMaster, 'text').equals(deriveKey(newMaster, 'reply-route'))).toBe(false);
  });

  describe('key rotation', () => {
    const oldCipher = new FieldCipher(new KeyRing(oldMaster), 'text');
    const rotated = new FieldCipher(new KeyRing(newMaster, [oldMaster]), 'text');
    const sealedOld = oldCipher.encrypt(plaintext, 'signal-1');

    it('decrypts under a previous key and flags the value for rotation', () => {
      expect(keyIdOf(sealedOld)).toBe(masterKeyId(oldMaster));
      expect(rotated.decrypt(sealedOld, 'signal-1')).toBe(plaintext);
      expect(rotated.needsRotation(sealedOld)).toBe(true);
      expect(rotated.needsRotation(rotated.encrypt(plaintext, 'signal-1'))).toBe(false);
    });

    it('re-encrypts under the current key', () => {
      const resealed = rotated.reseal(sealedOld, 'signal-1');
      expect(keyIdOf(resealed)).toBe(masterKeyId(newMaster));
      expect(rotated.needsRotation(resealed)).toBe(false);
      expect(rotated.decrypt(resealed, 'signal-1')).toBe(plaintext);
      expect(keyIdOf(rotated.encrypt(rotated.decrypt(sealedOld, 'signal-1'), 'signal-1'))).toBe(ring.currentId);
    });

    it('fails with "unknown key" when the ring no longer holds the old key', () => {
      const failure = failureOf(() => text.decrypt(sealedOld, 'signal-1'));
      expect(failure.reason).toBe('unknown-key');
      expect(failure.message).toMatch(/unknown key/);
      expect(failure.message).toContain(masterKeyId(oldMaster));
    });
  });

  it('never puts the plaintext or key material in error messages', () => {
    const secret = 'Naam: Jansen, afdeling Inkoop, telefoon 0612345678';
    const sealed = text.encrypt(secret, 'signal-1');
    const oldSealed = new FieldCipher(new KeyRing(oldMaster), 'text').encrypt(secret, 'signal-1');
    const messages = [
      () => text.decrypt(sealed, 'signal-2'),
      () => route.decrypt(sealed, 'signal-1'),
      () => text.decrypt(withPart(sealed, 3, flipBit), 'signal-1'),
      () => text.decrypt(oldSealed, 'signal-1'),
      () => text.decrypt(secret, 'signal-1'),
      () => text.decrypt(`v9.${secret}`, 'signal-1'),
      () => text.decrypt(`v1.${secret}.a.b.c`, 'signal-1'),
    ].map((run) => failureOf(run).message);
    const forbidden = [secret, 'Jansen', '0612345678'];
    for (const key of [newMaster, oldMaster, deriveKey(newMaster, 'text'), deriveKey(newMaster, 'reply-route')]) {
      forbidden.push(key.toString('base64'), key.toString('base64url'), key.toString('hex'));
    }
    for (const message of messages) {
      for (const value of forbidden) expect(message).not.toContain(value);
    }
  });
});

describe('KeyRing', () => {
  it('identifies each master key by a stable 8-hex id', () => {
    expect(masterKeyId(newMaster)).toMatch(/^[0-9a-f]{8}$/);
    expect(masterKeyId(newMaster)).toBe(masterKeyId(Buffer.from(newMaster)));
    expect(masterKeyId(newMaster)).not.toBe(masterKeyId(oldMaster));
    expect(new KeyRing(newMaster, [oldMaster]).ids).toEqual([masterKeyId(newMaster), masterKeyId(oldMaster)]);
  });

  it('refuses keys that are not 32 bytes, without echoing them', () => {
    const short = Buffer.alloc(16, 0x41);
    expect(() => new KeyRing(short)).toThrow('SIGNAL_KEY must be 32 bytes');
    expect(() => new KeyRing(newMaster, [short])).toThrow('SIGNAL_KEY_PREVIOUS[0] must be 32 bytes');
  });

  it('accepts the current key repeated among the previous ones', () => {
    expect(new KeyRing(newMaster, [newMaster, oldMaster]).ids).toHaveLength(2);
  });

  it('shows no key material when inspected or serialised', () => {
    const both = new KeyRing(newMaster, [oldMaster]);
    const shown = `${JSON.stringify(both)} ${inspect(both, { depth: 5 })}`;
    for (const key of [newMaster, deriveKey(newMaster, 'text'), deriveKey(newMaster, 'reply-route')]) {
      expect(shown).not.toContain(key.toString('hex').slice(0, 16));
      expect(shown).not.toContain(key.toString('base64').slice(0, 16));
    }
  });
});

describe('developmentKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sv-dev-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates <dataDir>/dev-signal.key with mode 0600 and reuses it on the next call', () => {
    const dataDir = path.join(dir, 'nested', '.data');
    const first = developmentKey(dataDir, 'development');
    const file = path.join(dataDir, 'dev-signal.key');
    expect(first).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(developmentKey(dataDir, 'development').equals(first)).toBe(true);
    // Data sealed before a restart is readable after it.
    const sealed = new FieldCipher(new KeyRing(first), 'text').encrypt(plaintext, 'signal-1');
    const again = new FieldCipher(new KeyRing(developmentKey(dataDir, 'development')), 'text');
    expect(again.decrypt(sealed, 'signal-1')).toBe(plaintext);
  });

  it('refuses production, without touching the disk', () => {
    expect(() => developmentKey(dir, 'production')).toThrow(/must not be used in production/);
    expect(existsSync(path.join(dir, 'dev-signal.key'))).toBe(false);
  });

  it('refuses a damaged key file instead of replacing it', () => {
    const file = path.join(dir, 'dev-signal.key');
    writeFileSync(file, 'not a key\n', { mode: 0o600 });
    expect(() => developmentKey(dir, 'development')).toThrow(/does not hold a 32-byte base64 key/);
    expect(readFileSync(file, 'utf8')).toBe('not a key\n');
  });
});
