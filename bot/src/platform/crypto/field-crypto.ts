import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_ID_PATTERN, type KeyPurpose, type KeyRing } from './signal-keys';

/**
 * Encryption at rest for single fields: free text (signal descriptions, messages) and sealed reply
 * routes. AES-256-GCM with a random 12-byte IV and a 16-byte tag, serialised as one text value
 *
 *   v1.<keyId>.<base64url iv>.<base64url ciphertext>.<base64url tag>
 *
 * so it fits a `text` column on PGlite and PostgreSQL alike. The caller's AAD (e.g. the signal id)
 * binds a ciphertext to its row: copied to another row, it no longer decrypts.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type FieldCryptoFailure = 'malformed' | 'unsupported-version' | 'unknown-key' | 'authentication-failed';

/**
 * Why decryption failed. Messages never contain the sealed value, plaintext or key material: a
 * "sealed" value may well be plaintext stored by mistake, and errors end up in logs.
 */
export class FieldCryptoError extends Error {
  constructor(
    readonly reason: FieldCryptoFailure,
    message: string,
  ) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}

interface Sealed {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** Strict base64url: lenient decoders accept junk, which would make tampering harder to see. */
function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parse(sealed: string): Sealed {
  const malformed = () => new FieldCryptoError('malformed', 'sealed field is malformed');
  if (typeof sealed !== 'string') throw malformed();
  const parts = sealed.split('.');
  if (parts.length !== 5) throw malformed();
  const [version, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  if (version !== VERSION) {
    throw new FieldCryptoError('unsupported-version', `sealed field has an unsupported format version (expected ${VERSION})`);
  }
  if (!KEY_ID_PATTERN.test(keyId)) throw malformed();
  const parsed = { keyId, iv: decodeBase64url(iv), ciphertext: decodeBase64url(ciphertext), tag: decodeBase64url(tag) };
  if (parsed.iv?.length !== IV_BYTES || parsed.tag?.length !== TAG_BYTES || !parsed.ciphertext) throw malformed();
  return { keyId, iv: parsed.iv, ciphertext: parsed.ciphertext, tag: parsed.tag };
}

/** The id of the master key a sealed value was encrypted under; for rotation jobs. */
export function keyIdOf(sealed: string): string {
  return parse(sealed).keyId;
}

export class FieldCipher {
  constructor(
    private readonly ring: KeyRing,
    readonly purpose: KeyPurpose,
  ) {}

  encrypt(plaintext: string, aad: string): string {
    const keyId = this.ring.currentId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.ring.currentKey(this.purpose), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.associatedData(keyId, aad));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
  }

  decrypt(sealed: string, aad: string): string {
    const { keyId, iv, ciphertext, tag } = parse(sealed);
    const key = this.ring.key(keyId, this.purpose);
    if (!key) {
      throw new FieldCryptoError(
        'unknown-key',
        `sealed field names unknown key ${keyId}: it is neither SIGNAL_KEY nor one of SIGNAL_KEY_PREVIOUS`,
      );
    }
    const associatedData = this.associatedData(keyId, aad);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // GCM does not say which: altered, moved to another row (AAD), or sealed for another purpose.
      throw new FieldCryptoError(
        'authentication-failed',
        `sealed ${this.purpose} field failed authentication: altered, or sealed for another record or purpose`,
      );
    }
  }

  /** True when `sealed` is not under the current key, so a rotation job should reseal it. */
  needsRotation(sealed: string): boolean {
    return keyIdOf(sealed) !== this.ring.currentId;
  }

  /** Decrypts under whichever key `sealed` names and encrypts again under the current key. */
  reseal(sealed: string, aad: string): string {
    return this.encrypt(this.decrypt(sealed, aad), aad);
  }

  /**
   * Beside the caller's AAD, authenticate the header and purpose too, so no field of the serialised
   * form can be changed unnoticed. The caller must bind to something: an empty AAD is refused.
   */
  private associatedData(keyId: string, aad: string): Buffer {
    if (typeof aad !== 'string' || aad.length === 0) {
      throw new TypeError('field encryption needs associated data (e.g. the record id)');
    }
    return Buffer.from(`${VERSION}.${keyId}.${this.purpose}\n${aad}`, 'utf8');
  }
}
