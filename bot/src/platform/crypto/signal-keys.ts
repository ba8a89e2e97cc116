import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Keys for encryption at rest, all derived from the one master SIGNAL_KEY.
 *
 * Each purpose gets its own key (HKDF with a distinct info string), so a ciphertext of one purpose never
 * decrypts as another and a key handed to one part of the code opens only its own kind of data. All of
 * them derive from the one SIGNAL_KEY: whoever holds it and the database can open everything, reply
 * routes included. Keeping reply routes from such an operator would need a second secret.
 *
 * Changing any label below makes all stored data unreadable: they are part of the storage format.
 */

/**
 * text, reply-route and sealed-case-code seal data (AES-256-GCM); case-code keys the HMAC by which case codes are
 * found (sealed-case-code seals the code itself, for the handler's desk: a key of its own, so the HMAC key never
 * doubles as an encryption key); pseudonym keys the hashes that stand in for ids in counters (rate limits), which
 * hold no identifier; envelope seals what waits for the mixer (see domain/mixing).
 */
export type KeyPurpose = 'text' | 'reply-route' | 'case-code' | 'sealed-case-code' | 'pseudonym' | 'envelope';
const PURPOSES: readonly KeyPurpose[] = ['text', 'reply-route', 'case-code', 'sealed-case-code', 'pseudonym', 'envelope'];

export const MASTER_KEY_BYTES = 32;

const HKDF_SALT = 'sociaal-veilig/signal-key/v1';
const HKDF_INFO: Readonly<Record<KeyPurpose, string>> = {
  text: 'sociaal-veilig/v1/text',
  'reply-route': 'sociaal-veilig/v1/reply-route',
  'case-code': 'sociaal-veilig/v1/case-code',
  'sealed-case-code': 'sociaal-veilig/v1/sealed-case-code',
  pseudonym: 'sociaal-veilig/v1/pseudonym',
  envelope: 'sociaal-veilig/v1/envelope',
};
const KEY_ID_LABEL = 'sociaal-veilig/v1/key-id\0';

/** A key id is 8 lowercase hex characters; ciphertexts name the master key they were sealed under. */
export const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;

function assertMasterKey(master: Buffer, what: string): void {
  // The message names the problem, never the bytes.
  if (!Buffer.isBuffer(master) || master.length !== MASTER_KEY_BYTES) {
    throw new Error(`${what} must be ${MASTER_KEY_BYTES} bytes`);
  }
}

/**
 * Identifies a master key without revealing it: a labelled hash, so the id is not a prefix of any
 * hash someone might compute over the raw key elsewhere. 32 bits tells a handful of keys apart.
 */
export function masterKeyId(master: Buffer): string {
  assertMasterKey(master, 'signal key');
  return createHash('sha256').update(KEY_ID_LABEL).update(master).digest('hex').slice(0, 8);
}

/** The AES-256 key for one purpose. */
export function deriveKey(master: Buffer, purpose: KeyPurpose): Buffer {
  assertMasterKey(master, 'signal key');
  return Buffer.from(hkdfSync('sha256', master, HKDF_SALT, HKDF_INFO[purpose], 32));
}

type DerivedKeys = Record<KeyPurpose, Buffer>;

/**
 * The current master key plus the previous ones (key rotation): new data is sealed under the
 * current key; old data stays readable until a rotation job has resealed it.
 * Only derived keys are kept, in a private field, so logging the ring shows no key material.
 */
export class KeyRing {
  readonly currentId: string;
  readonly #keys = new Map<string, DerivedKeys>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    assertMasterKey(current, 'SIGNAL_KEY');
    previous.forEach((key, i) => assertMasterKey(key, `SIGNAL_KEY_PREVIOUS[${i}]`));
    this.currentId = masterKeyId(current);
    for (const master of [current, ...previous]) {
      const id = masterKeyId(master);
      const derived = Object.fromEntries(PURPOSES.map((p) => [p, deriveKey(master, p)])) as DerivedKeys;
      const known = this.#keys.get(id);
      if (known) {
        // The same key listed twice is harmless; two different keys with one id would be ambiguous.
        if (!known.text.equals(derived.text)) throw new Error(`two signal keys share key id ${id}; generate a new key`);
        continue;
      }
      this.#keys.set(id, derived);
    }
  }

  /** Ids of all keys this ring can decrypt with, current first. */
  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  has(id: string): boolean {
    return this.#keys.has(id);
  }

  /** The key for `purpose` under master key `id`, or undefined if this ring does not hold it. */
  key(id: string, purpose: KeyPurpose): Buffer | undefined {
    return this.#keys.get(id)?.[purpose];
  }

  /** Every key of the ring for `purpose`, current first: a look-up of what an earlier key made tries them all. */
  keysFor(purpose: KeyPurpose): Buffer[] {
    return [...this.#keys.values()].map((keys) => keys[purpose]);
  }

  /** The current key for `purpose`: everything new is sealed with it. */
  currentKey(purpose: KeyPurpose): Buffer {
    const key = this.key(this.currentId, purpose);
    if (!key) throw new Error('key ring has no current key');
    return key;
  }
}

/** A keyed hash of an identifier under the current key: the same id gives the same pseudonym until a rotation. */
export function pseudonymOf(ring: KeyRing, subject: string): Buffer {
  return createHmac('sha256', ring.currentKey('pseudonym')).update(subject).digest();
}

export const DEVELOPMENT_KEY_FILE = 'dev-signal.key';

/**
 * For development and tests without SIGNAL_KEY: a random key kept in `<dataDir>/dev-signal.key`
 * (mode 0600), so local data stays readable across restarts. Never in production, where a key
 * beside the data would defeat encryption at rest; config already requires SIGNAL_KEY there.
 */
export function developmentKey(dataDir: string, mode: KeySettings['mode']): Buffer {
  if (mode === 'production') {
    throw new Error('the development signal key must not be used in production; set SIGNAL_KEY');
  }
  const file = path.join(dataDir, DEVELOPMENT_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(MASTER_KEY_BYTES);
  try {
    // 'wx': never overwrite an existing key, which would make the local data unreadable. A umask
    // can only narrow mode 0600.
    writeFileSync(file, `${fresh.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new Error(`${file} does not hold a ${MASTER_KEY_BYTES}-byte base64 key; restore it, or remove it and the local data`);
  }
  return key;
}

/** The service's key ring from its settings: SIGNAL_KEY (else the development key) and the previous keys. */
/** The settings the keys come from (bot/src/config reads them from the environment). */
export interface KeySettings {
  mode: 'development' | 'production';
  signalKey?: Buffer;
  signalKeyPrevious: Buffer[];
  dataDir: string;
}

export function keyRingFrom(config: KeySettings): KeyRing {
  return new KeyRing(config.signalKey ?? developmentKey(config.dataDir, config.mode), config.signalKeyPrevious);
}
