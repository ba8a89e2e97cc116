import path from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../bot/src/platform/project-root';
import { loadMigrations } from '../../bot/src/platform/database/migrate';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { EntraStandIn } from '../support/entra-stand-in';
import { RoundRobinProxy } from '../support/round-robin-proxy';
import { chatLabels, type DayOptions, type DayOutcome, deliveriesOf, finalInvitations, queryableOf, runScriptedDay } from '../support/scripted-day';
import { type ServiceProcess, startServiceProcess } from '../support/service-process';
import { tempPostgres, postgresDescribe } from '../support/storages';
import { nextTuesday } from '../support/workshop-steps';

jest.setTimeout(120_000);

/**
 * Scale-out (issue 7, item 5): the same scripted day, once against one service process and once against two
 * behind a round-robin proxy, each on a fresh PostgreSQL database, ends the same: the same rows, the same
 * messages to the same people, each once, the migrations applied once. Needs PostgreSQL: replicas share it.
 */
const describeWithPostgres = postgresDescribe('Scale-out day');

const SIGNAL_KEY = Buffer.alloc(32, 5);

/** Rows that say nothing about the outcome, only about timing: left out of the comparison. */
const LEFT_OUT: Readonly<Record<string, string>> = {
  delivery_pace: 'when the next send to a conversation may go: timing, not outcome',
  service_processes: 'the processes that ran (one or two) and when they were last alive, not outcome',
};

/** Tables compared by a figure, not row by row: their rows hold hashes and clock windows. */
const AGGREGATED: Readonly<Record<string, string>> = {
  handled_activities: 'SELECT count(*)::text AS n FROM handled_activities',
  rate_limits: 'SELECT scope, sum(hits)::text AS hits FROM rate_limits GROUP BY scope',
};

/** Columns compared by what they mean rather than their value. */
const COLUMN_AS: Readonly<Record<string, string>> = {
  // Place in the workshop's queue (the waiting list's order), not the sequence number behind it.
  'registrations.queue_order': 'rank() OVER (PARTITION BY workshop_id ORDER BY queue_order)::text',
  // A message's place among all messages (one sequence): its rank within its signal is what the day decides.
  'signal_messages.seq': 'rank() OVER (PARTITION BY signal_id ORDER BY seq)::text',
};

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

interface RunResult {
  outcome: DayOutcome;
  database: Record<string, string[]>;
  deliveries: Record<string, number>;
  invitations: Record<string, string>;
  migrations: { rows: number; versions: number; files: number };
  served: number[];
  refusedByConnector: number;
  turnsRepliedTwice: number;
  seconds: number;
}

describeWithPostgres('a scripted day on one process and on two behind a round-robin proxy', () => {
  const entra = new EntraStandIn();
  beforeAll(() => entra.start());
  afterAll(() => entra.stop());

  it('ends the same: every domain table, every delivery once, migrations applied once, both processes serving', async () => {
    // The same moments for both runs, a week apart, so the pool is never booked twice at once.
    const moments = [nextTuesday('10:00', 3), nextTuesday('13:30', 10), nextTuesday('10:00', 17)] as const;
    const one = await runDay(1, moments);
    const two = await runDay(2, moments);

    expect(two.database).toEqual(one.database);
    expect(two.deliveries).toEqual(one.deliveries);
    expect(two.invitations).toEqual(one.invitations);
    expect(two.outcome.insights).toEqual(one.outcome.insights);
    expect(two.outcome.figures).toEqual(one.outcome.figures);

    for (const run of [one, two]) {
      // Every proactive message once (none lost: the day waited for each), and one reply to every turn.
      expect(Object.entries(run.deliveries).filter(([key, n]) => !key.includes('| reply: ') && n !== 1)).toEqual([]);
      expect(run.turnsRepliedTwice).toBe(0);
      expect(run.refusedByConnector).toBe(0);
      expect(run.migrations).toEqual({ rows: run.migrations.files, versions: run.migrations.files, files: run.migrations.files });
      // Nothing left to send, nothing given up on.
      expect(run.database.outbox).toEqual([]);
    }
    // The day really happened: signals, seats, a waiting list that moved up, reminders, answers.
    expect(one.outcome.figures).toMatchObject({ 'signals raised': 18, 'workshops planned': 3, registered: 13, 'waiting list': 4, promoted: 3, 'reminders expected': 26 });
    expect(Object.keys(one.deliveries).filter((k) => k.includes('| reminder-')).length).toBe(26);
    expect(Object.keys(one.deliveries).filter((k) => k.includes('| promoted |')).length).toBe(3);
    // Every answer a counsellor queued reached its reporter, once.
    expect(one.outcome.figures['answers queued']).toBeGreaterThan(5);
    expect(Object.keys(one.deliveries).filter((k) => k.includes('| signal-answer |')).length).toBe(one.outcome.figures['answers queued']);

    // The proxy alternated: one process served everything in the first run; two shared the second evenly.
    expect(one.served).toHaveLength(1);
    expect(two.served).toHaveLength(2);
    expect(Math.min(...two.served)).toBeGreaterThan(0);
    expect(Math.abs(two.served[0]! - two.served[1]!)).toBeLessThanOrEqual(1);

    const rows = (r: RunResult) => Object.values(r.database).reduce((sum, t) => sum + t.length, 0);
    process.stdout.write(
      `scale-out day: ${one.served[0]} requests; 1 process ${one.seconds.toFixed(1)} s, 2 processes ${two.seconds.toFixed(1)} s ` +
        `(served ${two.served.join(' + ')}); ${rows(one)} rows in ${Object.keys(one.database).length} tables equal; ` +
        `${Object.values(one.deliveries).reduce((a, b) => a + b, 0)} deliveries to ${new Set(Object.keys(one.deliveries).map((k) => k.split(' | ')[0])).size} recipients equal, each once\n`,
    );
  });

  async function runDay(processes: number, moments: DayOptions['moments']): Promise<RunResult> {
    const store = await tempPostgres();
    const url = (store.storage as { url: string }).url;
    const connector = await new ConnectorStandIn().start();
    const db = new Client({ connectionString: url });
    const services: ServiceProcess[] = [];
    let proxy: RoundRobinProxy | undefined;
    try {
      const env = {
        DATABASE_URL: url,
        SIGNAL_KEY: SIGNAL_KEY.toString('base64'),
        OUTBOX_POLL_MS: '200',
        ...entra.tabEnv,
      };
      // Started together on an empty database: the migrations meet, as replicas' do.
      services.push(...(await Promise.all(Array.from({ length: processes }, () => startServiceProcess(env)))));
      proxy = await new RoundRobinProxy(services.map((s) => s.port)).start();
      await db.connect();
      const queryable = queryableOf(db);
      const t0 = performance.now();
      const outcome = await runScriptedDay({ baseUrl: proxy.url, connector, db: queryable, entra, signalKey: SIGNAL_KEY }, { round: 'day', moments });
      const seconds = (performance.now() - t0) / 1000;
      // A message sent twice would come right after the first: give it the chance.
      await new Promise((r) => setTimeout(r, 1000));

      const replace = replacer(outcome.labels, connector);
      const files = (await loadMigrations(path.join(projectRoot(), 'dist', 'bot', 'src', 'platform', 'database', 'migrations'))).length;
      const migrations = (await db.query<{ rows: number; versions: number }>('SELECT count(*)::int AS rows, count(DISTINCT version)::int AS versions FROM schema_migrations')).rows[0]!;
      return {
        outcome: { ...outcome, insights: JSON.parse(replace(JSON.stringify(outcome.insights))) },
        database: await databaseSummary(db, replace),
        deliveries: deliveriesOf(connector, outcome.labels),
        invitations: Object.fromEntries(Object.entries(finalInvitations(connector)).map(([k, v]) => [replace(k), replace(v)])),
        migrations: { ...migrations, files },
        served: [...proxy.served],
        refusedByConnector: connector.log.filter((r) => r.status >= 300).length,
        turnsRepliedTwice: repliedTwice(connector),
        seconds,
      };
    } finally {
      await Promise.all(services.map((s) => s.stop()));
      await proxy?.stop();
      await db.end().catch(() => undefined);
      await connector.stop();
      await store.dispose();
    }
  }
});

