import { Client } from 'pg';
import { nl } from '../support/strings';
import { format } from '../../bot/src/platform/i18n/locale';
import { cardAction, mention } from '../support/activities';
import { textsOf } from '../support/card-reading';
import type { ServiceProcess } from '../support/service-process';
import { useTwoProcesses } from '../support/two-processes';
import { postgresDescribe } from '../support/storages';
import { nextTuesday } from '../support/workshop-steps';

jest.setTimeout(180_000);

const PEOPLE = 200;
const SEATS = 8;

/**
 * A session's capacity is decided in the database, as a workshop's: two real service processes on one PostgreSQL
 * take 200 choices at once for a session of 8 seats, while each person also takes a seat in round 2. Needs
 * PostgreSQL (PGlite is one process's database).
 */
const describeWithPostgres = postgresDescribe('Session capacity race');

describeWithPostgres('200 simultaneous choices for a session of 8 seats through two processes on one PostgreSQL', () => {
  const race = useTwoProcesses();

  it('gives exactly 8 seats and 192 places on the list, in order, and one session per round to each', async () => {
    const [a, b] = race.services as [ServiceProcess, ServiceProcess];
    const channel = { serviceUrl: race.connector.serviceUrl, conversationId: '19:race-programme@thread.tacv2', conversationType: 'channel' as const, userId: '29:organiser', aadObjectId: 'aad-organiser' };
    await race.post(a.port, mention(channel, 'bijeenkomst plannen'));
    await race.connector.until(() => race.connector.received.length >= 1);
    const openForm = (race.connector.received[0]!.activity.attachments![0]!.content as any).actions[0];
    const form = await race.post(a.port, cardAction(channel, openForm.verb, openForm.data));
    const plan = form.body.value.actions.find((x: any) => x.verb === 'programme.plan');
    const planned = await race.post(
      a.port,
      cardAction(channel, 'programme.plan', {
        ...plan.data,
        title: 'Netwerkbijeenkomst',
        date: nextTuesday().date,
        location: 'Utrecht',
        audiences: 'leidinggevenden,coordinatoren',
        language: 'nl',
        r1From: '13:00',
        r1To: '14:00',
        r1s1Title: 'Eén sociaal loket',
        r1s1Seats: String(SEATS),
        r1s2Title: 'Met andere ogen',
        r1s2Seats: '10',
        r2From: '14:30',
        r2To: '15:30',
        r2s1Title: 'Een kijkje in de keuken',
        r2s1Seats: '200',
      }),
    );
    const programmeId = planned.body.value.actions.find((x: any) => x.verb === 'programme.choose').data.programmeId as string;
    const db = new Client({ connectionString: race.url() });
    await db.connect();
    try {
      const sessions = (await db.query<{ id: string }>('SELECT id FROM workshops WHERE programme_id = $1 ORDER BY round, session_number', [programmeId])).rows.map((r) => r.id);
      const [loket, , keuken] = sessions as [string, string, string];

      const started = performance.now();
      const replies = await Promise.all(
        Array.from({ length: PEOPLE }, (_, i) =>
          race.post(i % 2 === 0 ? a.port : b.port, cardAction({ ...channel, userId: `29:p${i}`, aadObjectId: `aad-p${i}` }, 'programme.choose', { programmeId, version: 1, round1: loket, round2: keuken })),
        ),
      );
      const seconds = (performance.now() - started) / 1000;

      expect(replies.every((r) => r.status === 200 && r.body.statusCode === 200)).toBe(true);
      const texts = replies.map((r) => textsOf(r.body.value));
      const seated = texts.filter((t) => t.includes(`${format(nl.programme.outcomes.aangemeld, { round: 1 })} ${format(nl.programme.outcomes.aangemeld, { round: 2 })}`));
      const positions = texts
        .map((t) => /Ronde 1: deze sessie is vol\. Je staat op de wachtlijst, plaats (\d+)\./.exec(t)?.[1])
        .filter((p): p is string => p !== undefined)
        .map(Number)
        .sort((x, y) => x - y);
      expect(seated).toHaveLength(SEATS);
      expect(positions).toEqual(Array.from({ length: PEOPLE - SEATS }, (_, i) => i + 1));

      const rows = (await db.query<{ aad_object_id: string; status: string }>('SELECT aad_object_id, status FROM registrations WHERE workshop_id = $1 ORDER BY queue_order', [loket])).rows;
      expect(rows).toHaveLength(PEOPLE);
      expect(rows.slice(0, SEATS).every((r) => r.status === 'aangemeld')).toBe(true);
      expect(rows.slice(SEATS).every((r) => r.status === 'wachtlijst')).toBe(true);
      // Round 2 had room for all: everyone holds exactly one place per round.
      const perRound = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM registrations r JOIN workshops w ON w.id = r.workshop_id WHERE w.programme_id = $1 GROUP BY r.aad_object_id, w.round HAVING count(*) > 1`,
        [programmeId],
      );
      expect(perRound.rows).toEqual([]);
      expect((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld'`, [keuken])).rows[0]!.n).toBe(PEOPLE);

      // Half of those with a seat change to the other session at once: each freed seat goes to the first who waits.
      const leaving = rows.slice(0, SEATS / 2).map((r) => r.aad_object_id);
      await Promise.all(
        leaving.map((aad, i) =>
          race.post(i % 2 === 0 ? a.port : b.port, cardAction({ ...channel, userId: `29:${aad.slice(4)}`, aadObjectId: aad }, 'programme.choose', { programmeId, version: 1, round1: sessions[1], round2: keuken })),
        ),
      );
      const after = (await db.query<{ aad_object_id: string; status: string }>('SELECT aad_object_id, status FROM registrations WHERE workshop_id = $1 ORDER BY queue_order', [loket])).rows;
      expect(after.filter((r) => r.status === 'aangemeld').map((r) => r.aad_object_id)).toEqual([...rows.slice(SEATS / 2, SEATS), ...rows.slice(SEATS, SEATS + SEATS / 2)].map((r) => r.aad_object_id));
      process.stdout.write(`session capacity race: ${PEOPLE} choices through 2 processes in ${seconds.toFixed(2)} s: ${seated.length} registered, ${positions.length} waiting, 0 twice\n`);
    } finally {
      await db.end();
    }
  });
});
