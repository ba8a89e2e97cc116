import type { Database } from '../../bot/src/platform/database/database';

/**
 * Tables whose rows move with every request, whatever the request asked, and so are left out of "nothing
 * changed". Nothing else is: a refused input that touches any other table has changed something.
 */
const BOOKKEEPING_TABLES: Readonly<Record<string, string>> = {
  // Each message activity claims its id here, so a repeated delivery by Teams is recognised.
  handled_activities: 'de-duplication of activity ids',
  // Every turn, code look-up and API call is counted against its limit, refused or not.
  rate_limits: 'abuse limits count every request',
  // Each running process says every few seconds that it is alive (its claims above hold while it does).
  service_processes: 'a process alive, renewed on a timer',
};

/** Per domain table: how many rows, and an md5 over all of them in a fixed order. */
export type Fingerprint = Record<string, string>;

export async function domainTables(db: Database): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.name).filter((name) => !(name in BOOKKEEPING_TABLES));
}

/** One query for every table, so it can run before and after each fuzz case. */
export function fingerprinter(db: Database, tables: readonly string[]): () => Promise<Fingerprint> {
  const sql = tables
    .map((name) => `SELECT '${name}' AS name, count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS print FROM "${name}" t`)
    .join(' UNION ALL ');
  return async () => {
    const { rows } = await db.query<{ name: string; print: string }>(sql);
    return Object.fromEntries(rows.map((r) => [r.name, r.print]));
  };
}

/** The tables whose fingerprint differs, each with its row counts: empty when nothing changed. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const rows = (print: string | undefined) => print?.split(':')[0] ?? '0';
  return Object.keys({ ...before, ...after })
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name} (${rows(before[name])} → ${rows(after[name])} rows)`);
}

/** Every row of every table (bookkeeping too) as text, for asserting that a value is stored nowhere. */
export async function everyRowAsText(db: Database): Promise<string> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await db.query<{ t: string }>(`SELECT t::text AS t FROM "${name}" t`);
    parts.push(...rows.map((r) => `${name}: ${r.t}`));
  }
  return parts.join('\n');
}
