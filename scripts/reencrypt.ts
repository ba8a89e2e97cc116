import { ConfigError, loadConfig } from '../bot/src/config/config';
import { keyRingFrom } from '../bot/src/platform/crypto/signal-keys';
import { reencryptAll } from '../bot/src/reencrypt';
import { openDatabase } from '../bot/src/platform/database/open-database';

/**
 * `npm run reencrypt`: after a key rotation (the new key in SIGNAL_KEY, the old one in SIGNAL_KEY_PREVIOUS),
 * reseals every sealed value under the new key. Reads the same settings as the service; prints counts only.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const ring = keyRingFrom(config);
  const db = await openDatabase(config.storage);
  try {
    const result = await reencryptAll(db, ring);
    process.stdout.write(`${JSON.stringify({ event: 'reencrypt.done', currentKey: ring.currentId, ...result })}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `reencrypt failed: ${error.name}`}\n`);
  process.exit(1);
});
