import { nl } from '../support/strings';
import { format } from '../../bot/src/platform/i18n/locale';
import type { Database } from '../../bot/src/platform/database/database';
import { enforceWorkshopRetention } from '../../bot/src/features/workshops/workshop-retention';
import { type ActivityOptions, mention, message, submit } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { textsOf } from '../support/card-reading';
import { storesUnderTest } from '../support/storages';
import { settle } from '../support/service';
import { nextTuesday, workshopSteps } from '../support/workshop-steps';

jest.setTimeout(90_000);

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(storesUnderTest())('workshops in a channel on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore);
  const w = workshopSteps(h);
  let channel: ActivityOptions;
  beforeEach(() => {
    channel = {
      serviceUrl: h.connector.serviceUrl,
      conversationId: `19:mt-dag-${Math.random()}@thread.tacv2`,
      conversationType: 'channel',
      userId: '29:manager',
      aadObjectId: `aad-manager-${Math.random()}`,
      name: 'Fictieve Manager',
    };
  });

  it('plans a workshop from the channel: form only for the organiser, a duo asked, the invitation updated for everyone', async () => {
    const start = await h.turn(mention(channel, 'workshop plannen'));
    const startCard = start.activity.attachments![0]!.content as any;
    // Every viewer's client asks for its own view; the card names nobody (no userIds).
    expect(startCard.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'workshop.planView', data: startCard.actions[0].data } });
    // Asked by the organiser, that refresh is the form; asked by anyone else, the shared card as it is.
    const own = await w.invoke(channel, 'workshop.planView', startCard.actions[0].data);
    expect(textsOf(own.value)).toContain(nl.workshop.formIntro);
    const theirs = await w.invoke(w.person(channel, 1), 'workshop.planView', startCard.actions[0].data);
    expect(theirs.value).toEqual(startCard);
    // Someone else pressing the button is told only the organiser can plan; no form.
    const other = await w.invoke(w.person(channel, 1), 'workshop.openForm', startCard.actions[0].data);
    expect(other.value).toBe(nl.workshop.onlyOrganiser);
    // Nor can they send the organiser's form as their own: the form's token names its organiser.
    const forged = await w.invoke(w.person(channel, 1), 'workshop.plan', { ...startCard.actions[0].data, ...nextTuesday(), location: 'Zaal 1', audience: 'gemengd', seats: '8', language: 'nl' });
    expect(forged.value).toBe(nl.workshop.onlyOrganiser);

    h.connector.clear();
    const { reply, workshopId, replyToId } = await w.plan(channel);
    expect(reply.statusCode).toBe(200);
    expect(reply.type).toBe('application/vnd.microsoft.card.adaptive');
    const texts = textsOf(reply.value);
    expect(texts).toContain(nl.workshop.invitationTitle);
    expect(texts).toContain('8 van 8 vrij');
    expect(texts).toContain(nl.workshop.duoPending);
    expect(reply.value.actions.map((a: any) => a.verb ?? a.type)).toEqual(['workshop.register', 'workshop.change', 'workshop.cancel', 'workshop.repeat']);

    const { rows } = await h.service.app.db.query<{ facilitator_id: string; organisation: string; experience: string }>(
      `SELECT x.facilitator_id, f.organisation, f.experience FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1`,
      [workshopId],
    );
    expect(rows).toHaveLength(2);
    // Two organisations, neither the team's own (bzk), line and facilitation experience between them.
    expect(new Set(rows.map((r) => r.organisation)).size).toBe(2);
    expect(rows.map((r) => r.organisation)).not.toContain('bzk');
    const kinds = new Set(rows.map((r) => r.experience));
    expect(kinds.has('beide') || (kinds.has('lijn') && kinds.has('begeleiding'))).toBe(true);

    // Each facilitator gets a personal request (a 1:1 chat is opened for them), and the channel card updates.
    const duoRequests = () => h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.duoRequestTitle));
    await h.connector.until(() => h.connector.created.length >= 2 && h.connector.updates.length >= 1 && duoRequests().length >= 2).catch((e) => {
      throw new Error(`${e.message}: ${JSON.stringify({ created: h.connector.created, updates: h.connector.updates.length, received: h.connector.received.length, logs: h.logLines.filter((l) => l.includes('outbox')).slice(-5) })}`);
    });
    const requests = duoRequests();
    expect(requests).toHaveLength(2);
    const update = h.connector.updates.find((u) => u.activityId === replyToId)!;
    expect(update.conversationId).toBe(channel.conversationId);
    expect(textsOf(update.activity.attachments![0]!.content)).toContain(nl.workshop.baseHint);
    // Sent messages leave the outbox: no record of whom the app messaged outlives the sending.
    await eventually(async () => (await h.service.app.db.query(`SELECT 1 FROM outbox WHERE workshop_id = $1`, [workshopId])).rows.length === 0);
  });

  it('says a committed registration is done even when the workshop cannot be read right after it', async () => {
    const { workshopId } = await w.plan(channel, { seats: '4' });
    // Every read of the workshop outside a transaction fails while the person registers (a dropped connection, say).
    const db = h.service.app.db;
    const query = db.query;
    let failed = 0;
    db.query = ((sql: string, params?: readonly unknown[]) => {
      if (sql.includes('WHERE w.id = $1')) {
        failed++;
        return Promise.reject(new Error('connection lost'));
      }
      return query(sql, params);
    }) as Database['query'];
    try {
      const reply = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 1 });
      expect(failed).toBeGreaterThan(0);
      // Its outcome, not "nothing changed": the card itself comes with the next refresh.
      expect(reply.value).toBe(nl.workshop.outcomes.aangemeld);
    } finally {
      db.query = query;
    }
    expect((await w.registrations(workshopId!)).map((r) => r.status)).toEqual(['aangemeld']);
  });

  it('registers until full, then the waiting list in order; a cancellation promotes the first, who is told personally', async () => {
    const { workshopId } = await w.plan(channel, { seats: '4' });
    const results: string[] = [];
    for (let i = 1; i <= 6; i++) {
      const reply = await w.invoke(w.person(channel, i), 'workshop.register', { workshopId, version: 1 });
      results.push(textsOf(reply.value));
    }
    expect(results[0]).toContain(nl.workshop.outcomes.aangemeld);
    expect(results[3]).toContain('1 van 4 vrij'.replace('1', '0'));
    expect(results[4]).toContain(nl.workshop.outcomes.wachtlijst.replace('{position}', '1'));
    expect(results[5]).toContain(nl.workshop.myStatus.wachtlijst.replace('{position}', '2'));

    // Registering twice changes nothing.
    const again = await w.invoke(w.person(channel, 2), 'workshop.register', { workshopId, version: 1 });
    expect(textsOf(again.value)).toContain(nl.workshop.outcomes['al-aangemeld']);
    expect((await w.registrations(workshopId!)).filter((r) => r.status === 'aangemeld')).toHaveLength(4);

    h.connector.clear();
    const cancel = await w.invoke(w.person(channel, 2), 'workshop.unregister', { workshopId, version: 1 });
    expect(textsOf(cancel.value)).toContain(nl.workshop.outcomes.afgemeld);
    const after = await w.registrations(workshopId!);
    expect(after.find((r) => r.aad_object_id === 'aad-colleague-5')?.status).toBe('aangemeld');
    expect(after.find((r) => r.aad_object_id === 'aad-colleague-6')?.status).toBe('wachtlijst');
    // The promoted colleague hears it in a 1:1 chat opened for them.
    await h.connector.until(() => h.connector.received.some((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices.promoted)));
    const opened = h.connector.created.find((c) => c.members.some((m) => m.id === '29:colleague-5'));
    expect(opened).toBeDefined();
    // The person who moved up sees themselves registered; the next waits at place 1 now.
    const view = await w.invoke(w.person(channel, 6), 'workshop.refresh', { workshopId });
    expect(textsOf(view.value)).toContain(nl.workshop.myStatus.wachtlijst.replace('{position}', '1'));
  });

  it('plans the same workshop again as a series, and shows its organiser attendance and ratings over time, ratings only from 5', async () => {
    const { workshopId, reply, replyToId: firstInvitation } = await w.plan(channel, { seats: '6', location: 'Zaal 3, Turfmarkt 147' });
    for (let i = 40; i < 43; i++) await w.invoke(w.person(channel, i), 'workshop.register', { workshopId, version: 1 });
    expect(reply.value.actions.map((a: any) => a.verb)).toContain('workshop.repeat');
    // Anyone else asking to repeat it, or to see a series, is told only the organiser can.
    const other = await w.invoke(w.person(channel, 40), 'workshop.repeat', { workshopId });
    expect(textsOf(other.value)).toContain(nl.workshop.onlyOrganiser);

    const form = await w.invoke(channel, 'workshop.repeat', { workshopId });
    expect(textsOf(form.value)).toContain(nl.workshop.repeatIntro);
    // Filled in as last time, but for the date.
    expect(textsOf(form.value)).toContain('Zaal 3, Turfmarkt 147');
    const submit = form.value.actions.find((a: any) => a.verb === 'workshop.plan');
    expect(submit.data.repeatOf).toBe(workshopId);
    // Someone else's form claiming this workshop's series: refused, nothing planned.
    const intruder = w.person(channel, 41);
    h.connector.clear();
    const repeat = { ...submit.data, ...nextTuesday('10:00', 80), lengthMinutes: '120', location: 'Zaal 3', audience: 'mt-leidinggevenden', seats: '6', language: 'nl' };
    const again = await w.invoke(channel, 'workshop.plan', repeat, firstInvitation);
    const secondId = again.value.actions.find((a: any) => a.verb === 'workshop.register').data.workshopId as string;
    const db = h.service.app.db;
    // The repeat gets its own invitation, a new message in the channel; the first one's stays the first workshop's.
    const invitations = await db.query<{ id: string; invitation_activity_id: string | null; organisation: string | null; rijksbreed: boolean }>(
      'SELECT id, invitation_activity_id, organisation, rijksbreed FROM workshops WHERE id = ANY($1::uuid[])',
      [[workshopId, secondId]],
    );
    const first = invitations.rows.find((r) => r.id === workshopId)!;
    const second = invitations.rows.find((r) => r.id === secondId)!;
    expect(first.invitation_activity_id).toBe(firstInvitation);
    expect(second.invitation_activity_id).not.toBe(firstInvitation);
    expect([second.organisation, second.rijksbreed]).toEqual(['bzk', false]);
    const posted = h.connector.received.find((r) => r.conversationId === channel.conversationId && r.id === second.invitation_activity_id);
    expect(textsOf(posted?.activity.attachments?.[0]?.content)).toContain(nl.workshop.baseHint);
    // Pressed again: the same workshop, no second message.
    await w.invoke(channel, 'workshop.plan', repeat, firstInvitation);
    expect(h.connector.received.filter((r) => r.conversationId === channel.conversationId && textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.baseHint))).toHaveLength(1);
    // A team's workshop is not planned again from personal chat, where it would become Rijk-wide.
    const elsewhere = await w.invoke({ ...channel, conversationType: 'personal', conversationId: `a:organiser-${Math.random()}` }, 'workshop.repeat', { workshopId });
    expect(textsOf(elsewhere.value)).toContain(nl.workshop.repeatElsewhere);
    const series = await db.query<{ id: string; series_id: string }>('SELECT id, series_id FROM workshops WHERE id = ANY($1::uuid[]) ORDER BY starts_at', [[workshopId, secondId]]);
    expect(series.rows.map((r) => r.series_id)).toEqual([workshopId, workshopId]);
    // Their own valid form, with this workshop's id added: refused, nothing planned.
    const chat = { ...intruder, conversationType: 'personal' as const, conversationId: `a:intruder-${Math.random()}` };
    const own = (await h.turn(message(chat, 'workshop plannen'))).activity.attachments![0]!.content as any;
    const ownForm = own.actions.find((a: any) => a.verb === 'workshop.plan').data;
    const forged = await w.invoke(chat, 'workshop.plan', { ...ownForm, repeatOf: workshopId, ...nextTuesday('10:00', 90), lengthMinutes: '120', location: 'Zaal 3', audience: 'gemengd', seats: '6', language: 'nl' });
    expect(forged.value).toBe(nl.workshop.onlyOrganiser);
    expect((await db.query('SELECT 1 FROM workshops WHERE plan_form_id = $1', [ownForm.formId])).rows).toEqual([]);

    // Ratings of the first: 3 are not shown, 5 are (as Inzicht); attendance is the organiser's own figure.
    const rate = (n: number) => db.query(`INSERT INTO workshop_evaluations (id, workshop_id, rating) SELECT gen_random_uuid(), $1, 4 FROM generate_series(1, $2)`, [workshopId, n]);
    await rate(3);
    const few = await w.invoke(channel, 'workshop.series', { workshopId: secondId });
    expect(textsOf(few.value)).toContain(`${format(nl.workshop.seriesParticipants, { count: 3 })} · ${nl.workshop.seriesFewRatings}`);
    await rate(2);
    const enough = await w.invoke(channel, 'workshop.series', { workshopId: secondId });
    expect(textsOf(enough.value)).toContain(`${format(nl.workshop.seriesParticipants, { count: 3 })} · ${format(nl.workshop.seriesRating, { rating: '4', count: 5 })}`);
    expect(textsOf(enough.value)).toContain(`${format(nl.workshop.seriesParticipants, { count: 0 })} · ${nl.workshop.seriesFewRatings}`);
    const curious = await w.invoke(w.person(channel, 40), 'workshop.series', { workshopId: secondId });
    expect(textsOf(curious.value)).toContain(nl.workshop.onlyOrganiser);
    expect(JSON.stringify(curious.value)).not.toContain(nl.workshop.seriesTitle);
  });

  it('gives a registered participant a calendar file that only their link opens', async () => {
    const { workshopId } = await w.plan(channel);
    const reply = await w.invoke(w.person(channel, 7), 'workshop.register', { workshopId, version: 1 });
    const link = reply.value.actions.find((a: any) => a.type === 'Action.OpenUrl' && a.url.includes('calendar.ics')).url as string;
    const local = link.replace('http://localhost:3978', h.service.base);
    const ics = await fetch(local);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const body = await ics.text();
    expect(body).toContain('BEGIN:VEVENT');
    expect(body).toContain('meetup-join');
    // A forged token, another workshop's id or no token: 404, and the answer does not say which.
    const forged = local.replace(/t=[^&]+/, `t=${'A'.repeat(32)}`);
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(local.split('?')[0]!)).status).toBe(404);
  });

  it.each([
    ['a date in the past', { date: '2020-01-07' }, nl.workshop.problems['date-in-the-past']],
    ['31 seats', { seats: '31' }, nl.workshop.problems['seats-out-of-bounds']],
    ['an end before the start', { lengthMinutes: '-60' }, nl.workshop.problems['length-out-of-bounds']],
    ['an http link', { location: 'http://example.org/meet' }, nl.workshop.problems['link-not-https']],
    ['an unknown audience', { audience: 'iedereen' }, nl.errors.invalidSubmit],
    ['an unknown organisation', { organisation: 'nasa' }, nl.errors.invalidSubmit],
    ['a note of 501 characters', { note: 'x'.repeat(501) }, nl.errors.invalidSubmit],
  ])('refuses %s with a clear message and plans nothing', async (_what, form, message) => {
    const before = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM workshops');
    const { reply, workshopId } = await w.plan(channel, form);
    expect(workshopId).toBeUndefined();
    expect(textsOf(reply.value)).toContain(message);
    // The form comes back with what was typed.
    expect(reply.value.body.some((b: any) => b.type === 'Input.Text' && b.id === 'location')).toBe(true);
    const after = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM workshops');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('warns outside 4–8 seats with the pilot\'s reason, and plans once the organiser confirms', async () => {
    const { reply } = await w.plan(channel, { seats: '12' });
    expect(textsOf(reply.value)).toContain(nl.workshop.seatsWarnings.online);
    const toggle = reply.value.body.find((b: any) => b.id === 'seatsConfirmed');
    expect(toggle).toBeDefined();
    const submit = reply.value.actions.find((a: any) => a.verb === 'workshop.plan');
    const planned = await w.invoke(channel, 'workshop.plan', { ...submit.data, ...nextTuesday(), location: 'Zaal 2, Den Haag', audience: 'gemengd', seats: '12', language: 'nl', seatsConfirmed: 'true' });
    expect(textsOf(planned.value)).toContain('12 van 12 vrij');
  });

  it('plans one workshop however often the form is sent', async () => {
    const { reply, replyToId } = await w.plan(channel);
    expect(reply.statusCode).toBe(200);
    const before = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM workshops');
    const again = await w.invoke(channel, 'workshop.plan', { ...w.lastPlanForm!, ...nextTuesday(), location: 'Zaal 2', audience: 'gemengd', seats: '8', language: 'nl' }, replyToId);
    expect(textsOf(again.value)).toContain(nl.workshop.invitationTitle);
    const after = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM workshops');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('lets only the organiser change or cancel, refuses an outdated card, and tells everyone of a cancellation', async () => {
    const { workshopId } = await w.plan(channel);
    await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 1 });
    const notOrganiser = await w.invoke(w.person(channel, 1), 'workshop.cancelConfirmed', { workshopId, version: 1 });
    expect(textsOf(notOrganiser.value)).toContain(nl.workshop.onlyOrganiser);

    // The organiser moves it a week on: version 2; a card still showing version 1 is outdated.
    const change = await w.invoke(channel, 'workshop.change', { workshopId, version: 1 });
    const move = change.value.actions.find((a: any) => a.verb === 'workshop.move');
    const later = nextTuesday('14:00', 10);
    const moved = await w.invoke(channel, 'workshop.move', { ...move.data, ...later, lengthMinutes: '90', location: 'https://teams.microsoft.com/l/meetup-join/19%3anew', audience: 'gemengd', seats: '8', language: 'nl' });
    expect(textsOf(moved.value)).toContain(nl.workshop.outcomes.gewijzigd);
    expect(textsOf(moved.value)).toContain('14:00–15:30');
    const outdated = await w.invoke(w.person(channel, 2), 'workshop.register', { workshopId, version: 1 });
    expect(textsOf(outdated.value)).toContain(nl.workshop.outcomes.verouderd);
    expect((await w.registrations(workshopId!)).map((r) => r.aad_object_id)).toEqual(['aad-colleague-1']);

    h.connector.clear();
    const confirm = await w.invoke(channel, 'workshop.cancel', { workshopId, version: 2 });
    expect(textsOf(confirm.value)).toContain(nl.workshop.cancelConfirm);
    const cancelled = await w.invoke(channel, 'workshop.cancelConfirmed', { workshopId, version: 2 });
    expect(textsOf(cancelled.value)).toContain(nl.workshop.outcomes.geannuleerd);
    // Nothing to register, change or cancel any more; the organiser may plan it again on another day.
    expect(cancelled.value.actions.filter((a: any) => a.type === 'Action.Execute').map((a: any) => a.verb)).toEqual(['workshop.repeat']);
    await h.connector.until(() => h.connector.received.some((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices.cancelled)));
    const late = await w.invoke(w.person(channel, 3), 'workshop.register', { workshopId, version: 3 });
    expect(textsOf(late.value)).toContain(nl.workshop.outcomes.gesloten);
  });

  it('keeps every given seat when the organiser changes the seats, and moves the waiting list up when seats are added', async () => {
    const { workshopId } = await w.plan(channel, { seats: '4' });
    for (let i = 1; i <= 6; i++) await w.invoke(w.person(channel, i), 'workshop.register', { workshopId, version: 1 });
    const change = await w.invoke(channel, 'workshop.change', { workshopId, version: 1 });
    const move = change.value.actions.find((a: any) => a.verb === 'workshop.move');
    // The change form comes filled with the workshop as it is.
    const dateInput = JSON.stringify(change.value).match(/"type":"Input.Date","id":"date"[^}]*"value":"([\d-]+)"/);
    const form = { date: dateInput![1], time: '10:00', lengthMinutes: '120', location: 'Zaal 3', audience: 'gemengd', language: 'nl' };
    const fewer = await w.invoke(channel, 'workshop.move', { ...move.data, ...form, seats: '3' });
    expect(textsOf(fewer.value)).toContain(nl.workshop.tooFewSeats.replace('{registered}', '4'));
    expect((await w.registrations(workshopId!)).filter((r) => r.status === 'aangemeld')).toHaveLength(4);

    h.connector.clear();
    const more = await w.invoke(channel, 'workshop.move', { ...move.data, ...form, seats: '5' });
    expect(textsOf(more.value)).toContain(nl.workshop.outcomes.gewijzigd);
    const after = await w.registrations(workshopId!);
    expect(after.filter((r) => r.status === 'aangemeld').map((r) => r.aad_object_id)).toEqual(['aad-colleague-1', 'aad-colleague-2', 'aad-colleague-3', 'aad-colleague-4', 'aad-colleague-5']);
    await h.connector.until(() => h.connector.received.some((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices.promoted)));
  });

  it('asks the next facilitator after a decline, confirms when both accept and tells the organiser', async () => {
    const { workshopId } = await w.plan(channel);
    const duo = async () =>
      (
        await h.service.app.db.query<{ facilitator_id: string; aad_object_id: string; status: string }>(
          `SELECT x.facilitator_id, f.aad_object_id, x.status FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1 ORDER BY x.asked_at, f.id`,
          [workshopId],
        )
      ).rows;
    const [first, second] = await duo();
    const as = (aad: string) => ({ ...channel, conversationType: 'personal' as const, conversationId: `a:${aad}`, aadObjectId: aad, userId: `29:${aad}` });
    // Somebody else pressing a facilitator's button changes nothing.
    const forged = await w.invoke(w.person(channel, 1), 'duo.decline', { workshopId, facilitatorId: first!.facilitator_id });
    expect(forged.value).toBe(nl.errors.invalidSubmit);

    const declined = await w.invoke(as(first!.aad_object_id), 'duo.decline', { workshopId, facilitatorId: first!.facilitator_id });
    expect(textsOf(declined.value)).toContain(nl.workshop.answers['nieuw-voorstel']);
    const asked = (await duo()).filter((d) => d.status === 'gevraagd');
    expect(asked).toHaveLength(2);
    const replacement = asked.find((d) => d.facilitator_id !== second!.facilitator_id)!;
    expect(replacement.facilitator_id).not.toBe(first!.facilitator_id);

    h.connector.clear();
    await w.invoke(as(second!.aad_object_id), 'duo.accept', { workshopId, facilitatorId: second!.facilitator_id });
    const confirmed = await w.invoke(as(replacement.aad_object_id), 'duo.accept', { workshopId, facilitatorId: replacement.facilitator_id });
    expect(textsOf(confirmed.value)).toContain(nl.workshop.answers.bevestigd);
    // The same answer again is answered as the first; another answer after it changes nothing.
    const again = await w.invoke(as(replacement.aad_object_id), 'duo.accept', { workshopId, facilitatorId: replacement.facilitator_id });
    expect(textsOf(again.value)).toContain(nl.workshop.answers.bevestigd);
    const otherAnswer = await w.invoke(as(replacement.aad_object_id), 'duo.decline', { workshopId, facilitatorId: replacement.facilitator_id });
    expect(textsOf(otherAnswer.value)).toContain(nl.workshop.answers['al-beantwoord']);
    await h.connector.until(() => h.connector.received.some((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices['duo-confirmed'])));
    const status = await h.service.app.db.query<{ status: string }>('SELECT status FROM workshops WHERE id = $1', [workshopId]);
    expect(status.rows[0]!.status).toBe('bevestigd');
  });

  it('asks the next facilitator when one does not answer within the configured hours', async () => {
    const { workshopId } = await w.plan(channel);
    const asked = async () =>
      (await h.service.app.db.query<{ facilitator_id: string; status: string }>('SELECT facilitator_id, status FROM workshop_assignments WHERE workshop_id = $1 ORDER BY asked_at, facilitator_id', [workshopId])).rows;
    const [silent] = await asked();
    await h.service.app.db.query(`UPDATE workshop_assignments SET asked_at = now() - interval '49 hours' WHERE workshop_id = $1 AND facilitator_id = $2`, [workshopId, silent!.facilitator_id]);
    await eventually(async () => (await asked()).some((a) => a.facilitator_id === silent!.facilitator_id && a.status === 'verlopen'));
    const now = await asked();
    expect(now.filter((a) => a.status === 'gevraagd')).toHaveLength(2);
    expect(now).toHaveLength(3);
  });

  it('after the end: an evaluation without the person, once; a private request for a follow-up conversation; referral options from a facilitator', async () => {
    const { workshopId } = await w.plan(channel);
    const participant = w.person(channel, 1);
    await w.invoke(participant, 'workshop.register', { workshopId, version: 1 });
    const [f1, f2] = (
      await h.service.app.db.query<{ facilitator_id: string; aad_object_id: string }>(
        `SELECT x.facilitator_id, f.aad_object_id FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1`,
        [workshopId],
      )
    ).rows;
    for (const f of [f1!, f2!]) await w.invoke({ ...channel, aadObjectId: f.aad_object_id, userId: `29:${f.aad_object_id}` }, 'duo.accept', { workshopId, facilitatorId: f.facilitator_id });
    // Evaluating before the end is refused.
    const early = await w.invoke(participant, 'workshop.evaluate', { workshopId, rating: '5' });
    expect(textsOf(early.value)).toContain(nl.workshop.evaluated['te-vroeg']);

    // The workshop ends: the scheduled evaluation goes out to the participant, the after-card to the duo.
    await h.service.app.db.query(`UPDATE workshops SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [workshopId]);
    await h.service.app.db.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 minute' WHERE workshop_id = $1 AND kind = 'evaluation'`, [workshopId]);
    h.connector.clear();
    await h.connector.until(
      () =>
        h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices.evaluation)).length === 1 &&
        h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices['facilitator-after'])).length === 2,
    );

    // A finished workshop takes no registrations.
    const late = await w.invoke(w.person(channel, 8), 'workshop.register', { workshopId, version: 1 });
    expect(textsOf(late.value)).toContain(nl.workshop.outcomes.gesloten);

    const rated = await w.invoke(participant, 'workshop.evaluate', { workshopId, rating: '4', takeaway: 'Meer luisteren naar elkaar' });
    expect(textsOf(rated.value)).toContain(nl.workshop.evaluated.bewaard);
    const twice = await w.invoke(participant, 'workshop.evaluate', { workshopId, rating: '1' });
    expect(textsOf(twice.value)).toContain(nl.workshop.evaluated['al-gedaan']);
    const stranger = await w.invoke(w.person(channel, 9), 'workshop.evaluate', { workshopId, rating: '1' });
    expect(textsOf(stranger.value)).toContain(nl.workshop.evaluated['niet-deelnemer']);
    // The evaluation leaves through the mixer.
    await settle(h.service.app);
    const stored = await h.service.app.db.query('SELECT * FROM workshop_evaluations WHERE workshop_id = $1', [workshopId]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]).toMatchObject({ rating: 4 });
    const everything = JSON.stringify((await h.service.app.db.query('SELECT * FROM workshop_evaluations')).rows);
    for (const secret of ['aad-colleague-1', '29:colleague-1', 'Meer luisteren']) expect(everything).not.toContain(secret);
    // The two rows were written in different transactions: nothing but the workshop links them.
    const xmins = await h.service.app.db.query<{ x: string }>(
      `SELECT xmin::text AS x FROM workshop_evaluations WHERE workshop_id = $1 UNION ALL SELECT xmin::text FROM registrations WHERE workshop_id = $1 AND evaluated`,
      [workshopId],
    );
    expect(new Set(xmins.rows.map((r) => r.x)).size).toBe(2);

    h.connector.clear();
    const aftercare = await w.invoke(participant, 'workshop.aftercare', { workshopId });
    expect(aftercare.value).toBe(nl.workshop.aftercareAsked);
    await h.connector.until(() => h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes('Collega 1')).length === 2);
    // Nothing went to the channel.
    expect(h.connector.received.some((r) => r.conversationId === channel.conversationId)).toBe(false);

    h.connector.clear();
    const notFacilitator = await w.invoke(participant, 'workshop.sendFollowUp', { workshopId });
    expect(notFacilitator.value).toBe(nl.workshop.followUpNotFacilitator);
    const sent = await w.invoke({ ...channel, aadObjectId: f1!.aad_object_id, userId: `29:${f1!.aad_object_id}` }, 'workshop.sendFollowUp', { workshopId });
    expect(sent.value).toBe(nl.workshop.followUpSent);
    await h.connector.until(() => h.connector.received.some((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.notices['follow-up'])));
    // Participants come from across the Rijk: each names their own organisation, the team's is not assumed.
    const followUp = h.connector.received.map((r) => r.activity.attachments?.[0]?.content).find((c) => textsOf(c).includes(nl.workshop.notices['follow-up']));
    expect(followUp.actions.map((a: { data: { action: string } }) => a.data.action)).toEqual(['talk.show']);
    expect(followUp.body.find((b: { id?: string }) => b.id === 'organisation').value).toBeUndefined();
  });

  it('"Mijn gegevens": deleting gives up my seat to the first who waits, and removes my registrations and pending notices', async () => {
    const { workshopId } = await w.plan(channel, { seats: '2', seatsConfirmed: 'true' });
    for (let i = 71; i <= 73; i++) await w.invoke(w.person(channel, i), 'workshop.register', { workshopId, version: 1 });
    const me = { ...w.person(channel, 71), conversationType: 'personal' as const, conversationId: `a:me-${Math.random()}` };
    const shown = await h.turn(submit(me, { action: 'capability.myData' }));
    expect(textsOf(shown.activity.attachments![0]!.content)).toContain(nl.myData.registrations);
    const deleted = await h.turn(submit(me, { action: 'myData.delete' }));
    expect(deleted.activity.text).toBe(format(nl.myData.deleted, { signals: '0 signalen met je naam', registrations: '1 aanmelding voor een workshop' }));
    const left = await w.registrations(workshopId!);
    expect(left.map((r) => [r.aad_object_id, r.status])).toEqual([
      ['aad-colleague-72', 'aangemeld'],
      ['aad-colleague-73', 'aangemeld'],
    ]);
    await eventually(async () => (await h.service.app.db.query(`SELECT 1 FROM outbox WHERE recipient->>'aadObjectId' = 'aad-colleague-71'`)).rows.length === 0);
  });

  it('forgets who took part a month after the end, keeping only the count, and deletes the workshop after two years', async () => {
    const { workshopId } = await w.plan(channel);
    for (let i = 1; i <= 3; i++) await w.invoke(w.person(channel, i), 'workshop.register', { workshopId, version: 1 });
    const db = h.service.app.db as Database;
    await db.query(`UPDATE workshops SET starts_at = now() - interval '40 days', ends_at = now() - interval '40 days' + interval '2 hours' WHERE id = $1`, [workshopId]);
    const first = await enforceWorkshopRetention(db, { peopleDays: 30, days: 730 });
    expect(first.workshopsForgotten).toBeGreaterThanOrEqual(1);
    const row = (await db.query('SELECT organiser_aad_object_id, organiser_user_id, participants_kept FROM workshops WHERE id = $1', [workshopId])).rows[0];
    expect(row).toEqual({ organiser_aad_object_id: null, organiser_user_id: null, participants_kept: 3 });
    expect(await w.registrations(workshopId!)).toEqual([]);
    await db.query(`UPDATE workshops SET starts_at = now() - interval '800 days', ends_at = now() - interval '800 days' + interval '2 hours' WHERE id = $1`, [workshopId]);
    await enforceWorkshopRetention(db, { peopleDays: 30, days: 730 });
    expect((await db.query('SELECT 1 FROM workshops WHERE id = $1', [workshopId])).rows).toEqual([]);
  });

  it('refuses malformed actions with a message and changes nothing', async () => {
    const before = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations');
    for (const [verb, data] of [
      ['workshop.register', { workshopId: 'not-a-uuid', version: 1 }],
      ['workshop.register', { workshopId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11' }],
      ['workshop.drop', { workshopId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', version: 1 }],
      ['workshop.evaluate', { workshopId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', rating: '6' }],
    ] as const) {
      const reply = await w.invoke(w.person(channel, 1), verb, data);
      expect(reply.status).toBe(200);
      expect(reply.value).toBe(nl.errors.invalidSubmit);
    }
    const unknown = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', version: 1 });
    expect(unknown.value).toBe(nl.workshop.outcomes.onbekend);
    const after = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

describe.each(storesUnderTest())('workshops in personal chat and on schedule on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore);
  const w = workshopSteps(h);
  const chatOf = (n: number): ActivityOptions => ({ serviceUrl: h.connector.serviceUrl, conversationId: `a:personal-${n}-${Math.random()}`, userId: `29:person-${n}`, aadObjectId: `aad-person-${n}` });

  it('plans a Rijk-wide online workshop from personal chat; "workshops" lists it for others, who register from the list', async () => {
    const organiser = chatOf(1);
    const form = await h.turn(message(organiser, 'workshop plannen'));
    const formCard = form.activity.attachments![0]!.content as any;
    expect(textsOf(formCard)).toContain(nl.workshop.formIntro);
    const submit = formCard.actions.find((a: any) => a.verb === 'workshop.plan');
    const planned = await w.invoke(organiser, 'workshop.plan', { ...submit.data, ...nextTuesday('13:00', 5), location: 'https://teams.microsoft.com/l/meetup-join/rijksbreed', audience: 'gemengd', seats: '6', language: 'nl' }, form.activity.id as string);
    expect(textsOf(planned.value)).toContain('6 van 6 vrij');

    const colleague = chatOf(2);
    const list = await h.turn(message(colleague, 'workshops'));
    const listCard = list.activity.attachments![0]!.content as any;
    expect(textsOf(listCard)).toContain(nl.workshop.openRijksbreed);
    expect(textsOf(listCard)).toContain('6 van 6 vrij');
    const register = JSON.stringify(listCard).match(/"verb":"workshop.register","data":(\{[^}]*\})/);
    const reply = await w.invoke(colleague, 'workshop.register', JSON.parse(register![1]!));
    expect(textsOf(reply.value)).toContain(nl.workshop.outcomes.aangemeld);

    const mine = await h.turn(message(colleague, 'workshops'));
    expect(textsOf(mine.activity.attachments![0]!.content)).toContain(nl.workshop.myStatus.aangemeld);
  });

  it('reminds every participant the day before and an hour before, once, with the link', async () => {
    const channel: ActivityOptions = { serviceUrl: h.connector.serviceUrl, conversationId: `19:reminders-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:manager', aadObjectId: `aad-manager-${Math.random()}` };
    const { workshopId } = await w.plan(channel);
    for (let i = 1; i <= 3; i++) await w.invoke(w.person(channel, i), 'workshop.register', { workshopId, version: 1 });
    h.connector.clear();
    await h.service.app.db.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 second' WHERE workshop_id = $1 AND kind IN ('reminder-day', 'reminder-hour')`, [workshopId]);
    const reminders = () => h.connector.received.filter((r) => /Herinnering/.test(textsOf(r.activity.attachments?.[0]?.content)));
    await h.connector.until(() => reminders().length >= 6);
    // Quiet before counting: both jobs claimed and the outbox sent out, so a second send would be in already.
    const unsent = async () =>
      (
        await h.service.app.db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM workshop_jobs WHERE workshop_id = $1 AND kind <> 'evaluation' AND done_at IS NULL)::int
                + (SELECT count(*) FROM outbox WHERE workshop_id = $1 AND notice LIKE 'reminder-%' AND status <> 'failed')::int AS n`,
          [workshopId],
        )
      ).rows[0]!.n;
    await eventually(async () => (await unsent()) === 0);
    expect(reminders()).toHaveLength(6);
    const card = reminders()[0]!.activity.attachments![0]!.content as any;
    expect(card.actions.map((a: any) => a.title)).toContain(nl.workshop.joinOnline);
    const jobs = await h.service.app.db.query<{ done: boolean }>(`SELECT done_at IS NOT NULL AS done FROM workshop_jobs WHERE workshop_id = $1 AND kind <> 'evaluation'`, [workshopId]);
    expect(jobs.rows.every((j) => j.done)).toBe(true);
  });
});
