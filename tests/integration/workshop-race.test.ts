import { Client } from 'pg';
import { nl } from '../support/strings';
import { cardAction, mention } from '../support/activities';
import { textsOf } from '../support/card-reading';
import type { ServiceProcess } from '../support/service-process';
import { useTwoProcesses } from '../support/two-processes';
import { postgresDescribe } from '../support/storages';
import { nextTuesday } from '../support/workshop-steps';

jest.setTimeout(180_000);

const REGISTRATIONS = 200;
const SEATS = 8;

/**
 * Capacity is decided in the database: two real service processes on one PostgreSQL take 200
 * registrations at once for 8 seats. Needs PostgreSQL (PGlite is one process's database).
 */
const describeWithPostgres = postgresDescribe('Capacity race');

describeWithPostgres('200 simultaneous registrations for 8 seats through two processes on one PostgreSQL', () => {
  const race = useTwoProcesses();

  it('gives exactly 8 seats and 192 places on the waiting list, in order, nobody twice', async () => {
    const [a, b] = race.services as [ServiceProcess, ServiceProcess];
    const channel = { serviceUrl: race.connector.serviceUrl, conversationId: '19:race@thread.tacv2', conversationType: 'channel' as const, userId: '29:manager', aadObjectId: 'aad-manager' };
    await race.post(a.port, mention(channel, 'workshop plannen'));
    await race.connector.until(() => race.connector.received.length >= 1);
    const openForm = (race.connector.received[0]!.activity.attachments![0]!.content as any).actions[0];
    const form = await race.post(a.port, cardAction(channel, openForm.verb, openForm.data));
    const plan = form.body.value.actions.find((x: any) => x.verb === 'workshop.plan');
    const planned = await race.post(a.port, cardAction(channel, 'workshop.plan', { ...plan.data, ...nextTuesday(), location: 'https://teams.microsoft.com/l/meetup-join/race', audience: 'medewerkers', seats: String(SEATS), language: 'nl' }));
    const workshopId = planned.body.value.actions.find((x: any) => x.verb === 'workshop.register').data.workshopId as string;

    const started = performance.now();
    const replies = await Promise.all(
      Array.from({ length: REGISTRATIONS }, (_, i) =>
        race.post(i % 2 === 0 ? a.port : b.port, cardAction({ ...channel, userId: `29:p${i}`, aadObjectId: `aad-p${i}` }, 'workshop.register', { workshopId, version: 1 })),
      ),
    );
    const seconds = (performance.now() - started) / 1000;

    expect(replies.every((r) => r.status === 200 && r.body.statusCode === 200)).toBe(true);
    const texts = replies.map((r) => textsOf(r.body.value));
    const seated = texts.filter((t) => t.includes(nl.workshop.outcomes.aangemeld));
    const positions = texts
      .map((t) => /wachtlijst, plaats (\d+)\. Komt/.exec(t)?.[1])
      .filter((p): p is string => p !== undefined)
      .map(Number)
      .sort((x, y) => x - y);
    expect(seated).toHaveLength(SEATS);
    // Every place on the list told to exactly one person: 1, 2, …, 192.
    expect(positions).toEqual(Array.from({ length: REGISTRATIONS - SEATS }, (_, i) => i + 1));

    const db = new Client({ connectionString: race.url() });
    await db.connect();
    try {
      const rows = (await db.query<{ aad_object_id: string; status: string }>('SELECT aad_object_id, status FROM registrations WHERE workshop_id = $1 ORDER BY queue_order', [workshopId])).rows;
      expect(rows).toHaveLength(REGISTRATIONS);
      expect(new Set(rows.map((r) => r.aad_object_id)).size).toBe(REGISTRATIONS);
      // The first 8 in the database's order hold the seats; everyone after them waits.
      expect(rows.slice(0, SEATS).every((r) => r.status === 'aangemeld')).toBe(true);
      expect(rows.slice(SEATS).every((r) => r.status === 'wachtlijst')).toBe(true);
      const migrations = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      const distinct = await db.query<{ n: number }>('SELECT count(DISTINCT version)::int AS n FROM schema_migrations');
      expect(migrations.rows[0]!.n).toBe(distinct.rows[0]!.n);
    } finally {
      await db.end();
    }
    // Both processes run the scheduler: each due reminder still reaches each registered person once.
    race.connector.clear();
    const admin = new Client({ connectionString: race.url() });
    await admin.connect();
    try {
      await admin.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 second' WHERE workshop_id = $1 AND kind IN ('reminder-day', 'reminder-hour')`, [workshopId]);
    } finally {
      await admin.end();
    }
    const reminders = () => race.connector.received.filter((r) => /Herinnering/.test(textsOf(r.activity.attachments?.[0]?.content)));
    await race.connector.until(() => reminders().length >= 2 * SEATS, 15_000);
    await new Promise((r) => setTimeout(r, 1000));
    // Each reminder opened a 1:1 chat with its person (none had chatted with the bot): count per person and kind.
    const memberOf = new Map(race.connector.created.map((c) => [c.id, c.members[0]!.id]));
    const sends = reminders().map((r) => `${memberOf.get(r.conversationId)} ${textsOf(r.activity.attachments![0]!.content).includes('morgen') ? 'day' : 'hour'}`);
    expect(sends).toHaveLength(2 * SEATS);
    expect(new Set(sends).size).toBe(2 * SEATS);
    expect(new Set(sends.map((s) => s.split(' ')[0])).size).toBe(SEATS);

    process.stdout.write(`capacity race: ${REGISTRATIONS} registrations through 2 processes in ${seconds.toFixed(2)} s: ${seated.length} registered, ${positions.length} waiting, 0 twice\n`);
  });
});
