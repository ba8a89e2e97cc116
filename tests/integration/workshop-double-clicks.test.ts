import { nl } from '../support/strings';
import { type ActivityOptions, mention } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { textsOf } from '../support/card-reading';
import { EntraStandIn } from '../support/entra-stand-in';
import { settle } from '../support/service';
import { storesUnderTest } from '../support/storages';
import { type InvokeReply, nextTuesday, workshopSteps } from '../support/workshop-steps';

jest.setTimeout(120_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

/** What may never be the answer to a repeated click after a success: a refusal, an error, or a stale card. */
const NOT_AFTER_SUCCESS = [
  nl.errors.invalidSubmit,
  nl.workshop.notChanged,
  nl.workshop.outcomes.verouderd,
  nl.workshop.outcomes.gesloten,
  nl.workshop.answers['al-beantwoord'],
  nl.workshop.onlyOrganiser,
];
const says = (reply: InvokeReply) => (typeof reply.value === 'string' ? reply.value : textsOf(reply.value));
const expectNoErrorIn = (replies: InvokeReply[]) => {
  for (const reply of replies) {
    expect(reply.status).toBe(200);
    for (const refusal of NOT_AFTER_SUCCESS) expect(says(reply)).not.toContain(refusal);
  }
};

/**
 * Every workshop card action done twice, one after the other and at the same moment, as a double click or a
 * repeated invoke from Teams would: it does one thing, and both answers make sense (the new state, or "that
 * was done already"), never an error after a success.
 */
describe.each(storesUnderTest())('a workshop action done twice on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({ tab: entra.tabSettings }));
  const w = workshopSteps(h);
  let channel: ActivityOptions;
  beforeEach(() => {
    channel = w.channel();
  });

  const db = () => h.service.app.db;
  const count = async (sql: string, params: unknown[]) => (await db().query<{ n: number }>(sql, params)).rows[0]!.n;
  const registrations = (workshopId: string, status: string) =>
    count(`SELECT count(*)::int AS n FROM registrations WHERE workshop_id = $1 AND status = $2`, [workshopId, status]);
  const arrived = (text: string) => h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(text));
  /** The same action twice after each other, then twice at the same moment (on a second card of the same kind). */
  const twice = (who: ActivityOptions, verb: string, data: Record<string, unknown>) => Promise.all([w.invoke(who, verb, data), w.invoke(who, verb, data)]);

  it('the planning form sent twice, after each other and at once: one workshop, the organiser\'s card both times', async () => {
    const before = await count('SELECT count(*)::int AS n FROM workshops', []);
    const { reply, replyToId, workshopId } = await w.plan(channel);
    const form = { ...w.lastPlanForm!, ...nextTuesday('10:00', 40), location: 'Zaal 2', audience: 'gemengd', seats: '8', language: 'nl' };
    const again = await w.invoke(channel, 'workshop.plan', form, replyToId);
    expect(again.value.actions.find((a: any) => a.verb === 'workshop.register').data.workshopId).toBe(workshopId);
    expectNoErrorIn([reply, again]);

    // At once: a fresh form, sent twice in the same moment.
    const start = await h.turn(mention(channel, 'workshop plannen'));
    const open = (start.activity.attachments![0]!.content as any).actions[0];
    const fresh = await w.invoke(channel, open.verb, open.data, 'invitation-at-once');
    const submit = { ...fresh.value.actions.find((a: any) => a.verb === 'workshop.plan').data, ...nextTuesday('13:00', 41), location: 'Zaal 3', audience: 'gemengd', seats: '8', language: 'nl' };
    const both = await Promise.all([w.invoke(channel, 'workshop.plan', submit, 'invitation-at-once'), w.invoke(channel, 'workshop.plan', submit, 'invitation-at-once')]);
    expectNoErrorIn(both);
    const ids = both.map((r) => r.value.actions.find((a: any) => a.verb === 'workshop.register').data.workshopId);
    expect(ids[0]).toBe(ids[1]);
    expect(await count('SELECT count(*)::int AS n FROM workshops', [])).toBe(before + 2);
  });

  it('"Niet plannen" twice: nothing stored, the same answer both times', async () => {
    const before = await count('SELECT count(*)::int AS n FROM workshops', []);
    const start = await h.turn(mention(channel, 'workshop plannen'));
    const data = (start.activity.attachments![0]!.content as any).actions[0].data;
    const replies = await twice(channel, 'workshop.planCancel', data);
    for (const reply of replies) expect(textsOf(reply.value)).toContain(nl.workshop.planningStopped);
    expect(await count('SELECT count(*)::int AS n FROM workshops', [])).toBe(before);
  });

  it('"Aanmelden" twice, after each other and at once: one seat, "aangemeld" and "al aangemeld"', async () => {
    const { workshopId } = await w.plan(channel);
    const first = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 1 });
    const again = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 1 });
    expect(textsOf(first.value)).toContain(nl.workshop.outcomes.aangemeld);
    expect(textsOf(again.value)).toContain(nl.workshop.outcomes['al-aangemeld']);

    const atOnce = await twice(w.person(channel, 2), 'workshop.register', { workshopId, version: 1 });
    expect(atOnce.map((r) => textsOf(r.value).includes(nl.workshop.outcomes.aangemeld)).filter(Boolean)).toHaveLength(1);
    expect(atOnce.map((r) => textsOf(r.value).includes(nl.workshop.outcomes['al-aangemeld'])).filter(Boolean)).toHaveLength(1);
    // Each answer is the person's own card in its new state.
    for (const reply of [first, again, ...atOnce]) expect(textsOf(reply.value)).toContain(nl.workshop.myStatus.aangemeld);
    expectNoErrorIn([first, again, ...atOnce]);
    expect(await registrations(workshopId!, 'aangemeld')).toBe(2);
  });

  it('the waiting list joined twice at once: one place on it, its number said both times', async () => {
    const { workshopId } = await w.plan(channel, { seats: '2', seatsConfirmed: 'true' });
    for (const n of [1, 2]) await w.invoke(w.person(channel, n), 'workshop.register', { workshopId, version: 1 });
    const replies = await twice(w.person(channel, 3), 'workshop.register', { workshopId, version: 1 });
    const texts = replies.map((r) => textsOf(r.value));
    expect(texts.filter((t) => t.includes(nl.workshop.outcomes.wachtlijst.replace('{position}', '1')))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(nl.workshop.outcomes['al-op-wachtlijst'].replace('{position}', '1')))).toHaveLength(1);
    expectNoErrorIn(replies);
    expect(await registrations(workshopId!, 'wachtlijst')).toBe(1);
  });

  it('"Afmelden" twice at once: one seat freed, the first who waits moves up once and is told once', async () => {
    const { workshopId } = await w.plan(channel, { seats: '2', seatsConfirmed: 'true' });
    for (const n of [1, 2, 3, 4]) await w.invoke(w.person(channel, n), 'workshop.register', { workshopId, version: 1 });
    h.connector.clear();
    const replies = await twice(w.person(channel, 1), 'workshop.unregister', { workshopId, version: 1 });
    const texts = replies.map((r) => textsOf(r.value));
    expect(texts.filter((t) => t.includes(nl.workshop.outcomes.afgemeld))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(nl.workshop.outcomes['niet-aangemeld']))).toHaveLength(1);
    for (const t of texts) expect(t).toContain(nl.workshop.myStatus['niet-aangemeld']);
    expectNoErrorIn(replies);
    // One seat was freed: colleague 3 moved up, colleague 4 still waits.
    expect((await w.registrations(workshopId!)).map((r) => [r.aad_object_id, r.status])).toEqual([
      ['aad-colleague-2', 'aangemeld'],
      ['aad-colleague-3', 'aangemeld'],
      ['aad-colleague-4', 'wachtlijst'],
    ]);
    await w.allSent(workshopId!);
    expect(arrived(nl.workshop.notices.promoted)).toHaveLength(1);
  });

  it('"Ja, ik begeleid" twice on the card, at once, and in the tab: one acceptance, the same answer every time', async () => {
    const { workshopId } = await w.plan(channel);
    const [first, second] = await w.duo(workshopId!);
    const cardReplies = await twice(w.facilitator(first!.aad_object_id), 'duo.accept', { workshopId, facilitatorId: first!.facilitator_id });
    for (const reply of cardReplies) expect(textsOf(reply.value)).toContain(nl.workshop.answers['wacht-op-ander']);
    expectNoErrorIn(cardReplies);

    // The tab: the second facilitator presses twice (the request repeated after the first succeeded).
    const token = await entra.token(second!.aad_object_id);
    const press = () =>
      fetch(`${h.service.base}/api/planning/requests/${workshopId}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': 'nl-NL' },
        body: JSON.stringify({ answer: 'accept' }),
      }).then(async (res) => ({ status: res.status, body: await res.json() }));
    const tab = [await press(), await press()];
    for (const answer of tab) expect(answer).toEqual({ status: 200, body: { outcome: 'bevestigd', message: nl.workshop.answers.bevestigd } });
    const atOnce = await Promise.all([press(), press()]);
    for (const answer of atOnce) expect(answer.status).toBe(200);

    expect((await w.duo(workshopId!)).map((d) => d.status)).toEqual(['geaccepteerd', 'geaccepteerd']);
    await w.allSent(workshopId!);
    expect(arrived(nl.workshop.notices['duo-confirmed'])).toHaveLength(1);
  });

  it('"Nee, ik kan niet" twice at once: one decline, one facilitator asked in their place', async () => {
    const { workshopId } = await w.plan(channel);
    const [first] = await w.duo(workshopId!);
    const replies = await twice(w.facilitator(first!.aad_object_id), 'duo.decline', { workshopId, facilitatorId: first!.facilitator_id });
    for (const reply of replies) expect(textsOf(reply.value)).toContain(nl.workshop.answers['nieuw-voorstel']);
    expectNoErrorIn(replies);
    const duo = await w.duo(workshopId!);
    expect(duo.map((d) => d.status).sort()).toEqual(['afgewezen', 'gevraagd', 'gevraagd']);
  });

  it('a change saved twice, after each other and at once: one change, everyone told once', async () => {
    const { workshopId } = await w.plan(channel);
    await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 1 });
    const change = await w.invoke(channel, 'workshop.change', { workshopId, version: 1 });
    const move = change.value.actions.find((a: any) => a.verb === 'workshop.move');
    const form = { ...move.data, ...nextTuesday('14:00', 45), lengthMinutes: '90', location: 'Zaal 7, Den Haag', audience: 'gemengd', seats: '8', language: 'nl' };
    h.connector.clear();
    const first = await w.invoke(channel, 'workshop.move', form);
    const again = await w.invoke(channel, 'workshop.move', form);
    expect(textsOf(first.value)).toContain(nl.workshop.outcomes.gewijzigd);
    expect(textsOf(again.value)).toContain(nl.workshop.outcomes['al-gewijzigd']);
    expectNoErrorIn([first, again]);

    // At once, from the card of the new version.
    const later = { ...form, ...nextTuesday('15:00', 46), version: 2 };
    const atOnce = await twice(channel, 'workshop.move', later);
    const texts = atOnce.map((r) => textsOf(r.value));
    expect(texts.filter((t) => t.includes(nl.workshop.outcomes.gewijzigd))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(nl.workshop.outcomes['al-gewijzigd']))).toHaveLength(1);
    expectNoErrorIn(atOnce);
    expect((await db().query<{ version: number }>('SELECT version FROM workshops WHERE id = $1', [workshopId])).rows[0]!.version).toBe(3);
    await w.allSent(workshopId!);
    // Two changes, each told once to the participant and once to each of the two facilitators.
    expect(arrived(nl.workshop.notices.moved)).toHaveLength(2 * 3);
  });

  it('"Workshop afzeggen" twice, after each other and at once: cancelled once, everyone told once', async () => {
    for (const atOnce of [false, true]) {
      const organiser = w.channel();
      const { workshopId } = await w.plan(organiser);
      await w.invoke(w.person(organiser, 1), 'workshop.register', { workshopId, version: 1 });
      for (const f of await w.duo(workshopId!)) await w.invoke(w.facilitator(f.aad_object_id), 'duo.accept', { workshopId, facilitatorId: f.facilitator_id });
      h.connector.clear();
      const cancel = () => w.invoke(organiser, 'workshop.cancelConfirmed', { workshopId, version: 1 });
      const replies = atOnce ? await Promise.all([cancel(), cancel()]) : [await cancel(), await cancel()];
      const texts = replies.map((r) => textsOf(r.value));
      expect(texts.filter((t) => t.includes(nl.workshop.outcomes.geannuleerd))).toHaveLength(1);
      expect(texts.filter((t) => t.includes(nl.workshop.outcomes['al-geannuleerd']))).toHaveLength(1);
      expectNoErrorIn(replies);
      expect((await db().query<{ version: number; status: string }>('SELECT version, status FROM workshops WHERE id = $1', [workshopId])).rows[0]).toEqual({ version: 2, status: 'geannuleerd' });
      await w.allSent(workshopId!);
      // The participant and the two facilitators, each told once.
      expect(arrived(nl.workshop.notices.cancelled)).toHaveLength(3);
    }
  });

  it('after the end, the evaluation sent twice at once, "nagesprek" twice and the facilitator\'s help addresses twice: each done once', async () => {
    const { workshopId } = await w.plan(channel);
    const participant = w.person(channel, 1);
    await w.invoke(participant, 'workshop.register', { workshopId, version: 1 });
    const duo = await w.duo(workshopId!);
    for (const f of duo) await w.invoke(w.facilitator(f.aad_object_id), 'duo.accept', { workshopId, facilitatorId: f.facilitator_id });
    await db().query(`UPDATE workshops SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [workshopId]);
    await w.allSent(workshopId!);
    h.connector.clear();

    const rated = await twice(participant, 'workshop.evaluate', { workshopId, rating: '4' });
    const texts = rated.map((r) => textsOf(r.value));
    expect(texts.filter((t) => t.includes(nl.workshop.evaluated.bewaard))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(nl.workshop.evaluated['al-gedaan']))).toHaveLength(1);
    expectNoErrorIn(rated);
    // An evaluation reaches its table when the mixer publishes it.
    await settle(h.service.app);
    expect(await count('SELECT count(*)::int AS n FROM workshop_evaluations WHERE workshop_id = $1', [workshopId])).toBe(1);

    const asked = await twice(participant, 'workshop.aftercare', { workshopId });
    for (const reply of asked) expect(reply.value).toBe(nl.workshop.aftercareAsked);
    const sent = await twice(w.facilitator(duo[0]!.aad_object_id), 'workshop.sendFollowUp', { workshopId });
    for (const reply of sent) expect(reply.value).toBe(nl.workshop.followUpSent);
    await w.allSent(workshopId!);
    // One request per facilitator, one set of help addresses per participant.
    expect(arrived(nl.workshop.notices.nagesprek)).toHaveLength(2);
    expect(arrived(nl.workshop.notices['follow-up'])).toHaveLength(1);
  });
});
