import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/** Data directories this process holds; a lock naming our pid but not listed here is left from before a restart. */
const heldHere = new Set<string>();

interface LockOwner {
  pid: number;
  host: string;
}

/**
 * PGlite is a single-process database: two processes on one data directory corrupt it. A lock file
 * naming the owner (pid and host) refuses a second opener, this process included. A lock whose owner
 * is gone is taken over by renaming it away first: of two starters, only one rename succeeds.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'sociaal-veilig.lock');
  const key = path.resolve(dataDir);
  const me: LockOwner = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx' });
      heldHere.add(key);
      return async () => {
        heldHere.delete(key);
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readOwner(file);
      if (owner && isLive(owner, key)) {
        throw new Error(`DATA_DIR ${dataDir} is in use by process ${owner.pid} on ${owner.host}; stop it or choose another DATA_DIR`);
      }
      const stale = `${file}.stale-${randomBytes(4).toString('hex')}`;
      if (await rename(file, stale).then(() => true, () => false)) await rm(stale, { force: true });
    }
  }
  throw new Error(`Could not lock DATA_DIR ${dataDir}`);
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : undefined;
  } catch {
    // Half-written (its writer is between create and write) or from an older version: treat as live for now.
    return { pid: -1, host: 'unknown' };
  }
}

function isLive(owner: LockOwner, key: string): boolean {
  if (owner.pid === -1) return true;
  // Another host sharing the directory (a network drive): we cannot see its processes, so never take over.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return heldHere.has(key);
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
