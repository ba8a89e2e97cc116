import { nl } from '../support/strings';
import { format } from '../../bot/src/platform/i18n/locale';
import { type ActivityOptions, message } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { textsOf } from '../support/card-reading';
import { storesUnderTest } from '../support/storages';
import { eventually } from '../support/eventually';
import type { Database } from '../../bot/src/platform/database/database';
import { enforceWorkshopRetention } from '../../bot/src/features/workshops/workshop-retention';
import { workshopSteps } from '../support/workshop-steps';

jest.setTimeout(90_000);

const p = nl.programme;

describe.each(storesUnderTest())('bijeenkomsten with rounds of sessions on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore);
  const w = workshopSteps(h);
  let channel: ActivityOptions;
  beforeEach(() => {
    channel = w.channel();
  });

  const planMeeting = (fields: Record<string, string> = {}) => w.planProgramme(channel, fields);

  const choose = (who: ActivityOptions, programmeId: string, choices: Record<string, string>, version = 1) => w.invoke(who, 'programme.choose', { programmeId, version, ...choices });

  async function planned() {
    const result = await planMeeting();
    const [loket, ogen, keuken] = result.sessions as [string, string, string];
    return { ...result, programmeId: result.programmeId!, loket, ogen, keuken };
  }

  const seatsOf = async (sessionId: string) => w.registrations(sessionId);

  it('plans a meeting from the channel: the form only for the organiser, the invitation for everyone, naming nobody', async () => {
    const { startCard, reply, replyToId, programmeId } = await planned();
    expect(startCard.refresh.action.verb).toBe('programme.planView');
    const theirs = await w.invoke(w.person(channel, 1), 'programme.openForm', startCard.actions[0].data);
    expect(theirs.value).toBe(p.onlyOrganiser);

    const texts = textsOf(reply.value);
    expect(texts).toContain('Netwerkbijeenkomst veilig werk- en meldklimaat');
    expect(texts).toContain('Eén sociaal loket');
    expect(texts).toContain('door Politie');
    expect(texts).toContain('zaal Zaal 2');
    expect(texts).toContain(format(p.seatsFree, { left: 3, seats: 3 }));
    // One list per round; the organiser's card has their buttons.
    const lists = reply.value.body.flatMap((b: any) => b.items ?? []).filter((i: any) => i.type === 'Input.ChoiceSet');
    expect(lists.map((l: any) => l.id)).toEqual(['round1', 'round2']);
    expect(reply.value.actions.map((a: any) => a.verb ?? a.type)).toEqual(['programme.choose', 'programme.participants', 'programme.cancel']);

    // The planning card in the channel becomes the shared invitation: no lists, no names, a refresh for each viewer.
    await h.connector.until(() => h.connector.updates.some((u) => u.activityId === replyToId));
    const shared = h.connector.updates.find((u) => u.activityId === replyToId)!.activity.attachments![0]!.content as any;
    expect(JSON.stringify(shared)).not.toContain('Input.ChoiceSet');
    expect(JSON.stringify(shared)).not.toContain('Fictieve Manager');
    expect(shared.refresh.action).toEqual({ type: 'Action.Execute', verb: 'programme.refresh', data: { programmeId } });

  });

  it('plans once, however often the button is pressed', async () => {
    const { body, programmeId, replyToId } = await planned();
    const again = await w.invoke(channel, 'programme.plan', body, replyToId);
    expect(again.value.actions.find((a: any) => a.verb === 'programme.choose').data.programmeId).toBe(programmeId);
    const { rows } = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM programmes WHERE plan_form_id = $1', [body.formId]);
    expect(rows[0]!.n).toBe(1);
  });

  it('gives one session per round; changing a choice frees the seat at once for the first who waits', async () => {
    const { programmeId, loket, ogen, keuken } = await planned();
    const [a, b, c] = [1, 2, 3].map((n) => w.person(channel, n)) as [ActivityOptions, ActivityOptions, ActivityOptions];
    const first = await choose(a, programmeId, { round1: loket, round2: keuken });
    expect(textsOf(first.value)).toContain(`${format(p.outcomes.aangemeld, { round: 1 })} ${format(p.outcomes.aangemeld, { round: 2 })}`);
    await choose(b, programmeId, { round1: loket, round2: 'geen' });
    const third = await choose(c, programmeId, { round1: loket, round2: 'geen' });
    expect(textsOf(third.value)).toContain(format(p.outcomes.wachtlijst, { round: 1, position: 1 }));
    expect(textsOf(third.value)).toContain(`Ronde 1: je staat op de wachtlijst voor Eén sociaal loket, plaats 1.`);

    h.connector.clear();
    // a changes round 1 to the other session: their seat at the loket goes to c at once, round 2 stays.
    const changed = await choose(a, programmeId, { round1: ogen, round2: keuken });
    expect(textsOf(changed.value)).toContain(format(p.outcomes.aangemeld, { round: 1 }));
    expect((await seatsOf(loket)).map((r) => [r.aad_object_id, r.status])).toEqual([
      [b.aadObjectId, 'aangemeld'],
      [c.aadObjectId, 'aangemeld'],
    ]);
    expect((await seatsOf(ogen)).map((r) => r.aad_object_id)).toEqual([a.aadObjectId]);
    expect((await seatsOf(keuken)).map((r) => r.aad_object_id)).toEqual([a.aadObjectId]);
    // c hears it in a 1:1 card with their sessions.
    await h.connector.until(() => h.connector.received.some((r) => textsOf(r.activity.attachments?.[0]?.content).includes(p.notices.promoted)));
    const promoted = h.connector.received.find((r) => textsOf(r.activity.attachments?.[0]?.content).includes(p.notices.promoted))!;
    expect(textsOf(promoted.activity.attachments![0]!.content)).toContain('Ronde 1: je bent aangemeld voor Eén sociaal loket.');

    // The same choice again (a double click): nothing changes, nothing is sent twice.
    const twice = await choose(a, programmeId, { round1: ogen, round2: keuken });
    expect(textsOf(twice.value)).toContain(p.outcomes.nothingChanged);
    expect((await seatsOf(ogen)).map((r) => r.aad_object_id)).toEqual([a.aadObjectId]);

    // "Geen sessie" gives the seat up.
    const none = await choose(a, programmeId, { round2: 'geen' });
    expect(textsOf(none.value)).toContain(format(p.outcomes.afgemeld, { round: 2 }));
    expect(await seatsOf(keuken)).toEqual([]);
  });

  it('refuses what does not fit, saying so and changing nothing', async () => {
    const { programmeId, loket, keuken } = await planned();
    const a = w.person(channel, 4);
    // A session of round 2 chosen in round 1.
    const wrongRound = await choose(a, programmeId, { round1: keuken });
    expect(textsOf(wrongRound.value)).toContain(p.outcomes['geen-sessie']);
    // A session asked for as a workshop, past its programme (two sessions in one round would follow).
    const direct = await w.invoke(a, 'workshop.register', { workshopId: loket, version: 1 });
    expect(textsOf(direct.value ?? '')).toContain(nl.workshop.outcomes.onbekend);
    // A card older than the programme.
    const old = await choose(a, programmeId, { round1: loket }, 7);
    expect(textsOf(old.value)).toContain(p.outcomes.verouderd);
    expect(await seatsOf(loket)).toEqual([]);
    expect(await seatsOf(keuken)).toEqual([]);
  });

  it('shows the organiser the names per session, in the order of the list, and nobody else', async () => {
    const { programmeId, loket } = await planned();
    for (const n of [5, 6, 7]) await choose(w.person(channel, n), programmeId, { round1: loket });
    const list = await w.invoke(channel, 'programme.participants', { programmeId });
    const texts = textsOf(list.value);
    expect(texts).toContain('Collega 5, Collega 6');
    expect(texts).toContain(`${format(p.registeredLine, { count: 2 })} · ${format(p.waitingLine, { count: 1 })}`);
    expect(texts).toContain('Collega 7');
    const curious = await w.invoke(w.person(channel, 5), 'programme.participants', { programmeId });
    expect(JSON.stringify(curious.value)).not.toContain('Collega 6');
    expect(textsOf(curious.value)).toContain(p.onlyOrganiser);
  });

  it('reminds each person once with their own sessions, and their calendar file holds them', async () => {
    const { programmeId, loket, keuken } = await planned();
    const a = w.person(channel, 8);
    const chosen = await choose(a, programmeId, { round1: loket, round2: keuken });
    const b = w.person(channel, 9);
    await choose(b, programmeId, { round2: keuken });

    const link = chosen.value.actions.find((x: any) => x.type === 'Action.OpenUrl' && x.url.includes('calendar.ics')).url as string;
    const local = link.replace('http://localhost:3978', h.service.base);
    const ics = await (await fetch(local)).text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('SUMMARY:Netwerkbijeenkomst veilig werk- en meldklimaat: Regietheater');
    expect(ics).toContain('SUMMARY:Netwerkbijeenkomst veilig werk- en meldklimaat: Eén sociaal loket');
    expect(ics).not.toContain('Met andere ogen');
    expect((await fetch(local.replace(/t=[^&]+/, `t=${'A'.repeat(32)}`))).status).toBe(404);

    // Round 1's day reminder comes first; round 2's an hour later (sent rows are gone by then): a, who has a seat in
    // round 1, gets one card naming both sessions; b, only in round 2, gets theirs with round 2's job.
    h.connector.clear();
    const due = (kind: string, session: string) => h.service.app.db.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 second' WHERE kind = $1 AND workshop_id = $2`, [kind, session]);
    const reminders = () => h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(p.notices['reminder-day']));
    await due('reminder-day', loket);
    await h.connector.until(() => reminders().length >= 1);
    await w.allSent(loket);
    await eventually(async () => expect((await h.service.app.db.query(`SELECT 1 FROM workshop_jobs WHERE workshop_id = $1 AND kind = 'reminder-day' AND done_at IS NULL`, [loket])).rows).toEqual([]));
    await due('reminder-day', keuken);
    await h.connector.until(() => reminders().length >= 2);
    await eventually(async () => expect((await h.service.app.db.query(`SELECT 1 FROM workshop_jobs WHERE workshop_id = $1 AND kind = 'reminder-day' AND done_at IS NULL`, [keuken])).rows).toEqual([]));
    await w.allSent(keuken);
    expect(reminders()).toHaveLength(2);
    const forA = reminders().find((r) => textsOf(r.activity.attachments![0]!.content).includes('Eén sociaal loket'))!;
    expect(textsOf(forA.activity.attachments![0]!.content)).toContain('Ronde 2: je bent aangemeld voor Een kijkje in de keuken.');

    // An hour before round 2 the plenary part has long begun: the reminder is about the session, and still goes.
    h.connector.clear();
    await h.service.app.db.query(`UPDATE programmes SET starts_at = now() - interval '2 hours' WHERE id = $1`, [programmeId]);
    await due('reminder-hour', keuken);
    const hour = () => h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(p.notices['reminder-hour']));
    await h.connector.until(() => hour().length >= 2);
  });

  it('offers no aftercare after a session (nobody could call back), and says so when asked anyway', async () => {
    const { programmeId, keuken } = await planned();
    const a = w.person(channel, 13);
    await choose(a, programmeId, { round2: keuken });
    h.connector.clear();
    await h.service.app.db.query(`UPDATE workshops SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [keuken]);
    await h.service.app.db.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 second' WHERE workshop_id = $1 AND kind = 'evaluation'`, [keuken]);
    const evaluation = () => h.connector.received.find((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices.evaluation));
    await h.connector.until(() => evaluation() !== undefined);
    const card = evaluation()!.activity.attachments![0]!.content as any;
    expect(textsOf(card)).toContain('Een kijkje in de keuken');
    expect(card.actions.map((x: any) => x.verb)).toEqual(['workshop.evaluate']);
    const asked = await w.invoke(a, 'workshop.aftercare', { workshopId: keuken });
    expect(asked.value).toBe(nl.workshop.aftercareNobody);
  });

  it('answers a workshop button with a session\'s id by the programme\'s card, changing nothing', async () => {
    const { programmeId, loket } = await planned();
    const refreshed = await w.invoke(w.person(channel, 14), 'workshop.refresh', { workshopId: loket });
    expect(refreshed.value.actions.map((x: any) => x.verb)).toContain('programme.choose');
    const change = await w.invoke(channel, 'workshop.change', { workshopId: loket, version: 1 });
    expect(JSON.stringify(change.value)).not.toContain('workshop.move');
    expect(textsOf(change.value)).toContain(nl.workshop.outcomes.onbekend);
    const cancel = await w.invoke(channel, 'workshop.cancelConfirmed', { workshopId: loket, version: 1 });
    expect(textsOf(cancel.value)).toContain(nl.workshop.outcomes.onbekend);
    expect((await h.service.app.db.query<{ status: string }>('SELECT status FROM programmes WHERE id = $1', [programmeId])).rows[0]!.status).toBe('gepland');
    expect((await h.service.app.db.query<{ status: string }>('SELECT status FROM workshops WHERE id = $1', [loket])).rows[0]!.status).toBe('bevestigd');
  });

  it('gives a dialogue\'s seats by the mix of roles, says why someone waits, and announces mixed groups to their members', async () => {
    // Seed 002 in small: groups of 4, at least half of each role, so 8 seats hold at most 4 of each.
    const { programmeId, sessions } = await planMeeting({
      r1s2Title: 'Integriteitsdialoog',
      r1s2Room: '',
      r1s2Seats: '8',
      r1s2Mixed: 'true',
      mixRoles: 'vertrouwenspersoon, leidinggevende',
      mixGroupSize: '4',
      mixMinPercent: '50',
      mixAnnounceHours: '24',
    });
    const dialogue = sessions[1]!;
    const pick = (n: number, role?: string, session: string | null = dialogue) => choose(w.person(channel, n), programmeId!, { round1: session ?? 'geen', ...(role ? { role } : {}) });
    const noRole = await pick(20);
    expect(textsOf(noRole.value)).toContain(p.outcomes['rol-nodig']);
    const notARole = await pick(20, 'directeur');
    expect(textsOf(notARole.value)).toContain(p.outcomes['rol-nodig']);
    for (const n of [21, 22, 23, 24]) expect(textsOf((await pick(n, 'leidinggevende')).value)).toContain(format(p.outcomes.aangemeld, { round: 1 }));
    const fifth = await pick(25, 'leidinggevende');
    expect(textsOf(fifth.value)).toContain(format(p.outcomes.wachtlijstMix, { round: 1 }));
    for (const n of [31, 32, 33, 34]) expect(textsOf((await pick(n, 'vertrouwenspersoon')).value)).toContain(format(p.outcomes.aangemeld, { round: 1 }));
    const full = await pick(35, 'vertrouwenspersoon');
    expect(textsOf(full.value)).toContain(format(p.outcomes.wachtlijstDialoog, { round: 1 }));
    // A manager leaves: the seat goes to the first on the list whose role fits, the manager who waited.
    await pick(21, undefined, null);
    const seated = await h.service.app.db.query<{ aad_object_id: string; role: string }>(
      `SELECT aad_object_id, role FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld' ORDER BY queue_order`,
      [dialogue],
    );
    // In the list's order: the manager who moved up joined it before the counsellors did.
    expect(seated.rows.map((r) => r.aad_object_id)).toEqual([22, 23, 24, 25, 31, 32, 33, 34].map((n) => w.person(channel, n).aadObjectId));

    h.connector.clear();
    await h.service.app.db.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 second' WHERE workshop_id = $1 AND kind = 'groups'`, [dialogue]);
    const told = () => h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(p.notices.groups));
    await h.connector.until(() => told().length >= 8);
    await w.allSent(dialogue);
    expect(told()).toHaveLength(8);
    const groups = await h.service.app.db.query<{ group_number: number; role: string; n: number }>(
      `SELECT group_number, role, count(*)::int AS n FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld' GROUP BY group_number, role ORDER BY group_number, role`,
      [dialogue],
    );
    expect(groups.rows).toEqual([
      { group_number: 1, role: 'leidinggevende', n: 2 },
      { group_number: 1, role: 'vertrouwenspersoon', n: 2 },
      { group_number: 2, role: 'leidinggevende', n: 2 },
      { group_number: 2, role: 'vertrouwenspersoon', n: 2 },
    ]);
    // Each member reads their group and who is in it; the organiser sees every group, with roles.
    // Each member reads their group and the others in it, not their own name.
    const memberOf = new Map(h.connector.created.map((c) => [c.id, c.members[0]!.id]));
    const members = await h.service.app.db.query<{ display_name: string; group_number: number }>(
      `SELECT display_name, group_number FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld'`,
      [dialogue],
    );
    for (const card of told()) {
      const text = textsOf(card.activity.attachments![0]!.content);
      const own = memberOf.get(card.conversationId)!.replace('29:colleague-', 'Collega ');
      const group = members.rows.find((m) => m.display_name === own)!.group_number;
      // Exactly the others of their own group: not their own name, nobody of the other group.
      const others = members.rows.filter((m) => m.group_number === group && m.display_name !== own).map((m) => m.display_name);
      const listed = /Ronde 1, Integriteitsdialoog: je zit in groep (\d)\. Ook in je groep: (.+)\./.exec(text)!;
      expect(Number(listed[1])).toBe(group);
      expect(listed[2]!.split(', ').sort()).toEqual(others.sort());
    }
    const list = textsOf((await w.invoke(channel, 'programme.participants', { programmeId: programmeId! })).value);
    expect(list).toContain('Groep 1');
    expect(list).toContain('Collega 31 (vertrouwenspersoon)');

    // Once the groups are made they are set: nobody joins, and a seat given up stays empty (the list does not move up).
    const late = await pick(36, 'vertrouwenspersoon');
    expect(textsOf(late.value)).toContain(p.outcomes['groepen-gemaakt']);
    await pick(22, undefined, null);
    const after = await h.service.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld'`, [dialogue]);
    expect(after.rows[0]!.n).toBe(7);
    // The organiser sees the group that now lacks a manager.
    const short = textsOf((await w.invoke(channel, 'programme.participants', { programmeId: programmeId! })).value);
    expect(short).toMatch(/Groep [12] \(te weinig mensen van een rol\)/);
  });

  it('cancels the meeting for everyone who chose, once each', async () => {
    const { programmeId, loket, keuken } = await planned();
    const a = w.person(channel, 10);
    await choose(a, programmeId, { round1: loket, round2: keuken });
    const other = await w.invoke(a, 'programme.cancelConfirmed', { programmeId, version: 1 });
    expect(textsOf(other.value)).toContain(p.onlyOrganiser);
    h.connector.clear();
    const ask = await w.invoke(channel, 'programme.cancel', { programmeId, version: 1 });
    expect(textsOf(ask.value)).toContain(p.cancelConfirm);
    const done = await w.invoke(channel, 'programme.cancelConfirmed', { programmeId, version: 1 });
    expect(textsOf(done.value)).toContain(p.outcomes.geannuleerd);
    const again = await w.invoke(channel, 'programme.cancelConfirmed', { programmeId, version: 1 });
    expect(textsOf(again.value)).toContain(p.outcomes['al-geannuleerd']);
    const cancelled = () => h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(p.notices.cancelled));
    await h.connector.until(() => cancelled().length >= 1);
    for (const s of [loket, keuken]) await w.allSent(s);
    expect(cancelled()).toHaveLength(1);
    const late = await choose(w.person(channel, 11), programmeId, { round1: loket }, 2);
    expect(textsOf(late.value)).toContain(p.outcomes.gesloten);
  });

  it('plans a Rijk-wide meeting in personal chat; anyone finds it in "workshops" and chooses there', async () => {
    const organiser = { ...h.newChat(), conversationType: 'personal' as const, userId: '29:rijk-organiser', aadObjectId: `aad-rijk-${Math.random()}`, name: 'Fictieve Coördinator' };
    const { reply, programmeId } = await w.planProgramme(organiser, { title: 'Rijksbrede netwerkbijeenkomst' });
    expect(textsOf(reply.value)).toContain('Rijksbrede netwerkbijeenkomst');
    const someone = { ...h.newChat(), conversationType: 'personal' as const, userId: '29:rijk-someone', aadObjectId: `aad-rijk-someone-${Math.random()}`, name: 'Collega Elders' };
    const list = (await h.turn(message(someone, 'workshops'))).activity.attachments![0]!.content as any;
    expect(textsOf(list)).toContain('Rijksbrede netwerkbijeenkomst');
    const view = JSON.stringify(list).match(/"verb":"programme\.refresh","data":\{"programmeId":"([^"]+)"\}/)?.[1];
    expect(view).toBe(programmeId);
    const card = await w.invoke(someone, 'programme.refresh', { programmeId: view! });
    expect(card.value.body.flatMap((b: any) => b.items ?? []).filter((i: any) => i.type === 'Input.ChoiceSet')).toHaveLength(2);
  });

  it('counts a bijeenkomst once in the organiser\'s Mijn gegevens, not each of its sessions', async () => {
    await planned();
    const own = { ...channel, conversationType: 'personal' as const, conversationId: `a:own-${Math.random()}` };
    const card = (await h.turn(message(own, 'mijn gegevens'))).activity.attachments![0]!.content as any;
    const facts = card.body.find((b: any) => b.type === 'FactSet').facts as Array<{ title: string; value: string }>;
    expect(facts.find((f) => f.title === nl.myData.organised)?.value).toBe('1');
  });

  it('forgets who took part, who hosted and who organised a month after the end, as a workshop does', async () => {
    const { programmeId, loket, keuken } = await planned();
    await choose(w.person(channel, 12), programmeId, { round1: loket, round2: keuken });
    const db = h.service.app.db as Database;
    const back = `now() - interval '40 days'`;
    await db.query(`UPDATE programmes SET starts_at = ${back}, ends_at = ${back} + interval '4 hours', plenary_starts_at = NULL, plenary_ends_at = NULL WHERE id = $1`, [programmeId]);
    await db.query(`UPDATE workshops SET starts_at = ${back}, ends_at = ${back} + interval '1 hour' WHERE programme_id = $1`, [programmeId]);
    await enforceWorkshopRetention(db, { peopleDays: 30, days: 730 });
    // A database reader finds no person left: no registration, no host, no organiser.
    const rows = await db.query<{ host: string | null; organiser_aad_object_id: string | null }>('SELECT host, organiser_aad_object_id FROM workshops WHERE programme_id = $1', [programmeId]);
    expect(rows.rows.every((r) => r.host === null && r.organiser_aad_object_id === null)).toBe(true);
    expect((await db.query('SELECT organiser_aad_object_id, organiser_user_id FROM programmes WHERE id = $1', [programmeId])).rows).toEqual([{ organiser_aad_object_id: null, organiser_user_id: null }]);
    expect(await seatsOf(loket)).toEqual([]);
    await db.query(`UPDATE programmes SET starts_at = now() - interval '800 days', ends_at = now() - interval '800 days' + interval '4 hours' WHERE id = $1`, [programmeId]);
    await db.query(`UPDATE workshops SET starts_at = now() - interval '800 days', ends_at = now() - interval '800 days' + interval '1 hour' WHERE programme_id = $1`, [programmeId]);
    await enforceWorkshopRetention(db, { peopleDays: 30, days: 730 });
    expect((await db.query('SELECT 1 FROM programmes WHERE id = $1', [programmeId])).rows).toEqual([]);
  });

  it.each([
    ['a session of 201 seats', { r1s1Seats: '201' }, format(p.problems['seats-out-of-bounds'], { session: 1 })],
    ['a round that ends before it starts', { r2To: '15:00' }, p.problems['round-time']],
    ['a round during the plenary part', { r1From: '13:30' }, p.problems.overlap],
  ])('sends back the form for %s, saying where, and stores nothing', async (_name, fields, said) => {
    const { reply, submit } = await planMeeting(fields);
    expect(textsOf(reply.value)).toContain(said);
    expect(textsOf(reply.value)).toContain(p.formProblem);
    const { rows } = await h.service.app.db.query('SELECT 1 FROM programmes WHERE plan_form_id = $1', [submit.data.formId]);
    expect(rows).toEqual([]);
  });

  it('keeps what was typed when the form comes back', async () => {
    const { reply } = await planMeeting({ r1s1Seats: '1' });
    expect(textsOf(reply.value)).toContain('Eén sociaal loket');
    expect(textsOf(reply.value)).toContain('Netwerkbijeenkomst veilig werk- en meldklimaat');
  });
});