/** Turns that got more than one reply: a turn run twice (by two replicas) would. */
function repliedTwice(connector: ConnectorStandIn): number {
  const replies = new Map<string, number>();
  for (const r of connector.received) if (r.replyToId) replies.set(r.replyToId, (replies.get(r.replyToId) ?? 0) + 1);
  return [...replies.values()].filter((n) => n > 1).length;
}

/**
 * Text with the run's own ids replaced by the day's labels: the connector's address, the opened chats, and the
 * ids the services made. With `anyUuid`, every other uuid too (jsonb documents carry random activity ids);
 * without, other uuids stay, as seeded people and tenants are the same in every run.
 */
function replacer(labels: ReadonlyMap<string, string>, connector: ConnectorStandIn): (text: string, anyUuid?: boolean) => string {
  const chats = chatLabels(connector);
  const base = connector.serviceUrl;
  return (text, anyUuid = true) =>
    text
      .split(base)
      .join('<connector>/')
      .replace(/a:created-\d+/g, (id) => chats.get(id) ?? id)
      .replace(UUID, (id) => labels.get(id) ?? (anyUuid ? '<uuid>' : id));
}

/**
 * Every domain table as a sorted list of its rows, each row's columns as text: timestamps, byte strings and
 * sealed values only as present or absent (their values differ by construction), the ids the services made by
 * the day's labels or as "<uuid>".
 */
async function databaseSummary(db: Client, replace: (text: string, anyUuid?: boolean) => string): Promise<Record<string, string[]>> {
  const { rows: columns } = await db.query<{ table: string; column: string; type: string }>(
    `SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
     FROM information_schema.columns c JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, Array<{ column: string; expression: string; made: boolean }>>();
  for (const c of columns) {
    if (c.table in LEFT_OUT || c.table in AGGREGATED) continue;
    const presence = /^(timestamp|bytea)/.test(c.type) || c.column.endsWith('_sealed');
    const expression = COLUMN_AS[`${c.table}.${c.column}`] ?? (presence ? `CASE WHEN "${c.column}" IS NULL THEN 'null' ELSE 'set' END` : `"${c.column}"::text`);
    tables.set(c.table, [...(tables.get(c.table) ?? []), { column: c.column, expression, made: c.type === 'uuid' || c.type === 'jsonb' }]);
  }
  const summary: Record<string, string[]> = {};
  for (const [table, cols] of tables) {
    const { rows } = await db.query(`SELECT ${cols.map((c) => `${c.expression} AS "${c.column}"`).join(', ')} FROM "${table}"`);
    summary[table] = rows.map((row) => cols.map((c) => `${c.column}=${replace(String(row[c.column] ?? 'null'), c.made)}`).join(' ')).sort();
  }
  for (const [table, sql] of Object.entries(AGGREGATED)) {
    summary[table] = (await db.query(sql)).rows.map((row) => Object.entries(row).map(([k, v]) => `${k}=${v}`).join(' ')).sort();
  }
  return summary;
}
