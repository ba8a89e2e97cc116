import { en, nl } from '../support/strings';
import { escapeText } from '../../bot/src/features/workshops/calendar';
import { wallClockOf } from '../../bot/src/features/workshops/local-time';
import { type ActivityOptions, message } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { textsOf } from '../support/card-reading';
import { EntraStandIn } from '../support/entra-stand-in';
import { storesUnderTest } from '../support/storages';
import { nextTuesday, nextWeekday, workshopSteps } from '../support/workshop-steps';

jest.setTimeout(120_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

/** A Sunday at least `days` ahead, in Dutch time: the seeded pool works on weekdays only. */
const nextSunday = (days = 3): { date: string; time: string } => ({ date: nextWeekday(0, days), time: '10:00' });

const verbsOf = (card: any): string[] => (card.actions ?? []).map((a: any) => a.verb).filter(Boolean);

describe.each(storesUnderTest())('what each person sees of a workshop on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({ tab: entra.tabSettings }));
  const w = workshopSteps(h);
  let channel: ActivityOptions;
  beforeEach(() => {
    channel = w.channel();
  });

  const db = () => h.service.app.db;
  const call = async (path: string, token: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${h.service.base}${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'nl-NL', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** The invitation in the channel as it was last updated for everyone. */
  const sharedCard = (replyToId: string): any => [...h.connector.updates].reverse().find((u) => u.activityId === replyToId)?.activity.attachments?.[0]?.content;
  const coordinatorToken = (oid = `0e000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`) => entra.token(oid, { roles: ['Coordinator'] });
  const inPool = async (workshopId: string, token: string) => (await call('/api/workshops', token)).body.workshops.find((x: { id: string }) => x.id === workshopId);

  it('a channel member reading the shared cards\' JSON finds no Teams id, Entra id or name of the organiser, who registered or who was asked', async () => {
    h.connector.clear();
    const { workshopId, replyToId } = await w.plan(channel);
    const people = [1, 2, 3].map((n) => w.person(channel, n));
    for (const p of people) await w.invoke(p, 'workshop.register', { workshopId, version: 1 });
    await w.allSent(workshopId!);
    const duo = await w.duo(workshopId!);

    // Every card the channel got: the planning card posted there and every update of the invitation. (The envelope
    // around a reply names whom it answers for the Bot Connector; members are shown the card.)
    const shared = [
      ...h.connector.received.filter((r) => r.conversationId === channel.conversationId).map((r) => r.activity),
      ...h.connector.updates.filter((u) => u.conversationId === channel.conversationId).map((u) => u.activity),
    ].flatMap((a) => (a.attachments ?? []).map((x) => x.content));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    const json = JSON.stringify(shared);
    const identities = [
      channel.userId!,
      channel.aadObjectId!,
      channel.name!,
      ...people.flatMap((p) => [p.userId!, p.aadObjectId!, p.name!]),
      ...duo.flatMap((d) => [d.aad_object_id, `29:${d.aad_object_id}`]),
    ];
    for (const identity of identities) expect(json).not.toContain(identity);
    // Each card still asks every viewer's client for that viewer's own view.
    const invitation = sharedCard(replyToId)!;
    expect(invitation.refresh).toEqual({ action: { type: 'Action.Execute', verb: 'workshop.refresh', data: { workshopId } } });

    // A viewer's refresh answers their own view, and only theirs.
    const mine = await w.invoke(people[0]!, 'workshop.refresh', { workshopId });
    expect(textsOf(mine.value)).toContain(nl.workshop.myStatus.aangemeld);
    const stranger = await w.invoke(w.person(channel, 9), 'workshop.refresh', { workshopId });
    expect(textsOf(stranger.value)).toContain(nl.workshop.myStatus['niet-aangemeld']);
    expect(verbsOf(stranger.value)).toEqual(['workshop.register']);
    const organiser = await w.invoke(channel, 'workshop.refresh', { workshopId });
    expect(verbsOf(organiser.value)).toEqual(['workshop.register', 'workshop.change', 'workshop.cancel', 'workshop.repeat']);
    // A personal view keeps itself current the same way, naming nobody either.
    expect(mine.value.refresh).toEqual(invitation.refresh);
    // Where Teams does not refresh by itself, "Mijn status" on the shared card does the same.
    expect(verbsOf(invitation)).toEqual(['workshop.register', 'workshop.refresh']);
  });

  it('a workshop no duo can be found for (a Sunday): one state, said the same to the organiser, in the channel and in Pool, with what to do next', async () => {
    h.connector.clear();
    const coordinator = await coordinatorToken();
    const { reply, workshopId, replyToId } = await w.plan(channel, nextSunday());
    expect(workshopId).toBeDefined();
    // The organiser's own card: why nobody can register, and what they can do.
    const own = textsOf(reply.value);
    expect(own).toContain(nl.workshop.noDuoOrganiser);
    expect(own).toContain(nl.workshop.duoNone);
    expect(verbsOf(reply.value)).toEqual(['workshop.change', 'workshop.cancel', 'workshop.repeat']);
    expect(await w.duo(workshopId!)).toEqual([]);

    // Their message in a personal chat says the same, with the date, and offers another date.
    await w.allSent(workshopId!);
    const notice = h.connector.received.find((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.chooseOtherDate))!;
    const noticeCard: any = notice.activity.attachments![0]!.content;
    expect(textsOf(noticeCard)).toMatch(/Er zijn geen begeleiders gevonden voor je workshop van \d{1,2} [a-z]+ \d{4}\./);
    expect(verbsOf(noticeCard)).toEqual(['workshop.change']);
    expect(notice.conversationId).not.toBe(channel.conversationId);

    // The channel: the same state, and no registration open.
    const shared = sharedCard(replyToId)!;
    expect(textsOf(shared)).toContain(nl.workshop.noDuoBanner);
    expect(textsOf(shared)).toContain(nl.workshop.duoNone);
    expect(textsOf(shared)).not.toContain(nl.workshop.duoPending);
    expect(verbsOf(shared)).toEqual(['workshop.refresh']);
    const refused = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 1 });
    expect(textsOf(refused.value)).toContain(nl.workshop.outcomes['geen-duo']);
    expect(await w.registrations(workshopId!)).toEqual([]);

    // The coordinator's Pool: the same state, not "gepland".
    expect((await inPool(workshopId!, coordinator)).status).toBe('geen-duo');

    // The organiser takes the way out: another date, on a weekday. A duo is asked and registration opens.
    h.connector.clear();
    const change = await w.invoke(channel, 'workshop.change', noticeCard.actions[0].data);
    const move = change.value.actions.find((a: any) => a.verb === 'workshop.move');
    const moved = await w.invoke(channel, 'workshop.move', { ...move.data, ...nextTuesday('10:00', 15 * 7), lengthMinutes: '120', location: 'Zaal 1', audience: 'gemengd', seats: '8', language: 'nl' });
    expect(textsOf(moved.value)).toContain(nl.workshop.outcomes.gewijzigd);
    expect(textsOf(moved.value)).toContain(nl.workshop.duoPending);
    expect(textsOf(moved.value)).not.toContain(nl.workshop.noDuoOrganiser);
    expect((await w.duo(workshopId!)).map((d) => d.status)).toEqual(['gevraagd', 'gevraagd']);
    await w.allSent(workshopId!);
    expect(h.connector.received.filter((r) => textsOf(r.activity.attachments?.[0]?.content).includes(nl.workshop.duoRequestTitle))).toHaveLength(2);
    expect(verbsOf(sharedCard(replyToId))).toEqual(['workshop.register', 'workshop.refresh']);
    expect((await inPool(workshopId!, coordinator)).status).toBe('gepland');
    const registered = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 2 });
    expect(textsOf(registered.value)).toContain(nl.workshop.outcomes.aangemeld);
  });

  it('a curious coordinator sees "< 5" for a small workshop\'s registrations; its organiser and its duo see their own seats exactly', async () => {
    const { workshopId } = await w.plan(channel);
    for (const n of [1, 2, 3]) await w.invoke(w.person(channel, n), 'workshop.register', { workshopId, version: 1 });
    const curious = await inPool(workshopId!, await coordinatorToken());
    expect(curious).toMatchObject({ audience: 'mt-leidinggevenden', registered: '< 5', waiting: 0, seats: 8 });
    expect(JSON.stringify(curious)).not.toMatch(/"registered":3/);
    // The same coordinator who organises it, or facilitates it, needs the number.
    expect(await inPool(workshopId!, await coordinatorToken(channel.aadObjectId!))).toMatchObject({ registered: 3 });
    const [facilitator] = await w.duo(workshopId!);
    expect(await inPool(workshopId!, await coordinatorToken(facilitator!.aad_object_id))).toMatchObject({ registered: 3 });
    // Five and more say nothing about one person: shown as they are.
    for (const n of [4, 5]) await w.invoke(w.person(channel, n), 'workshop.register', { workshopId, version: 1 });
    expect(await inPool(workshopId!, await coordinatorToken())).toMatchObject({ registered: 5 });
  });

  it('the calendar file names who facilitates in a sentence for each case, in Dutch and English', async () => {
    const { workshopId } = await w.plan(channel);
    const reply = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId, version: 1 });
    const link = (reply.value.actions.find((a: any) => a.type === 'Action.OpenUrl' && a.url.includes('calendar.ics')).url as string).replace('http://localhost:3978', h.service.base);
    const description = async (lang = 'nl-NL') => {
      const body = (await (await fetch(link, { headers: { 'accept-language': lang } })).text()).replace(/\r\n /g, '');
      return body.split('\r\n').find((l) => l.startsWith('DESCRIPTION:'));
    };
    const line = (text: string) => `DESCRIPTION:${escapeText(text)}`;
    expect(await description()).toBe(line(`${nl.workshop.calendarDuo.asked} ${nl.workshop.calendarFooter}`));
    expect(await description('en-GB')).toBe(line(`${en.workshop.calendarDuo.asked} ${en.workshop.calendarFooter}`));

    const [first, second] = await w.duo(workshopId!);
    const name = async (id: string) => (await db().query<{ display_name: string }>('SELECT display_name FROM facilitators WHERE id = $1', [id])).rows[0]!.display_name;
    await w.invoke(w.facilitator(first!.aad_object_id), 'duo.accept', { workshopId, facilitatorId: first!.facilitator_id });
    expect(await description()).toBe(line(`${nl.workshop.calendarDuo['one-confirmed'].replace('{name}', await name(first!.facilitator_id))} ${nl.workshop.calendarFooter}`));
    await w.invoke(w.facilitator(second!.aad_object_id), 'duo.accept', { workshopId, facilitatorId: second!.facilitator_id });
    const both = nl.workshop.calendarDuo.confirmed.replace('{first}', await name(first!.facilitator_id)).replace('{second}', await name(second!.facilitator_id));
    expect(await description()).toBe(line(`${both} ${nl.workshop.calendarFooter}`));
    expect(await description()).not.toMatch(/begeleid door (Er|Twee|Geen)/);
  });

  it('a date that has passed is called so beside the date, in Dutch and English, and plans nothing', async () => {
    const yesterday = wallClockOf(new Date(Date.now() - 24 * 60 * 60 * 1000), 'Europe/Amsterdam').date;
    for (const [t, locale] of [[nl, 'nl-NL'], [en, 'en-GB']] as const) {
      const { reply, workshopId } = await w.plan({ ...channel, locale }, { date: yesterday });
      expect(workshopId).toBeUndefined();
      const body = reply.value.body as any[];
      const dateRow = body.findIndex((b) => b.type === 'ColumnSet' && JSON.stringify(b).includes('"id":"date"'));
      expect(body[dateRow + 1]).toMatchObject({ type: 'TextBlock', text: t.workshop.problems['date-in-the-past'] });
      expect(textsOf(reply.value)).toContain(t.workshop.formProblem);
      // The date field itself sets no earliest date: a client would say only "Kies een datum." under a past one.
      expect(JSON.stringify(body[dateRow])).not.toContain('"min"');
    }
  });

  it('says the seat advice only as it applies: "online" only for an online workshop, never a number nobody typed', async () => {
    const online = await w.plan(channel, { seats: '12' });
    expect(textsOf(online.reply.value)).toContain(nl.workshop.seatsWarnings.online);
    const room = await w.plan(channel, { seats: '12', location: 'Zaal 4.12, Den Haag' });
    expect(textsOf(room.reply.value)).toContain(nl.workshop.seatsWarnings.place);
    expect(textsOf(room.reply.value)).not.toContain('Online werkt');
    const none = await w.plan(channel, { seats: '0' });
    expect(none.workshopId).toBeUndefined();
    expect(textsOf(none.reply.value)).toContain(nl.workshop.problems['seats-out-of-bounds']);
    expect(textsOf(none.reply.value)).not.toMatch(/Je koos|\b2 plaatsen/);
  });

  it('names the edit form and the cancel buttons for what they do', async () => {
    const { workshopId } = await w.plan(channel);
    const change = await w.invoke(channel, 'workshop.change', { workshopId, version: 1 });
    const texts = textsOf(change.value);
    expect(texts).toContain(nl.workshop.changeTitle);
    expect(texts).not.toContain(nl.workshop.formTitle);
    expect(texts).not.toContain('zodra je plant');
    expect(change.value.actions.map((a: any) => a.title)).toEqual([nl.workshop.saveChange, nl.workshop.cancelChange]);
    const confirm = await w.invoke(channel, 'workshop.cancel', { workshopId, version: 1 });
    expect(confirm.value.actions.map((a: any) => a.title)).toEqual(['Workshop afzeggen', 'Terug']);
  });

  it('lists a request with where and for whom, a team\'s workshop never as "Rijksbreed", and names a co-facilitator only once they accepted', async () => {
    const { workshopId } = await w.plan(channel, { organisation: '', location: 'Zaal 5, Utrecht', audience: 'nieuwe-medewerkers' });
    const [first, second] = await w.duo(workshopId!);
    const token = await entra.token(first!.aad_object_id);
    const request = (await call('/api/planning', token)).body.pending.find((p: { workshopId: string }) => p.workshopId === workshopId);
    expect(request).toMatchObject({ organisation: null, rijksbreed: false, place: 'Zaal 5, Utrecht', audience: 'nieuwe-medewerkers' });
    await call(`/api/planning/requests/${workshopId}`, token, { method: 'POST', body: { answer: 'accept' } });
    const upcoming = async () => (await call('/api/planning', token)).body.upcoming.find((u: { workshopId: string }) => u.workshopId === workshopId);
    expect((await upcoming()).coFacilitator).toEqual({ status: 'asked' });
    await w.invoke(w.facilitator(second!.aad_object_id), 'duo.accept', { workshopId, facilitatorId: second!.facilitator_id });
    const name = (await db().query<{ display_name: string }>('SELECT display_name FROM facilitators WHERE id = $1', [second!.facilitator_id])).rows[0]!.display_name;
    expect((await upcoming()).coFacilitator).toEqual({ status: 'accepted', name });
  });

  it('"help" in a personal chat says what can be typed; "hallo" shows the menu without it', async () => {
    const chat = { ...h.newChat(), conversationType: 'personal' as const };
    const help = textsOf((await h.turn(message(chat, 'help'))).activity.attachments![0]!.content);
    expect(help).toContain(nl.welcome.helpTitle);
    for (const item of nl.welcome.helpItems) expect(help).toContain(item);
    expect(help).toContain(nl.welcome.intro);
    const hello = textsOf((await h.turn(message(chat, 'hallo'))).activity.attachments![0]!.content);
    expect(hello).not.toContain(nl.welcome.helpTitle);
    const english = textsOf((await h.turn(message({ ...chat, locale: 'en-US' }, 'help'))).activity.attachments![0]!.content);
    expect(english).toContain(en.welcome.helpItems[0]);
  });
});
