import type { Database } from '../database/database';
import type { CountedAttempt } from './rate-limits';

/**
 * One entry of a shared call of `admit_attempts` (migration 022): an attempt counted against a limit (when it has a
 * scope), and an activity claimed (when it has a key).
 */
export type AdmitEntry = { scope: string | null; subject: Buffer | null; windowSeconds: number | null; hits: number | null; key: Buffer | null };

/**
 * Admits a batch in one call, its entries sorted by scope, subject and key: every batch, on any replica, then takes
 * its row locks in one order, so two batches never wait for each other in a circle. Each entry locks its count's row,
 * then its claim's; this holds because an activity key always comes with the same scope and subject (one activity is
 * one person's turn of one kind, admitted or only claimed, never both). Results come back in the entries' order.
 */
export async function admitTogether(db: Database, entries: AdmitEntry[], owner: string | null): Promise<CountedAttempt[]> {
  const order = entries.map((_, i) => i).sort((a, b) => compareEntries(entries[a]!, entries[b]!));
  const sorted = order.map((i) => entries[i]!);
  const { rows } = await db.query<CountedAttempt & { n: number }>(
    'SELECT n, counted_hits, previous_hits, elapsed_seconds, allowed, claimed FROM admit_attempts($1, $2, $3, $4, $5, $6)',
    [sorted.map((e) => e.scope), sorted.map((e) => e.subject), sorted.map((e) => e.windowSeconds), sorted.map((e) => e.hits), sorted.map((e) => e.key), owner],
  );
  if (rows.length !== entries.length) throw new Error(`admit_attempts answered ${rows.length} of ${entries.length} entries`);
  const results: CountedAttempt[] = new Array(entries.length);
  for (const { n, ...counted } of rows) results[order[n - 1]!] = counted;
  return results;
}

function compareEntries(a: AdmitEntry, b: AdmitEntry): number {
  const [sa, sb] = [a.scope ?? '', b.scope ?? ''];
  if (sa !== sb) return sa < sb ? -1 : 1;
  const subject = Buffer.compare(a.subject ?? EMPTY, b.subject ?? EMPTY);
  return subject !== 0 ? subject : Buffer.compare(a.key ?? EMPTY, b.key ?? EMPTY);
}

const EMPTY = Buffer.alloc(0);
