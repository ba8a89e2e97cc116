import { en, nl } from '../support/strings';
import { type ActivityOptions, botInstalled, message } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { actionData, cardOf, caseCodeOn, textsOf } from '../support/card-reading';
import { format } from '../../bot/src/platform/i18n/locale';
import { addDays, addMonths } from '../../bot/src/shared/desk-terms';
import { DeskReminders } from '../../bot/src/features/desk/desk-reminders';
import { DatabaseSignalDeskStore } from '../../bot/src/features/desk/signal-desk-store';
import { longDate, shortDate } from '../../bot/src/shared/dates';
import { EntraStandIn } from '../support/entra-stand-in';
import { eventually } from '../support/eventually';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { DatabaseNetworkStore } from '../../bot/src/features/insights/network-store';
import { quarterOf } from '../../bot/src/features/insights/periods';
import { settle, signalIdOf, startService, TEST_SIGNAL_KEY } from '../support/service';
import { storesUnderTest, tempPglite } from '../support/storages';
import { workshopSteps } from '../support/workshop-steps';

jest.setTimeout(90_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

/** Anouk Verbeek of the seeded pool. */
const FACILITATOR_OID = '6f1c0a10-0000-4000-8000-000000000001';
/** The seeded counsellor who staffs BZK's vertrouwenspersoon inbox. */
const BZK_COUNSELLOR = 'de000000-0000-4000-8000-00000000c001';

describe.each(storesUnderTest())('the tab API with Entra ID tokens on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({
    tab: entra.tabSettings,
  }));
  const call = async (path: string, token?: string, init: { method?: string; body?: unknown; lang?: string } = {}) => {
    const res = await fetch(`${h.service.base}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        'accept-language': init.lang ?? 'nl-NL',
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('accepts a correctly signed token and gives the pool\'s facilitator their planning', async () => {
    const res = await call('/api/planning', await entra.token(FACILITATOR_OID));
    expect(res.status).toBe(200);
    expect(res.body.facilitator).toMatchObject({ id: 'fac-bzk-anouk', organisation: 'bzk' });
    expect(res.body.availability.length).toBeGreaterThan(10);
    expect(res.body.workshopsThisYear).toBe(0);
  });

  it.each([
    ['no token', async () => undefined],
    ['a token for another audience', () => entra.token(FACILITATOR_OID, { aud: 'api://elsewhere/00000000-0000-4000-8000-000000000000' })],
    ['a token from another issuer', () => entra.token(FACILITATOR_OID, { iss: 'https://login.microsoftonline.com/common/v2.0' })],
    ['an expired token', () => entra.token(FACILITATOR_OID, { exp: Math.floor(Date.now() / 1000) - 3600 })],
    ['a token of another tenant', () => entra.token(FACILITATOR_OID, { tid: '00000000-0000-4000-8000-000000000bad' })],
    ['a token signed by a key Entra never published', () => entra.token(FACILITATOR_OID, { signWith: 'stranger' })],
    ['an unsigned token (alg: none)', async () => entra.unsigned(FACILITATOR_OID)],
    ['a malformed header', async () => 'not a token'],
  ])('refuses %s with 401 and a message in the caller\'s language', async (_what, make) => {
    const token = await make();
    const res = await call('/api/planning', token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthenticated', message: nl.api.unauthenticated });
    const english = await call('/api/me', token, { lang: 'en-US' });
    expect(english.body.message).toBe(en.api.unauthenticated);
  });

  it('checks every route\'s role: an employee or a coordinator may not read a facilitator\'s planning (403), and the refusal is logged without who it was', async () => {
    const employee = await entra.token('0e000000-0000-4000-8000-0000000000e1');
    expect((await call('/api/me', employee)).body).toEqual({ roles: [] });
    const refused = await call('/api/planning', employee);
    expect(refused).toEqual({ status: 403, body: { error: 'forbidden', message: nl.api.forbidden } });
    const coordinator = await entra.token('0e000000-0000-4000-8000-0000000000c1', { roles: ['Coordinator'] });
    expect((await call('/api/me', coordinator)).body).toEqual({ roles: ['coordinator'] });
    expect((await call('/api/planning', coordinator)).status).toBe(403);
    const logs = h.logLines.filter((l) => l.includes('api.refused')).join('\n');
    expect(logs).toContain('"status":403');
    expect(logs).not.toContain('0e000000-0000-4000-8000-0000000000e1');
  });

  it('refuses malformed requests with 400 and changes nothing', async () => {
    const token = await entra.token(FACILITATOR_OID);
    const before = (await call('/api/planning', token)).body.availability.length;
    for (const [path, body] of [
      ['/api/planning/requests/not-a-uuid', { answer: 'accept' }],
      ['/api/planning/requests/6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', { answer: 'misschien' }],
      ['/api/planning/requests/6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', { answer: 'accept', extra: true }],
      ['/api/planning/availability', { startsAt: '2027-01-05T10:00:00Z', endsAt: '2027-01-05T09:00:00Z' }],
      ['/api/planning/availability', { startsAt: 'morgen', endsAt: '2027-01-05T09:00:00Z' }],
      ['/api/planning/availability', { startsAt: '2027-01-05T10:00:00Z', endsAt: '2029-01-05T09:00:00Z' }],
    ] as const) {
      const res = await call(path, token, { method: 'POST', body });
      expect({ path, status: res.status, error: res.body.error }).toEqual({ path, status: 400, error: 'invalid' });
    }
    const notJson = await fetch(`${h.service.base}/api/planning/availability`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'x' });
    expect(notJson.status).toBe(415);
    expect((await call('/api/planning', token)).body.availability.length).toBe(before);
  });

  it('keeps availability: add and remove one\'s own periods, never another facilitator\'s', async () => {
    const token = await entra.token(FACILITATOR_OID);
    const added = await call('/api/planning/availability', token, { method: 'POST', body: { startsAt: '2027-02-01T08:00:00Z', endsAt: '2027-02-01T16:00:00Z' } });
    expect(added.status).toBe(201);
    const other = await entra.token('6f1c0a10-0000-4000-8000-000000000002');
    expect((await call(`/api/planning/availability/${added.body.id}`, other, { method: 'DELETE' })).status).toBe(404);
    expect((await call('/api/planning', token)).body.availability.some((a: { id: string }) => a.id === added.body.id)).toBe(true);
    expect((await call(`/api/planning/availability/${added.body.id}`, token, { method: 'DELETE' })).status).toBe(204);
    expect((await call('/api/planning', token)).body.availability.some((a: { id: string }) => a.id === added.body.id)).toBe(false);
  });

  it('answers a pending request from the tab with the same action as the card in Teams: both stay in step', async () => {
    const w = workshopSteps(h);
    const channel: ActivityOptions = { serviceUrl: h.connector.serviceUrl, conversationId: `19:tab-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:manager', aadObjectId: 'aad-manager-tab' };
    const { workshopId } = await w.plan(channel);
    const { rows } = await h.service.app.db.query<{ facilitator_id: string; aad_object_id: string }>(
      `SELECT x.facilitator_id, f.aad_object_id FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1 ORDER BY f.id LIMIT 1`,
      [workshopId],
    );
    const asked = rows[0]!;
    const token = await entra.token(asked.aad_object_id);
    const planning = (await call('/api/planning', token)).body;
    expect(planning.pending.map((p: { workshopId: string }) => p.workshopId)).toContain(workshopId);
    const answered = await call(`/api/planning/requests/${workshopId}`, token, { method: 'POST', body: { answer: 'accept' } });
    expect(answered).toEqual({ status: 200, body: { outcome: 'wacht-op-ander', message: nl.workshop.answers['wacht-op-ander'] } });
    // The card in Teams now says it was answered; the tab refuses a second answer too.
    const card = await w.invoke({ ...channel, conversationType: 'personal', aadObjectId: asked.aad_object_id, userId: `29:${asked.aad_object_id}` }, 'duo.decline', { workshopId, facilitatorId: asked.facilitator_id });
    expect(JSON.stringify(card.value)).toContain(nl.workshop.answers['al-beantwoord']);
    expect((await call(`/api/planning/requests/${workshopId}`, token, { method: 'POST', body: { answer: 'decline' } })).status).toBe(409);
    const after = (await call('/api/planning', token)).body;
    expect(after.upcoming.map((u: { workshopId: string }) => u.workshopId)).toContain(workshopId);
  });

  it('Doorverwijzen: a facilitator of the workshop sends a place to a registered participant, who gets it from the bot in a personal chat; nobody else may', async () => {
    const w = workshopSteps(h);
    const channel: ActivityOptions = { serviceUrl: h.connector.serviceUrl, conversationId: `19:place-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:manager', aadObjectId: 'aad-manager-place' };
    const { workshopId } = await w.plan(channel);
    const { rows: duo } = await h.service.app.db.query<{ aad_object_id: string }>(
      `SELECT f.aad_object_id FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1 ORDER BY f.id`,
      [workshopId],
    );
    const [first, second] = await Promise.all(duo.map((d) => entra.token(d.aad_object_id)));
    for (const token of [first!, second!]) expect((await call(`/api/planning/requests/${workshopId}`, token, { method: 'POST', body: { answer: 'accept' } })).status).toBe(200);
    for (const n of [1, 2]) expect((await w.invoke(w.person(channel, n), 'workshop.register', { workshopId, version: 1 })).status).toBe(200);

    const mine = (await call('/api/planning/participants', first)).body.workshops;
    expect(mine).toEqual([expect.objectContaining({ workshopId, participants: [{ id: 'aad-colleague-1', name: 'Collega 1' }, { id: 'aad-colleague-2', name: 'Collega 2' }] })]);

    const place = (await call('/api/referrals?organisation=bzk', first)).body.referrals.find((r: { role: string }) => r.role === 'bedrijfsmaatschappelijk-werk');
    const coordinator = await entra.token('0e000000-0000-4000-8000-0000000000c1', { roles: ['Coordinator'] });
    const outsider = await entra.token(FACILITATOR_OID);
    const send = (token: string | undefined, body: unknown, id = place.id) => call(`/api/referrals/${id}/send`, token, { method: 'POST', body });
    const queued = () => h.service.app.db.query(`SELECT 1 FROM outbox WHERE notice = 'place'`).then((r) => r.rows.length);
    expect((await send(coordinator, { workshopId, participant: 'aad-colleague-1' })).status).toBe(403);
    expect((await send(outsider, { workshopId, participant: 'aad-colleague-1' })).status).toBe(403);
    expect((await send(first, { workshopId, participant: 'aad-colleague-9' })).status).toBe(404);
    expect((await send(first, { workshopId, participant: 'aad-colleague-1' }, 'bestaat-niet')).status).toBe(404);
    expect((await send(first, { workshopId, participant: 'aad-colleague-1', extra: 1 })).status).toBe(400);
    expect(await queued()).toBe(0);

    h.connector.clear();
    const sent = await send(first, { workshopId, participant: 'aad-colleague-1' });
    expect(sent).toEqual({ status: 202, body: { outcome: 'verstuurd', message: nl.api.placeSent } });
    // Twice the same place to the same person: one message.
    expect((await send(second, { workshopId, participant: 'aad-colleague-1' })).status).toBe(202);
    await h.connector.until(() => h.connector.received.some((r) => JSON.stringify(r.activity).includes(place.name.nl)));
    const delivered = h.connector.received.filter((r) => JSON.stringify(r.activity).includes(place.name.nl));
    expect(delivered).toHaveLength(1);
    expect(JSON.stringify(delivered[0]!.activity)).toContain(nl.workshop.notices.place);
    expect(h.connector.created.find((c) => c.id === delivered[0]!.conversationId)?.members).toEqual([expect.objectContaining({ id: '29:colleague-1' })]);
  });

  it('Sociale kaart: the coordinator reads the routing rules, adds a place and removes it; others are refused and change nothing', async () => {
    const coordinator = await entra.token('0e000000-0000-4000-8000-0000000000c1', { roles: ['Coordinator'] });
    const facilitator = await entra.token(FACILITATOR_OID);
    const rules = (await call('/api/routing-rules', coordinator)).body.rules;
    expect(rules.length).toBeGreaterThan(5);
    expect(rules[0]).toEqual({ category: expect.any(String), wish: expect.any(String), roles: expect.any(Array), urgency: expect.any(String) });
    expect((await call('/api/routing-rules', facilitator)).status).toBe(403);

    const count = async () => (await call('/api/referrals', coordinator)).body.referrals.length;
    const before = await count();
    const entry = {
      organisation: 'ubr',
      role: 'mediation',
      name: { nl: 'Mediationpool UBR', en: 'UBR mediation pool' },
      description: { nl: 'Bemiddeling bij een conflict.', en: 'Mediation in a conflict.' },
      contact: { mail: 'mediation@ubr.example' },
      hours: { nl: 'Werkdagen', en: 'Working days' },
      confidentiality: { nl: 'Vertrouwelijk', en: 'Confidential' },
      languages: ['nl', 'en'],
    };
    expect((await call('/api/referrals', facilitator, { method: 'POST', body: entry })).status).toBe(403);
    expect((await call('/api/referrals', coordinator, { method: 'POST', body: { ...entry, contact: { mail: '' } } })).status).toBe(400);
    expect((await call('/api/referrals', coordinator, { method: 'POST', body: { ...entry, id: 'mine' } })).status).toBe(400);
    expect(await count()).toBe(before);
    const added = await call('/api/referrals', coordinator, { method: 'POST', body: entry });
    expect(added.status).toBe(201);
    expect(added.body.referral.id).toMatch(/^ubr-mediation-[0-9a-f]{6}$/);
    expect((await call('/api/referrals?q=mediationpool', coordinator)).body.referrals.map((r: { id: string }) => r.id)).toEqual([added.body.referral.id]);

    expect((await call(`/api/referrals/${added.body.referral.id}`, facilitator, { method: 'DELETE' })).status).toBe(403);
    expect((await call(`/api/referrals/${added.body.referral.id}`, coordinator, { method: 'DELETE' })).status).toBe(200);
    expect((await call(`/api/referrals/${added.body.referral.id}`, coordinator, { method: 'DELETE' })).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('Sociale kaart: a refused place names each wrong field and why, in the caller\'s language, and changes nothing', async () => {
    const coordinator = await entra.token('0e000000-0000-4000-8000-0000000000c1', { roles: ['Coordinator'] });
    const places = async () => (await call('/api/referrals', coordinator)).body.referrals;
    const before = await places();
    const place = before[0];
    const entry = {
      organisation: 'ubr',
      role: 'mediation',
      name: { nl: 'Mediationpool UBR', en: '' },
      description: { nl: 'Bemiddeling bij een conflict.', en: 'Mediation in a conflict.' },
      contact: { phone: 'bel 030-1234', site: 'javascript:alert(document.cookie)', mail: 'mediation' },
      hours: { nl: 'Werkdagen', en: 'Working days' },
      confidentiality: { nl: 'Vertrouwelijk', en: 'Confidential' },
      languages: ['nl'],
    };

    const nlAnswer = await call('/api/referrals', coordinator, { method: 'POST', body: entry });
    expect(nlAnswer).toEqual({
      status: 400,
      body: {
        error: 'invalid',
        message: nl.api.invalid,
        fields: [
          { path: 'name.en', reason: nl.fieldReasons.required },
          { path: 'contact.phone', reason: nl.fieldReasons.phone },
          { path: 'contact.mail', reason: nl.fieldReasons.email },
          { path: 'contact.site', reason: 'Dit moet beginnen met https://.' },
        ],
      },
    });
    // The same place edited, in English: the same fields, the English reasons.
    const enAnswer = await call(`/api/referrals/${place.id}`, coordinator, { method: 'PUT', lang: 'en-GB', body: { ...entry, id: place.id } });
    expect(enAnswer.status).toBe(400);
    expect(enAnswer.body.message).toBe(en.api.invalid);
    expect(enAnswer.body.fields).toEqual([
      { path: 'name.en', reason: en.fieldReasons.required },
      { path: 'contact.phone', reason: en.fieldReasons.phone },
      { path: 'contact.mail', reason: en.fieldReasons.email },
      { path: 'contact.site', reason: 'This must start with https://.' },
    ]);
    // No way to reach the place, no language; an organisation that does not exist, or is no organisation code.
    const more = await call('/api/referrals', coordinator, { method: 'POST', body: { ...entry, name: { nl: 'Mediation', en: 'Mediation' }, contact: {}, languages: [] } });
    expect(more.body.fields).toEqual([
      { path: 'contact', reason: nl.fieldReasons.contact },
      { path: 'languages', reason: nl.fieldReasons.chooseOne },
    ]);
    const unknown = await call('/api/referrals', coordinator, { method: 'POST', body: { ...entry, name: { nl: 'Mediation', en: 'Mediation' }, contact: { mail: 'mediation@ubr.example' }, organisation: 'nasa' } });
    expect(unknown.body.fields).toEqual([{ path: 'organisation', reason: nl.fieldReasons.choice }]);
    const known = await call('/api/referrals', coordinator, { method: 'POST', body: { ...entry, name: { nl: 'Mediation', en: 'Mediation' }, contact: { mail: 'mediation@ubr.example' }, organisation: 'rijksbreed' } });
    expect(known.body.fields).toEqual([{ path: 'organisation', reason: nl.fieldReasons.choice }]);

    expect(await places()).toEqual(before);
  });

  it('Signalen: the counsellor of the routed place sees the signal, opens it (audited), answers it through the bot and closes it; anyone else is refused', async () => {
    const chat = h.newChat();
    const form = await h.openForm(chat, 'bzk');
    const receipt = await h.submitIn(chat, { ...form, category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Er wordt in het overleg steeds over mij gelachen.' });
    const code = caseCodeOn(receipt);
    const counsellor = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    // The desk has it once the mixer has published it.
    await settle(h.service.app);
    const inbox = (await call('/api/signals', counsellor)).body.signals;
    // The counsellor speaks of the code the reporter got in the receipt.
    const signal = inbox.find((s: { reference: string }) => s.reference === code);
    expect(signal).toMatchObject({ organisation: 'bzk', category: 'pesten', anonymity: 'anoniem', status: 'nieuw', reporterAadObjectId: null, canAnswer: true });
    expect(JSON.stringify(inbox)).not.toMatch(/reply|route|description|sealed|aad-user-1/i);

    // Someone of another organisation, a facilitator, or nobody: refused, and nothing is recorded as read.
    const otherOrganisation = await entra.token('de000000-0000-4000-8000-00000000c002', { roles: ['Counsellor'] });
    expect((await call(`/api/signals/${signal.id}`, otherOrganisation)).status).toBe(403);
    expect((await call('/api/signals', await entra.token(FACILITATOR_OID))).status).toBe(403);
    expect((await call(`/api/signals/${signal.id}/answer`, otherOrganisation, { method: 'POST', body: { text: 'Hallo' } })).status).toBe(403);
    const reads = () => h.service.app.db.query<{ reader_aad_object_id: string }>('SELECT reader_aad_object_id FROM signal_reads WHERE signal_id = $1', [signal.id]);
    expect((await reads()).rows).toEqual([]);

    const opened = await call(`/api/signals/${signal.id}`, counsellor);
    expect(opened.status).toBe(200);
    expect(opened.body.signal).toMatchObject({ reference: code, description: 'Er wordt in het overleg steeds over mij gelachen.' });
    expect((await reads()).rows).toEqual([{ reader_aad_object_id: BZK_COUNSELLOR }]);

    h.connector.clear();
    const answered = await call(`/api/signals/${signal.id}/answer`, counsellor, { method: 'POST', body: { text: 'Dank je. Zullen we morgen bellen?' } });
    expect(answered).toEqual({ status: 200, body: { outcome: 'queued' } });
    await h.connector.until(() => h.connector.received.some((r) => r.conversationId === chat.conversationId && JSON.stringify(r.activity).includes('Zullen we morgen bellen?')));

    // The reporter writes back: the inbox marks the signal as having an unread reply, first in the list, until opened.
    const answerCard = h.connector.received.find((r) => r.conversationId === chat.conversationId && JSON.stringify(r.activity).includes('Zullen we morgen bellen?'))!;
    await h.submitIn(chat, { ...actionData(cardOf(answerCard), 'signal.reply'), reply: 'Ja, graag.' });
    await settle(h.service.app);
    const withReply = (await call('/api/signals', counsellor)).body.signals;
    expect(withReply[0]).toMatchObject({ id: signal.id, unreadReplies: 1 });
    await call(`/api/signals/${signal.id}`, counsellor);
    expect((await call('/api/signals', counsellor)).body.signals.find((s: { id: string }) => s.id === signal.id)).toMatchObject({ unreadReplies: 0 });

    expect((await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'klaar' } })).status).toBe(400);
    // Closing tells the reporter in their chat, through the sealed route; the case is listed as closed.
    h.connector.clear();
    expect((await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'gesloten', outcome: 'advies-gegeven' } })).body).toEqual({ status: 'gesloten' });
    await h.connector.until(() => h.connector.received.some((r) => r.conversationId === chat.conversationId));
    expect(textsOf(cardOf(h.connector.received.find((r) => r.conversationId === chat.conversationId)!))).toContain(format(nl.followUp.closedNotice, { code: code! }));
    // Closing twice (a double click) tells them once.
    expect((await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'gesloten', outcome: 'advies-gegeven' } })).body).toEqual({ status: 'gesloten' });
    expect((await call(`/api/signals/${signal.id}/answer`, counsellor, { method: 'POST', body: { text: 'Nog iets' } })).status).toBe(409);
    const afterClose = (await call('/api/signals', counsellor)).body;
    expect(afterClose.signals.some((s: { id: string }) => s.id === signal.id)).toBe(false);
    expect(afterClose.closed.find((s: { id: string }) => s.id === signal.id)).toMatchObject({ status: 'gesloten', closedOn: new Date().toISOString().slice(0, 10), outcome: 'advies-gegeven' });
    // The reporter's status no longer promises answers.
    expect(textsOf(cardOf(await h.turnAlongside(message(chat, code!))))).toContain(nl.status.explanationClosed);

    // Reopened within the retention period: back in the inbox, and the reporter hears it too.
    expect((await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'in-behandeling' } })).body).toEqual({ status: 'in-behandeling' });
    // The notices the reporter got about their case.
    const closedText = format(nl.followUp.closedNotice, { code: code! });
    const reopenedText = format(nl.followUp.reopenedNotice, { code: code! });
    const notices = () =>
      h.connector.received
        .filter((r) => r.conversationId === chat.conversationId)
        .map((r) => textsOf(cardOf(r)))
        .flatMap((t) => (t.includes(closedText) ? ['gesloten'] : t.includes(reopenedText) ? ['heropend'] : []));
    await h.connector.until(() => notices().includes('heropend'));
    expect((await call('/api/signals', counsellor)).body.signals.some((s: { id: string }) => s.id === signal.id)).toBe(true);
    // Once nothing is left to send, the reporter got one notice of each: the second close told nobody.
    await eventually(async () => expect((await h.service.app.db.query('SELECT 1 FROM outbox WHERE signal_id = $1', [signal.id])).rows).toEqual([]));
    expect(notices()).toEqual(['gesloten', 'heropend']);
  });

  it('Signalen: every open signal shows the term that runs; taking a misstand on confirms it, tells the reporter once, and starts its three months', async () => {
    const counsellor = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    const raise = async (category: string) => {
      const chat = h.newChat();
      const form = await h.openForm(chat, 'bzk');
      const code = caseCodeOn(await h.submitIn(chat, { ...form, category, wish: 'gesprek', anonymity: 'anoniem', description: 'Er klopt iets niet.' }));
      return { chat, code: code! };
    };
    const misstand = await raise('misstand');
    const late = await raise('misstand');
    const integrity = await raise('integriteit');
    await settle(h.service.app);
    const inbox = async () => (await call('/api/signals', counsellor)).body.signals as Array<{ id: string; reference: string; receivedOn: string; clock: unknown }>;
    const find = async (code: string) => (await inbox()).find((s) => s.reference === code)!;
    const signal = await find(misstand.code);
    expect(signal.clock).toEqual({ kind: 'bevestigen', dueOn: addDays(signal.receivedOn, 7), state: 'op-tijd' });
    expect((await find(integrity.code)).clock).toEqual({ kind: 'afhandelen', dueOn: addDays((await find(integrity.code)).receivedOn, 84), state: 'op-tijd' });

    // An organisation that sets its own integrity term: the clock follows it.
    await h.service.app.db.query(`UPDATE organisations SET terms = '{"integrityWeeks": 8}' WHERE code = 'bzk'`);
    expect((await find(integrity.code)).clock).toMatchObject({ kind: 'afhandelen', dueOn: addDays((await find(integrity.code)).receivedOn, 56) });

    // Received ten days ago and not confirmed: overdue, and listed first.
    const lateId = (await find(late.code)).id;
    await h.service.app.db.query(`UPDATE signals SET created_at = created_at - interval '10 days' WHERE id = $1`, [lateId]);
    const overdue = await inbox();
    expect(overdue[0]).toMatchObject({ id: lateId, clock: { kind: 'bevestigen', state: 'te-laat' } });

    // Taken on (a double click): the receipt is confirmed, the reporter hears it once, and the feedback term runs.
    h.connector.clear();
    const takeOn = () => call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'in-behandeling' } });
    expect((await Promise.all([takeOn(), takeOn()])).map((r) => r.status)).toEqual([200, 200]);
    const takenOnText = format(nl.followUp.takenOnNotice, { code: misstand.code });
    const notices = () => h.connector.received.filter((r) => r.conversationId === misstand.chat.conversationId && textsOf(cardOf(r)).includes(takenOnText));
    await h.connector.until(() => notices().length > 0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await find(misstand.code)).clock).toEqual({ kind: 'terugkoppelen', dueOn: addMonths(today, 3), state: 'op-tijd' });
    await eventually(async () => expect((await h.service.app.db.query('SELECT 1 FROM outbox WHERE signal_id = $1', [signal.id])).rows).toEqual([]));
    expect(notices()).toHaveLength(1);

    // Closed, the clock stops.
    await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'gesloten', outcome: 'advies-gegeven' } });
    expect((await call('/api/signals', counsellor)).body.closed.find((s: { id: string }) => s.id === signal.id)).toMatchObject({ clock: null });
  });

  it('Signalen: the counsellors of an inbox get a card in their chat before a term ends, once, without the signal\'s code; none once it is confirmed', async () => {
    // The counsellor opened a chat with the bot once: that is where reminders go.
    const counsellorChat = { ...h.newChat(), aadObjectId: BZK_COUNSELLOR, name: 'Karin Bosman', userId: '29:karin' };
    await h.turn(botInstalled(counsellorChat));
    const chat = h.newChat();
    const form = await h.openForm(chat, 'bzk');
    const code = caseCodeOn(await h.submitIn(chat, { ...form, category: 'misstand', wish: 'gesprek', anonymity: 'anoniem', description: 'Er verdwijnt geld.' }))!;
    await settle(h.service.app);
    const counsellor = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    const signal = (await call('/api/signals', counsellor)).body.signals.find((s: { reference: string }) => s.reference === code);
    // Received six days ago: its receipt must be confirmed tomorrow.
    await h.service.app.db.query(`UPDATE signals SET created_at = created_at - interval '6 days' WHERE id = $1`, [signal.id]);
    const received = addDays(signal.receivedOn, -6);
    const reminders = new DeskReminders(new DatabaseSignalDeskStore(h.service.app.db));

    // Other signals of this inbox (from the tests before) may be due too: this one is followed by its own marks.
    const marks = async () => (await h.service.app.db.query('SELECT clock, state FROM desk_reminders WHERE signal_id = $1', [signal.id])).rows;
    h.connector.clear();
    await reminders.run();
    expect(await marks()).toEqual([{ clock: 'bevestigen', state: 'bijna' }]);
    const dueText = format(nl.reminder.kinds.bevestigen, { day: longDate(new Date(`${addDays(received, 7)}T12:00:00Z`), 'nl') });
    const ours = () => h.connector.received.filter((r) => r.conversationId === counsellorChat.conversationId && textsOf(cardOf(r)).includes(dueText));
    await h.connector.until(() => ours().length > 0);
    const card = textsOf(cardOf(ours()[0]!));
    expect(card).toContain(nl.reminder.titleSoon);
    expect(card).toContain(format(nl.reminder.received, { day: shortDate(new Date(`${received}T12:00:00Z`), 'nl') }));
    expect(JSON.stringify(h.connector.received)).not.toContain(code);
    expect(JSON.stringify(h.connector.received)).not.toContain('Er verdwijnt geld');
    // An hour later: already reminded, nothing queued for it again.
    expect(await reminders.run()).toBe(0);

    // Confirmed by taking it on: its next term runs three months, so nothing is due, however many days went by.
    await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'in-behandeling' } });
    await h.service.app.db.query(`UPDATE signals SET created_at = created_at - interval '10 days' WHERE id = $1`, [signal.id]);
    await reminders.run();
    expect(await marks()).toEqual([{ clock: 'bevestigen', state: 'bijna' }]);
    await eventually(async () => expect((await h.service.app.db.query(`SELECT 1 FROM outbox WHERE kind = 'desk-reminder'`)).rows).toEqual([]));
    expect(ours()).toHaveLength(1);
  });

  it('Signalen: closing asks how it ended, refuses without it and changes nothing; who the other person was is kept sealed apart from its signal, counted only for the figures, never shown to the desk', async () => {
    const db = h.service.app.db;
    const plainCounts = async () => (await db.query('SELECT * FROM relation_counts ORDER BY 1, 2, 3, 4')).rows;
    const pending = async () => (await db.query<{ id: string; relation_sealed: string }>(`SELECT id, relation_sealed FROM relation_pending WHERE organisation = 'bzk' AND category = 'pesten'`)).rows;
    const sealing = new KeyRingSignalSealing(new KeyRing(TEST_SIGNAL_KEY));
    const today = new Date();
    const quarter = quarterOf(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3));
    const figures = new DatabaseNetworkStore(db, (sealed, id) => sealing.openRelation(sealed, id));
    const counted = async () => (await figures.counts(quarter, [quarter.key], ['bzk'])).relation;
    const before = await counted();
    const plainBefore = await plainCounts();
    const pendingBefore = new Set((await pending()).map((p) => p.id));
    const chat = h.newChat();
    const form = await h.openForm(chat, 'bzk');
    const code = caseCodeOn(await h.submitIn(chat, { ...form, category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', relation: 'leidinggevende', description: 'Mijn leidinggevende schreeuwt.' }))!;
    await settle(h.service.app);
    const counsellor = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    const signal = (await call('/api/signals', counsellor)).body.signals.find((s: { reference: string }) => s.reference === code);
    const row = async () => (await h.service.app.db.query<{ status: string; outcome: string | null }>('SELECT status, outcome FROM signals WHERE id = $1', [signal.id])).rows[0];
    expect(await row()).toEqual({ status: 'nieuw', outcome: null });

    // A database reader: no signal row holds the relation.
    const columns = (await h.service.app.db.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'signals'`)).rows.map((r) => r.column_name);
    expect(columns).not.toContain('relation');
    const dump = JSON.stringify((await h.service.app.db.query('SELECT * FROM signals WHERE id = $1', [signal.id])).rows);
    expect(dump).not.toContain('leidinggevende');

    // Left empty, nothing is counted, but a pending row of the same size is written all the same; a vertrouwelijk
    // signal is written on its own, and moves no count either. A value the form never offers is refused, and
    // nothing is stored.
    const skipped = h.newChat();
    expect(caseCodeOn(await h.submitIn(skipped, { ...(await h.openForm(skipped, 'bzk')), category: 'pesten', wish: 'gesprek', anonymity: 'vertrouwelijk', relation: '' }))).toMatch(/^SV-/);
    const forged = h.newChat();
    const signalsBefore = (await h.service.app.db.query('SELECT count(*)::int AS n FROM signals')).rows[0];
    expect((await h.submitIn(forged, { ...(await h.openForm(forged, 'bzk')), category: 'pesten', wish: 'gesprek', anonymity: 'vertrouwelijk', relation: 'baas' })).activity.text).toBe(nl.errors.invalidSubmit);
    expect((await h.service.app.db.query('SELECT count(*)::int AS n FROM signals')).rows[0]).toEqual(signalsBefore);
    // A reader who compares the counts before and after sees nothing move, and the two sealed relations (one said
    // "leidinggevende", one nothing) look alike. The figures count one more "leidinggevende".
    expect(await plainCounts()).toEqual(plainBefore);
    const waiting = (await pending()).filter((p) => !pendingBefore.has(p.id));
    expect(waiting).toHaveLength(2);
    expect(waiting[0]!.relation_sealed.length).toBe(waiting[1]!.relation_sealed.length);
    expect(JSON.stringify(waiting)).not.toContain('leidinggevende');
    expect(await counted()).toEqual({ ...before, leidinggevende: (before.leidinggevende ?? 0) + 1 });

    // The desk sees the signal, never the relation.
    const opened = await call(`/api/signals/${signal.id}`, counsellor);
    expect(JSON.stringify([signal, opened.body])).not.toMatch(/relation|leidinggevende"/);

    // Without an outcome, or with one that does not exist: 400 naming the field, in the caller's language; nothing changes.
    for (const body of [{ status: 'gesloten' }, { status: 'gesloten', outcome: 'opgelost' }, { status: 'in-behandeling', outcome: 'doorverwezen' }]) {
      const refused = await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body, lang: 'en-US' });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe(en.api.invalid);
    }
    const missing = await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'gesloten' } });
    expect(missing.body.fields).toEqual([expect.objectContaining({ path: 'outcome' })]);
    expect(await row()).toEqual({ status: 'nieuw', outcome: null });

    // Closed with its outcome; reopened, the outcome goes until it is closed again.
    await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'gesloten', outcome: 'informeel-opgelost' } });
    expect(await row()).toMatchObject({ status: 'gesloten', outcome: 'informeel-opgelost' });
    expect((await call('/api/signals', counsellor)).body.closed.find((s: { id: string }) => s.id === signal.id)).toMatchObject({ outcome: 'informeel-opgelost' });
    await call(`/api/signals/${signal.id}/status`, counsellor, { method: 'POST', body: { status: 'in-behandeling' } });
    expect(await row()).toMatchObject({ status: 'in-behandeling', outcome: null });
  });

  it('Signalen: a desk passes a signal on to another desk of its organisation: the receiving desk sees it, the sender and other organisations do not, the reporter hears where and why (not who), and the move is audited', async () => {
    // A second person staffs BZK's integrity desk (the seeded counsellor staffs the two vertrouwenspersoon inboxes).
    const LOKET = 'de000000-0000-4000-8000-00000000c0a1';
    await h.service.app.db.query(`INSERT INTO counsellors (aad_object_id, organisation, inbox_role, display_name) VALUES ($1, 'bzk', 'integriteitsloket', 'Olga Smit')`, [LOKET]);
    const chat = h.newChat();
    const code = caseCodeOn(await h.submitIn(chat, { ...(await h.openForm(chat, 'bzk')), category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Mijn teamleider neemt geschenken aan.' }))!;
    await settle(h.service.app);
    const sender = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    const receiver = await entra.token(LOKET, { roles: ['Counsellor'] });
    const otherOrganisation = await entra.token('de000000-0000-4000-8000-00000000c002', { roles: ['Counsellor'] });
    const signal = (await call('/api/signals', sender)).body.signals.find((s: { reference: string }) => s.reference === code);
    expect((await call(`/api/signals/${signal.id}`, sender)).body.signal.handoverTo).toEqual(['integriteitsloket', 'vertrouwenspersoon-integriteit']);
    const handOver = (token: string, body: unknown) => call(`/api/signals/${signal.id}/handover`, token, { method: 'POST', body });

    // Refused, nothing changed: a desk nobody staffs, its own desk, an unknown role or reason, another organisation's counsellor.
    expect((await handOver(sender, { to: 'bedrijfsarts', reason: 'integriteit' })).status).toBe(409);
    expect((await handOver(sender, { to: 'vertrouwenspersoon-ongewenst-gedrag', reason: 'integriteit' })).status).toBe(409);
    expect((await handOver(sender, { to: 'loket-x', reason: 'integriteit' })).status).toBe(400);
    expect((await handOver(sender, { to: 'integriteitsloket', reason: 'geen-zin' })).status).toBe(400);
    expect((await handOver(otherOrganisation, { to: 'integriteitsloket', reason: 'integriteit' })).status).toBe(403);
    const audit = async () => (await h.service.app.db.query('SELECT from_role, to_role, reason, by_aad_object_id FROM signal_handovers WHERE signal_id = $1', [signal.id])).rows;
    expect(await audit()).toEqual([]);

    // A reminder the sending desk got goes with the move: the receiving desk is reminded afresh.
    await h.service.app.db.query(`INSERT INTO desk_reminders (signal_id, clock, state) VALUES ($1, 'eerste-reactie', 'bijna')`, [signal.id]);
    // Passed on (a double click): once.
    h.connector.clear();
    const answers = await Promise.all([handOver(sender, { to: 'integriteitsloket', reason: 'integriteit' }), handOver(sender, { to: 'integriteitsloket', reason: 'integriteit' })]);
    // The second finds it moved (409), or, once moved, no longer the sender's to see (403).
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const second = answers.filter((a) => a.status !== 200).map((a) => a.status);
    expect(second).toHaveLength(1);
    expect([403, 409]).toContain(second[0]);
    expect(await audit()).toEqual([{ from_role: 'vertrouwenspersoon-ongewenst-gedrag', to_role: 'integriteitsloket', reason: 'integriteit', by_aad_object_id: BZK_COUNSELLOR }]);
    expect((await h.service.app.db.query('SELECT 1 FROM desk_reminders WHERE signal_id = $1', [signal.id])).rows).toEqual([]);
    // An answer from the sending desk that crosses the move (its access was checked just before): not stored, not sent.
    const handlerMessages = async () => (await h.service.app.db.query(`SELECT count(*)::int AS n FROM signal_messages WHERE signal_id = $1 AND author = 'handler'`, [signal.id])).rows[0];
    const messagesBefore = await handlerMessages();
    expect(await h.service.app.followUp.answer(signal.id, 'Nog één ding.', 'vertrouwenspersoon-ongewenst-gedrag')).toBe('moved');
    expect(await handlerMessages()).toEqual(messagesBefore);
    // The day of the move, not its moment.
    expect((await h.service.app.db.query<{ exact: boolean }>(`SELECT handed_at = date_trunc('day', handed_at) AS exact FROM signal_handovers WHERE signal_id = $1`, [signal.id])).rows).toEqual([{ exact: true }]);

    // The receiving desk has it, with where it came from and why (not who); the sender and other organisations do not.
    expect((await call('/api/signals', sender)).body.signals.some((s: { id: string }) => s.id === signal.id)).toBe(false);
    expect((await call(`/api/signals/${signal.id}`, sender)).status).toBe(403);
    expect((await call(`/api/signals/${signal.id}`, otherOrganisation)).status).toBe(403);
    const received = await call(`/api/signals/${signal.id}`, receiver);
    expect(received.body.signal).toMatchObject({ reference: code, inboxRole: 'integriteitsloket', handovers: [{ from: 'vertrouwenspersoon-ongewenst-gedrag', to: 'integriteitsloket', reason: 'integriteit', on: new Date().toISOString().slice(0, 10) }] });
    expect(JSON.stringify(received.body)).not.toContain(BZK_COUNSELLOR);

    // The reporter is told, in their chat, where it went and why; never by whom.
    const told = format(nl.followUp.handedOverNotice, { code, place: 'Integriteitsloket BZK', reason: nl.followUp.handoverReasons.integriteit });
    const notices = () => h.connector.received.filter((r) => r.conversationId === chat.conversationId && textsOf(cardOf(r)).includes(told));
    await h.connector.until(() => notices().length > 0);
    await eventually(async () => expect((await h.service.app.db.query('SELECT 1 FROM outbox WHERE signal_id = $1', [signal.id])).rows).toEqual([]));
    expect(notices()).toHaveLength(1);
    expect(JSON.stringify(h.connector.received)).not.toMatch(/Karin|Bosman|de000000-0000-4000-8000-00000000c001/);
  });

  it("Signalen: an organisation's sociaal loket receives a signal for a conversation first, sees its topic but no text, name or conversation, cannot answer or close it, and passes it on; the reporter is told where", async () => {
    const coordinator = await entra.token('0e000000-0000-4000-8000-0000000000c1', { roles: ['Coordinator'] });
    const LOKET_PERSON = '0e000000-0000-4000-8000-00000000010c';
    const UBR_COUNSELLOR = 'de000000-0000-4000-8000-00000000c005';
    const staff = (method: 'PUT' | 'DELETE') =>
      call(`/api/counsellors/${LOKET_PERSON}${method === 'DELETE' ? '?organisation=ubr' : ''}`, coordinator, {
        method,
        body: method === 'PUT' ? { aadObjectId: LOKET_PERSON, displayName: 'Loket UBR', organisation: 'ubr', roles: ['sociaal-loket'] } : undefined,
      });
    expect((await staff('PUT')).status).toBe(200);
    try {
      const chat = h.newChat();
      // The form says it before anything is sent.
      expect(JSON.stringify(cardOf(await h.submitIn(chat, { action: 'signal.form', organisation: 'ubr' })))).toContain(JSON.stringify(nl.signal.loketNote).slice(1, -1));
      expect(JSON.stringify(cardOf(await h.submitIn(chat, { action: 'signal.form', organisation: 'bzk' })))).not.toContain(JSON.stringify(nl.signal.loketNote).slice(1, -1));
      const form = await h.openForm(chat, 'ubr');
      const receipt = await h.submitIn(chat, { ...form, category: 'pesten', wish: 'gesprek', anonymity: 'vertrouwelijk', description: 'Mijn collega lacht me uit in elk overleg.' });
      const code = caseCodeOn(receipt)!;
      // The reporter reads, before anything happens, that the loket sees the topic and not the text.
      expect(textsOf(cardOf(receipt))).toContain(nl.signal.nextLoket);
      expect(textsOf(cardOf(receipt))).toContain(nl.signal.nextLoketHere);
      await settle(h.service.app);
      const loket = await entra.token(LOKET_PERSON, { roles: ['Counsellor'] });
      const list = await call('/api/signals', loket);
      const listed = list.body.signals.find((x: { inboxRole: string }) => x.inboxRole === 'sociaal-loket');
      expect(listed).toMatchObject({ inboxRole: 'sociaal-loket', category: 'pesten', wish: 'gesprek' });
      // Not the case code: typed in a chat with the bot, it would show the conversation (of a fully anonymous one, to anyone).
      expect(JSON.stringify(list.body)).not.toContain(code);
      // The vertrouwenspersoon of UBR does not see it yet.
      const vp = await entra.token(UBR_COUNSELLOR, { roles: ['Counsellor'] });
      expect((await call(`/api/signals/${listed.id}`, vp)).status).toBe(403);

      // Opened at the loket: nothing sealed comes out, and no read is recorded (nothing was read).
      const opened = await call(`/api/signals/${listed.id}`, loket);
      expect(opened.body.signal).toMatchObject({ description: null, reporterName: null, reporterAadObjectId: null, messages: [], canAnswer: false });
      expect(JSON.stringify(opened.body)).not.toContain('lacht me uit');
      expect(JSON.stringify(opened.body)).not.toContain(code);
      // No read (the reporter would hear "opened"), but the look is audited.
      expect((await h.service.app.db.query('SELECT 1 FROM signal_reads WHERE signal_id = $1', [listed.id])).rows).toEqual([]);
      expect((await h.service.app.db.query('SELECT viewer_aad_object_id FROM signal_views WHERE signal_id = $1', [listed.id])).rows).toEqual([{ viewer_aad_object_id: LOKET_PERSON }]);
      // It goes only to a desk whose work is to read it, for the loket's own reason.
      expect(opened.body.signal.handoverTo).toEqual(['vertrouwenspersoon-integriteit', 'vertrouwenspersoon-ongewenst-gedrag']);
      expect((await call(`/api/signals/${listed.id}/handover`, loket, { method: 'POST', body: { to: 'vertrouwenspersoon-ongewenst-gedrag', reason: 'betrokken' } })).status).toBe(409);
      // Answering, taking on or closing is for the place that reads it: 409 in the person's words, nothing changed.
      const answer = await call(`/api/signals/${listed.id}/answer`, loket, { method: 'POST', body: { text: 'Hallo' } });
      expect(answer.status).toBe(409);
      expect(answer.body.message).toBe(nl.handover.atLoket);
      expect((await call(`/api/signals/${listed.id}/status`, loket, { method: 'POST', body: { status: 'gesloten', outcome: 'doorverwezen' } })).status).toBe(409);
      expect((await call(`/api/signals/${listed.id}/status`, loket, { method: 'POST', body: { status: 'in-behandeling' } }, )).status).toBe(409);
      expect((await h.service.app.db.query('SELECT status, taken_on_at FROM signals WHERE id = $1', [listed.id])).rows).toEqual([{ status: 'nieuw', taken_on_at: null }]);

      // Passed on to the vertrouwenspersoon, who reads it; the reporter hears where and why.
      h.connector.clear();
      expect((await call(`/api/signals/${listed.id}/handover`, loket, { method: 'POST', body: { to: 'vertrouwenspersoon-ongewenst-gedrag', reason: 'loket' } })).status).toBe(200);
      const atVp = await call(`/api/signals/${listed.id}`, vp);
      expect(atVp.body.signal).toMatchObject({ reference: code, description: 'Mijn collega lacht me uit in elk overleg.', handovers: [{ from: 'sociaal-loket', to: 'vertrouwenspersoon-ongewenst-gedrag', reason: 'loket' }] });
      // Nothing goes back to the loket, and the vertrouwenspersoon does not give the loket's reason.
      expect(atVp.body.signal.handoverTo).not.toContain('sociaal-loket');
      expect((await call(`/api/signals/${listed.id}/handover`, vp, { method: 'POST', body: { to: 'sociaal-loket', reason: 'ander-onderwerp' } })).status).toBe(409);
      expect((await call(`/api/signals/${listed.id}/handover`, vp, { method: 'POST', body: { to: 'vertrouwenspersoon-integriteit', reason: 'loket' } })).status).toBe(409);
      expect((await call(`/api/signals/${listed.id}`, loket)).status).toBe(403);
      const notices = () => h.connector.received.filter((r) => r.conversationId === chat.conversationId && textsOf(cardOf(r)).includes(nl.followUp.handoverReasons.loket));
      await h.connector.until(() => notices().length > 0);
      expect(JSON.stringify(notices())).not.toContain(LOKET_PERSON);

      // Laten lezen keeps its promise: a vertrouwenspersoon reads it, not the loket.
      const chat2 = h.newChat();
      const code2 = caseCodeOn(await h.submitIn(chat2, { ...(await h.openForm(chat2, 'ubr')), category: 'pesten', wish: 'laten-lezen', anonymity: 'anoniem', description: 'Alleen om te weten.' }))!;
      await settle(h.service.app);
      expect((await call('/api/signals', vp)).body.signals.find((x: { reference: string }) => x.reference === code2)).toMatchObject({ inboxRole: 'vertrouwenspersoon-ongewenst-gedrag' });
    } finally {
      expect((await staff('DELETE')).status).toBe(200);
    }
  });

  it('Signalen: a desk refers a signal to a Rijk-wide place: it closes here as referred, once for a double click, and the reporter gets the place and how to reach it, with nothing sent there', async () => {
    const chat = h.newChat();
    const code = caseCodeOn(await h.submitIn(chat, { ...(await h.openForm(chat, 'bzk')), category: 'misstand', wish: 'gesprek', anonymity: 'anoniem', description: 'Er wordt met subsidies gesjoemeld.' }))!;
    await settle(h.service.app);
    const counsellor = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    const signal = (await call('/api/signals', counsellor)).body.signals.find((x: { reference: string }) => x.reference === code);
    const refer = (token: string, to: string) => call(`/api/signals/${signal.id}/refer`, token, { method: 'POST', body: { to } });
    // Not 112 or 113 (a desk that sees acute danger calls them), no unknown place, not another organisation's desk.
    expect((await refer(counsellor, 'alarmnummer-112')).status).toBe(400);
    expect((await refer(counsellor, 'integriteitsloket')).status).toBe(400);
    expect((await refer(await entra.token('de000000-0000-4000-8000-00000000c002', { roles: ['Counsellor'] }), 'huis-voor-klokkenluiders')).status).toBe(403);
    expect((await h.service.app.db.query('SELECT status FROM signals WHERE id = $1', [signal.id])).rows).toEqual([{ status: 'nieuw' }]);

    h.connector.clear();
    const answers = await Promise.all([refer(counsellor, 'huis-voor-klokkenluiders'), refer(counsellor, 'huis-voor-klokkenluiders')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await h.service.app.db.query('SELECT status, outcome FROM signals WHERE id = $1', [signal.id])).rows).toEqual([{ status: 'gesloten', outcome: 'doorverwezen' }]);
    expect((await h.service.app.db.query('SELECT from_role, to_role, by_aad_object_id FROM signal_handovers WHERE signal_id = $1', [signal.id])).rows).toEqual([
      { from_role: 'vertrouwenspersoon-integriteit', to_role: 'huis-voor-klokkenluiders', by_aad_object_id: BZK_COUNSELLOR },
    ]);
    const told = format(nl.followUp.referredNotice, { code, place: 'Huis voor Klokkenluiders' });
    const cards = () => h.connector.received.filter((r) => r.conversationId === chat.conversationId && textsOf(cardOf(r)).includes(told));
    await h.connector.until(() => cards().length > 0);
    await eventually(async () => expect((await h.service.app.db.query('SELECT 1 FROM outbox WHERE signal_id = $1', [signal.id])).rows).toEqual([]));
    expect(cards()).toHaveLength(1);
    expect(textsOf(cardOf(cards()[0]!))).toContain(nl.followUp.referredHow);
    // How to reach them: the place's own number, as on the sociale kaart.
    expect(JSON.stringify(cardOf(cards()[0]!))).toContain('tel:');
    expect(JSON.stringify(h.connector.received)).not.toContain(BZK_COUNSELLOR);
  });

  it('Counsellors: the coordinator keeps who reads which inbox (validated, audited) and hands on the signals of an inbox whose counsellor left; nobody else may', async () => {
    const COORDINATOR = '0e000000-0000-4000-8000-0000000000c1';
    const coordinator = await entra.token(COORDINATOR, { roles: ['Coordinator'] });
    const NEW = 'de000000-0000-4000-8000-00000000c0b2';
    const karin = { aadObjectId: BZK_COUNSELLOR, displayName: 'Karin Bosman', organisation: 'bzk', roles: ['vertrouwenspersoon-integriteit', 'vertrouwenspersoon-ongewenst-gedrag'] };
    const listed = (await call('/api/counsellors', coordinator)).body;
    expect(listed.counsellors).toEqual(expect.arrayContaining([karin]));
    // A counsellor or an employee may not.
    expect((await call('/api/counsellors', await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] }))).status).toBe(403);
    expect((await call(`/api/counsellors/${NEW}`, await entra.token(NEW), { method: 'PUT', body: { aadObjectId: NEW, displayName: 'Ik', organisation: 'bzk', roles: ['integriteitsloket'] } })).status).toBe(403);

    const changes = async () => (await h.service.app.db.query('SELECT action, counsellor_aad_object_id, organisation, roles, by_aad_object_id FROM counsellor_changes ORDER BY changed_at, id')).rows;
    const before = await changes();
    // Bad input: a clear 400 naming the field, and nothing changes.
    const olga = { aadObjectId: NEW, displayName: 'Olga Smit', organisation: 'bzk', roles: ['integriteitsloket'] };
    for (const [body, field] of [
      [{ ...olga, organisation: 'onbekend' }, 'organisation'],
      [{ ...olga, roles: ['huis-voor-klokkenluiders'] }, 'roles.0'],
      [{ ...olga, roles: ['integriteitsloket', 'integriteitsloket'] }, 'roles'],
      [{ ...olga, roles: [] }, 'roles'],
      [{ ...olga, displayName: '  ' }, 'displayName'],
    ] as const) {
      const refused = await call(`/api/counsellors/${NEW}`, coordinator, { method: 'PUT', body });
      expect(refused.status).toBe(400);
      expect(refused.body.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect((await call(`/api/counsellors/${NEW}`, coordinator, { method: 'PUT', body: { ...olga, aadObjectId: BZK_COUNSELLOR } })).status).toBe(400);
    // Nobody puts themselves at an inbox.
    expect((await call(`/api/counsellors/${COORDINATOR}`, coordinator, { method: 'PUT', body: { ...olga, aadObjectId: COORDINATOR } })).status).toBe(400);
    expect(await changes()).toEqual(before);

    // Added: the person reads the integrity desk of BZK from now on, and the change is recorded with who made it.
    expect((await call(`/api/counsellors/${NEW}`, coordinator, { method: 'PUT', body: olga })).body).toEqual({ counsellor: olga });
    // The list says which inboxes; the desk itself needs the app role that the tenant's admins assign. So the
    // coordinator's list makes nobody a counsellor.
    expect((await call('/api/me', await entra.token(NEW))).body.roles).toEqual([]);
    expect((await call('/api/signals', await entra.token(NEW))).status).toBe(403);
    expect((await call('/api/me', await entra.token(NEW, { roles: ['Counsellor'] }))).body.roles).toEqual(['counsellor']);
    expect((await changes()).slice(before.length)).toEqual([{ action: 'saved', counsellor_aad_object_id: NEW, organisation: 'bzk', roles: ['integriteitsloket'], by_aad_object_id: COORDINATOR }]);

    // Karin leaves BZK with a signal waiting in her inbox: the inbox is listed as nobody's, and handed on.
    const chat = h.newChat();
    const code = caseCodeOn(await h.submitIn(chat, { ...(await h.openForm(chat, 'bzk')), category: 'pesten', wish: 'gesprek', anonymity: 'anoniem' }))!;
    await settle(h.service.app);
    expect((await call(`/api/counsellors/${BZK_COUNSELLOR}?organisation=bzk`, coordinator, { method: 'DELETE' })).body).toEqual({ removed: true });
    expect((await call(`/api/counsellors/${BZK_COUNSELLOR}?organisation=bzk`, coordinator, { method: 'DELETE' })).status).toBe(404);
    // At once, new signals go where someone reads: BZK's pesten rule names no staffed inbox now, so it is only counted.
    const after = { ...h.newChat(), aadObjectId: 'aad-after-removal' };
    await h.submitIn(after, { ...(await h.openForm(after, 'bzk')), category: 'pesten', wish: 'gesprek', anonymity: 'vertrouwelijk' });
    expect((await h.service.app.db.query(`SELECT inbox_role, status FROM signals WHERE reporter_aad_object_id = 'aad-after-removal'`)).rows).toEqual([{ inbox_role: null, status: 'geteld' }]);
    expect((await call('/api/counsellors', coordinator)).body.unstaffed).toEqual(expect.arrayContaining([{ organisation: 'bzk', role: 'vertrouwenspersoon-ongewenst-gedrag' }]));
    const handOn = (body: unknown) => call('/api/inboxes/hand-on', coordinator, { method: 'POST', body });
    // Only from an inbox nobody staffs, to one somebody does.
    expect((await handOn({ organisation: 'bzk', from: 'integriteitsloket', to: 'vertrouwenspersoon-ongewenst-gedrag' })).status).toBe(409);
    const handedOn = await handOn({ organisation: 'bzk', from: 'vertrouwenspersoon-ongewenst-gedrag', to: 'integriteitsloket' });
    // Whether any went, never how many: the coordinator learns no count of open signals.
    expect(handedOn.body).toEqual({ handedOn: true });
    const inbox = (await call('/api/signals', await entra.token(NEW, { roles: ['Counsellor'] }))).body.signals;
    expect(inbox.find((s: { reference: string }) => s.reference === code)).toMatchObject({ inboxRole: 'integriteitsloket' });
    const told = format(nl.followUp.handedOverNotice, { code, place: 'Integriteitsloket BZK', reason: nl.followUp.handoverReasons.afwezig });
    await h.connector.until(() => h.connector.received.some((r) => r.conversationId === chat.conversationId && textsOf(cardOf(r)).includes(told)));
    // The coordinator never read the signal: no read is recorded, and nothing of its text came back.
    expect(JSON.stringify(handedOn.body)).not.toContain(code);

    // Karin back at her desks, for the tests that follow.
    expect((await call(`/api/counsellors/${BZK_COUNSELLOR}`, coordinator, { method: 'PUT', body: karin })).status).toBe(200);
  });

  it('Signalen: a confidential signal shows its reporter and its code; one stored before codes were kept sealed shows its short reference', async () => {
    const counsellor = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    // About exclusion, so the Inzicht test below still finds fewer than 5 about bullying.
    const named = await h.raise({ ...h.newChat(), aadObjectId: 'aad-named-reporter', name: 'Yara Benali-Kuipers' }, 'vertrouwelijk', 'gesprek', 'uitsluiting');
    const old = await h.raise(h.newChat(), 'anoniem', 'gesprek', 'uitsluiting');
    // As a row written before migration 011: no sealed code.
    await h.service.app.db.query('UPDATE signals SET case_code_sealed = NULL WHERE id = $1', [old.id]);

    const inbox = (await call('/api/signals', counsellor)).body.signals as Array<{ id: string; reference: string; reporterAadObjectId: string | null }>;
    // The list says "with name", not whose: who it is comes with an opening, which is recorded.
    expect(inbox.find((s) => s.id === named.id)).toMatchObject({ reference: named.code, anonymity: 'vertrouwelijk', reporterAadObjectId: null });
    expect(JSON.stringify(inbox)).not.toContain('aad-named-reporter');
    const shortReference = old.id.slice(0, 8).toUpperCase();
    expect(inbox.find((s) => s.id === old.id)).toMatchObject({ reference: shortReference, reporterAadObjectId: null });
    expect(JSON.stringify(inbox)).not.toContain(old.code);

    // The name is for the counsellor who opens the signal (a read that is recorded), not for the list.
    expect(JSON.stringify(inbox)).not.toContain('Yara Benali-Kuipers');
    expect((await call(`/api/signals/${named.id}`, counsellor)).body.signal).toMatchObject({
      reference: named.code,
      reporterAadObjectId: 'aad-named-reporter',
      reporterName: 'Yara Benali-Kuipers',
    });
    expect((await call(`/api/signals/${old.id}`, counsellor)).body.signal).toMatchObject({ reference: shortReference, reporterName: null });
  });

  it('a database reader finds the name a confidential reporter gave in no table: it is stored sealed, bound to its signal', async () => {
    const name = 'Joris van Tiel-Haddou';
    const named = await h.raise({ ...h.newChat(), aadObjectId: 'aad-named-reader-test', name }, 'vertrouwelijk', 'gesprek', 'uitsluiting');
    const db = h.service.app.db;
    const tables = (await db.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).rows;
    expect(tables.length).toBeGreaterThan(10);
    for (const { table_name } of tables) {
      const dump = JSON.stringify((await db.query(`SELECT * FROM "${table_name}"`)).rows);
      expect({ table: table_name, hasName: dump.includes(name) || dump.includes('Joris') }).toEqual({ table: table_name, hasName: false });
    }
    // The seal opens only as this signal's name: moved into the description column, it does not open.
    const row = (await db.query<{ reporter_name_sealed: string | null }>('SELECT reporter_name_sealed FROM signals WHERE id = $1', [named.id])).rows[0]!;
    expect(row.reporter_name_sealed).toEqual(expect.any(String));
    const sealing = new KeyRingSignalSealing(new KeyRing(TEST_SIGNAL_KEY));
    expect(sealing.openReporterName(row.reporter_name_sealed!, named.id)).toBe(name);
    expect(() => sealing.openText(row.reporter_name_sealed!, named.id)).toThrow();
    // An anonymous reporter's name is kept nowhere, sealed or not.
    const anonymous = await h.raise({ ...h.newChat(), name: 'Niet Bewaren' }, 'anoniem', 'gesprek', 'uitsluiting');
    expect((await db.query('SELECT reporter_name_sealed, reporter_aad_object_id FROM signals WHERE id = $1', [anonymous.id])).rows[0]).toEqual({ reporter_name_sealed: null, reporter_aad_object_id: null });
  });

  it('"Laten lezen": the counsellor reads the signal and its text, cannot answer it, and closing it sends the reporter nothing', async () => {
    const counsellor = await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] });
    const chat = h.newChat();
    const form = await h.openForm(chat, 'bzk');
    const receipt = await h.submitIn(chat, { ...form, category: 'uitsluiting', wish: 'laten-lezen', anonymity: 'anoniem', description: 'Ik word bij de lunch steeds overgeslagen.' });
    const texts = textsOf(cardOf(receipt));
    expect(texts).toContain('niemand neemt contact met je op.');
    expect(texts).not.toContain(nl.signal.codeOnlyHere);
    const id = await signalIdOf(h.service.app, form.submissionId);
    expect((await h.service.app.db.query('SELECT reply_route_sealed FROM signals WHERE id = $1', [id])).rows[0]).toEqual({ reply_route_sealed: null });
    // Whatever code would write one, the database refuses a way back to the person on such a signal.
    await expect(h.service.app.db.query("UPDATE signals SET reply_route_sealed = 'x' WHERE id = $1", [id])).rejects.toThrow(/signals_read_only_has_no_route/);
    // Its status says what holds: nobody contacts them (no promise of answers in this chat).
    expect(textsOf(cardOf(await h.turnAlongside(message(chat, caseCodeOn(receipt)!))))).toContain(nl.status.explanationReadOnly);

    const listed = (await call('/api/signals', counsellor)).body.signals.find((s: { id: string }) => s.id === id);
    expect(listed).toMatchObject({ wish: 'laten-lezen', status: 'nieuw', canAnswer: false, reporterTold: false });
    expect((await call(`/api/signals/${id}`, counsellor)).body.signal).toMatchObject({ description: 'Ik word bij de lunch steeds overgeslagen.' });
    const answered = await call(`/api/signals/${id}/answer`, counsellor, { method: 'POST', body: { text: 'Mag ik je bellen?' } });
    expect(answered).toEqual({ status: 409, body: { error: 'not-wanted', message: nl.followUp.answerNotWanted } });
    expect((await h.service.app.db.query('SELECT 1 FROM signal_messages WHERE signal_id = $1', [id])).rows).toEqual([]);
    expect((await call(`/api/signals/${id}/status`, counsellor, { method: 'POST', body: { status: 'gesloten', outcome: 'advies-gegeven' } })).body).toEqual({ status: 'gesloten' });
    expect((await h.service.app.db.query('SELECT 1 FROM outbox WHERE signal_id = $1', [id])).rows).toEqual([]);
  });

  it('Pool & workshops and the directory for the coordinator: list, set inactive, edit a place and a rule; nobody else may', async () => {
    const coordinator = await entra.token('0e000000-0000-4000-8000-0000000000c1', { roles: ['Coordinator'] });
    const facilitator = await entra.token(FACILITATOR_OID);
    for (const path of ['/api/pool', '/api/workshops', '/api/insights']) expect((await call(path, facilitator)).status).toBe(403);

    const pool = (await call('/api/pool', coordinator)).body.facilitators;
    expect(pool).toHaveLength(11);
    expect(pool[0]).toEqual(expect.objectContaining({ id: expect.any(String), experience: expect.any(String), active: true, workload: expect.any(Number) }));
    expect((await call('/api/pool/fac-ubr-daan', coordinator, { method: 'POST', body: { active: 'nee' } })).status).toBe(400);
    expect((await call('/api/pool/fac-ubr-daan', coordinator, { method: 'POST', body: { active: false } })).body).toEqual({ id: 'fac-ubr-daan', active: false });
    expect((await call('/api/pool', coordinator)).body.facilitators.find((f: { id: string }) => f.id === 'fac-ubr-daan').active).toBe(false);
    await call('/api/pool/fac-ubr-daan', coordinator, { method: 'POST', body: { active: true } });
    expect(Array.isArray((await call('/api/workshops', coordinator)).body.workshops)).toBe(true);

    const place = (await call('/api/referrals?organisation=ubr&topic=werkdruk-spanning', coordinator)).body.referrals.find((r: { role: string }) => r.role === 'bedrijfsarts');
    const edited = { ...place, hours: { nl: 'Werkdagen 8.00–17.00 uur', en: 'Working days 8:00–17:00' } };
    expect((await call(`/api/referrals/${place.id}`, facilitator, { method: 'PUT', body: edited })).status).toBe(403);
    expect((await call(`/api/referrals/${place.id}`, coordinator, { method: 'PUT', body: { ...edited, contact: {} } })).status).toBe(400);
    expect((await call(`/api/referrals/${place.id}`, coordinator, { method: 'PUT', body: { ...edited, id: 'iets-anders' } })).status).toBe(400);
    expect((await call(`/api/referrals/${place.id}`, coordinator, { method: 'PUT', body: edited })).status).toBe(200);
    const after = (await call('/api/referrals?organisation=ubr', coordinator)).body.referrals.find((r: { id: string }) => r.id === place.id);
    expect(after.hours.nl).toBe('Werkdagen 8.00–17.00 uur');
    expect((await call('/api/routing-rules', coordinator, { method: 'PUT', body: { category: 'werkdruk-spanning', wish: 'advies', roles: ['bedrijfsarts', 'hr-adviseur'], urgency: 'normaal' } })).status).toBe(200);
    expect((await call('/api/routing-rules', coordinator, { method: 'PUT', body: { category: 'werkdruk-spanning', wish: 'advies', roles: [], urgency: 'normaal' } })).status).toBe(400);
  });

  it('Inzicht: what is held back arrives as "hidden" from the server, never as a count from 1 to 4', async () => {
    const coordinator = await entra.token('0e000000-0000-4000-8000-0000000000c1', { roles: ['Coordinator'] });
    const insights = (await call('/api/insights', coordinator)).body;
    for (const cells of [insights.signalsByMonth.cells, insights.signalsByOrganisation.cells]) {
      for (const value of cells.flat()) expect(value === 'hidden' || value === 0 || value >= 5).toBe(true);
    }
    expect(insights.workshops).toEqual(expect.objectContaining({ held: expect.any(Number) }));
    expect(insights.quarter).toMatch(/^\d{4}-Q[1-4]$/);
  });

  it('searches the referral directory by words, topic and organisation', async () => {
    const token = await entra.token('0e000000-0000-4000-8000-0000000000e1');
    const all = (await call('/api/referrals', token)).body.referrals;
    const ubrWork = (await call('/api/referrals?topic=werkdruk-spanning&organisation=ubr', token)).body.referrals;
    expect(ubrWork.length).toBeGreaterThan(0);
    expect(ubrWork.length).toBeLessThan(all.length);
    expect(ubrWork.every((r: { organisation: string }) => ['ubr', 'rijk'].includes(r.organisation))).toBe(true);
    expect(ubrWork.some((r: { role: string }) => r.role === 'bedrijfsarts')).toBe(true);
    const words = (await call('/api/referrals?q=klokkenluiders', token)).body.referrals;
    expect(words.map((r: { role: string }) => r.role)).toContain('huis-voor-klokkenluiders');
    expect(words.length).toBeLessThan(all.length);
    expect(words.every((r: { name: { nl: string }; description: { nl: string; en: string } }) => /klokkenluiders/i.test(JSON.stringify(r)))).toBe(true);
    expect((await call('/api/referrals?topic=onzin', token)).status).toBe(400);
  });
});

describe('the development sign-in', () => {
  it('gives a fictional persona a token in development mode, and does not exist in production', async () => {
    const store = await tempPglite();
    const dev = await startService(store.storage);
    try {
      const signIn = await fetch(`${dev.base}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'facilitator' }) });
      const { token } = (await signIn.json()) as { token: string };
      const me = await fetch(`${dev.base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ roles: ['facilitator'] });
      const bad = await fetch(`${dev.base}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'admin' }) });
      expect(bad.status).toBe(400);
    } finally {
      await dev.app.stop();
    }
    const prod = await startService(store.storage, { mode: 'production' });
    try {
      const signIn = await fetch(`${prod.base}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'facilitator' }) });
      expect(signIn.status).toBe(404);
      expect((await fetch(`${prod.base}/api/me`)).status).toBe(401);
    } finally {
      await prod.app.stop();
      await store.dispose();
    }
  });
});
