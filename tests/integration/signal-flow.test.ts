import { en, nl } from '../support/strings';
import { CASE_CODE_PATTERN } from '../../bot/src/features/signals/case-code';
import { CATEGORIES } from '../../bot/src/shared/signal-vocabulary';
import { format } from '../../bot/src/platform/i18n/locale';
import { randomUUID } from 'node:crypto';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { SIGNAL_FORM_VALID_MS, SignalCardTokens } from '../../bot/src/features/signals/signal-card-tokens';
import { type ActivityOptions, message, submit } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { actionData, cardOf, textsOf } from '../support/card-reading';
import type { RecordedActivity } from '../support/connector-stand-in';
import { everyRowAsText } from '../support/db-fingerprint';
import { signalIdOf, TEST_SIGNAL_KEY } from '../support/service';
import { storesUnderTest } from '../support/storages';

jest.setTimeout(60_000);

const DESCRIPTION = 'Mijn teamleider Jan de Vries maakt opmerkingen over mijn uiterlijk.';

describe.each(storesUnderTest())('iets aankaarten over HTTP on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore);
  let chat: ActivityOptions;
  beforeEach(() => {
    chat = h.newChat();
  });
  const send = (value: unknown, options: ActivityOptions = chat) => h.submitIn(options, value);
  const say = (text: string, options: ActivityOptions = chat) => h.say(options, text);
  const openForm = (organisation = 'jenv', options: ActivityOptions = chat) => h.openForm(options, organisation);
  const raise = async (anonymity: string, options: ActivityOptions = chat) => (await h.raise(options, anonymity)).code;
  const signalCount = () => h.signalCount();

  it('goes from the welcome button to a receipt in three cards, storing no identity and no readable text', async () => {
    const form = await openForm('jenv');
    const { submissionId } = form;
    const before = await signalCount();
    const receipt = await send({
      ...form,
      category: 'seksuele-intimidatie',
      wish: 'gesprek',
      anonymity: 'anoniem',
      description: DESCRIPTION,
    });
    const texts = textsOf(cardOf(receipt));
    expect(texts).toContain(nl.signal.receiptTitle);
    const code = texts.split('\n').find((line) => CASE_CODE_PATTERN.test(line));
    expect(code).toBeDefined();
    expect(texts).toContain('Vertrouwenspersoon');
    // Someone will answer here; the person may still call sooner.
    expect(texts).toContain(nl.signal.urgentAdviceHandled);
    expect(await signalCount()).toBe(before + 1);

    const { rows } = await h.service.app.db.query('SELECT * FROM signals WHERE id = $1', [await signalIdOf(h.service.app, submissionId)]);
    const stored = JSON.stringify(rows[0]);
    // The day only: a precise time could be matched against who was at their desk.
    expect(new Date(rows[0]!.created_at as string).toISOString()).toMatch(/T00:00:00\.000Z$/);
    // The form kept nothing while it was open, and left nothing: no row anywhere holds the form's id or the chat's.
    const everything = await everyRowAsText(h.service.app.db);
    expect(everything).not.toContain(submissionId);
    expect(everything).not.toContain(chat.conversationId);
    expect(rows[0]).toMatchObject({ organisation: 'jenv', anonymity: 'anoniem', reporter_aad_object_id: null, status: 'nieuw' });
    for (const secret of ['Jan de Vries', 'uiterlijk', code!, 'aad-user-1', 'Fictieve Collega']) expect(stored).not.toContain(secret);

    // Logs carry events, never the text, the code or who it was, nor the choices: the line's exact time beside
    // them would undo the signal's keeping only its day.
    const logs = h.logLines.join('\n');
    const storedLine = JSON.parse(h.logLines.find((line) => line.includes('"signal.stored"'))!);
    for (const choice of ['category', 'wish', 'anonymity', 'organisation']) expect(storedLine).not.toHaveProperty(choice);
    for (const secret of ['Jan de Vries', 'uiterlijk', code!, 'aad-user-1', 'Fictieve Collega', chat.conversationId!]) {
      expect(logs).not.toContain(secret);
    }
  });

  it.each(['anoniem', 'vertrouwelijk'])('stores one %s signal when the same form is sent twice, and answers the second press once, with the code', async (anonymity) => {
    const value = { ...(await openForm()), category: 'pesten', wish: 'advies', anonymity };
    const before = await signalCount();
    const first = textsOf(cardOf(await send(value)));
    expect(first).toContain(nl.signal.receiptTitle);
    const code = first.split('\n').find((line) => CASE_CODE_PATTERN.test(line))!;
    // The second press gets one short answer with the same code (in case the receipt never arrived), not a second receipt.
    const again = await send(value);
    expect(again.activity.attachments ?? []).toHaveLength(0);
    expect(again.activity.text).toBe(nl.signal.alreadySubmittedCode.replace('{code}', code));
    expect(await signalCount()).toBe(before + 1);
    // Also once the first has left the mixer.
    expect((await send(value)).activity.text).toBe(nl.signal.alreadySubmittedCode.replace('{code}', code));
    expect(await signalCount()).toBe(before + 1);
  });

  it('stores one signal when the same form is sent five times at once', async () => {
    const value = { ...(await openForm()), category: 'pesten', wish: 'gesprek', anonymity: 'anoniem' };
    const before = await signalCount();
    h.connector.clear();
    const posted = await Promise.all(Array.from({ length: 5 }, () => h.service.post(submit(chat, value))));
    expect(posted.every((r) => r.status === 200)).toBe(true);
    const answers = await h.connector.waitFor(5);
    expect(answers.filter((a) => (a.activity.attachments ?? []).length > 0)).toHaveLength(1);
    expect(await signalCount()).toBe(before + 1);
  });

  it('turns the sent form into a short notice in place, so nothing is left to press', async () => {
    const formReply = await h.submitIn(chat, { action: 'signal.form', organisation: 'jenv' });
    const form = actionData(cardOf(formReply), 'signal.submit')!;
    const formMessageId = formReply.id;
    h.connector.clear();
    await h.service.post(submit(chat, { ...form, category: 'pesten', wish: 'advies', anonymity: 'anoniem' }, { replyToId: formMessageId }));
    await h.connector.until(() => h.connector.updates.length > 0);
    const [update] = h.connector.updates;
    expect(update!.activityId).toBe(formMessageId);
    const replaced = textsOf(update!.activity.attachments![0]!.content);
    expect(replaced).toContain(nl.signal.sentTitle);
    expect(JSON.stringify(update!.activity)).not.toContain('signal.submit');
  });

  it('refuses a form older than a week, a forged one and one from another chat, and stores nothing', async () => {
    const tokens = new SignalCardTokens(new KeyRing(TEST_SIGNAL_KEY));
    const before = await signalCount();
    const choices = { organisation: 'jenv', category: 'pesten', wish: 'advies', anonymity: 'anoniem' };
    const submissionId = randomUUID();
    const issuedAt = Date.now() - SIGNAL_FORM_VALID_MS - 60_000;
    const old = { action: 'signal.submit', submissionId, issuedAt, formToken: tokens.form(submissionId, chat.conversationId!, issuedAt), ...choices };
    expect((await send(old)).activity.text).toBe(nl.signal.staleForm);
    const fresh = await openForm();
    expect((await send({ ...fresh, ...choices, formToken: 'A'.repeat(32) })).activity.text).toBe(nl.errors.invalidSubmit);
    expect((await send({ ...fresh, ...choices, issuedAt: fresh.issuedAt + 1 })).activity.text).toBe(nl.errors.invalidSubmit);
    expect((await send({ ...fresh, ...choices }, h.newChat())).activity.text).toBe(nl.errors.invalidSubmit);
    expect(await signalCount()).toBe(before);
  });

  it.each([
    ['an unknown category', { category: 'onzin' }, nl.errors.invalidSubmit],
    ['a missing wish', { wish: undefined }, nl.errors.invalidSubmit],
    ['a number for anonymity', { anonymity: 3 }, nl.errors.invalidSubmit],
    ['an unknown organisation', { organisation: 'nasa' }, nl.errors.invalidSubmit],
    ['a description of 2,001 characters', { description: 'x'.repeat(2001) }, nl.signal.descriptionTooLong],
    ['a description of 10 MB', { description: 'x'.repeat(10 * 1024 * 1024) }, nl.signal.descriptionTooLong],
    ['a forged submission id', { submissionId: 'not-a-uuid' }, nl.errors.invalidSubmit],
    ['another form\'s submission id', { submissionId: randomUUID() }, nl.errors.invalidSubmit],
    ['a list instead of an object', null, nl.errors.invalidSubmit],
  ])('refuses %s with a clear message and stores nothing', async (_what, change, message) => {
    const form = await openForm();
    const before = await signalCount();
    const value = { ...form, category: 'pesten', wish: 'advies', anonymity: 'anoniem', ...change };
    const reply = await send(change === null ? [value] : value);
    expect(reply.activity.text).toBe(message);
    expect(await signalCount()).toBe(before);
  });

  it('ignores extra keys such as __proto__: the signal is stored and no prototype is polluted', async () => {
    const form = await openForm();
    const before = await signalCount();
    const body = `${JSON.stringify({ ...form, category: 'pesten', wish: 'advies', anonymity: 'anoniem' }).slice(0, -1)},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`;
    const reply = await send(JSON.parse(body));
    expect(textsOf(cardOf(reply))).toContain(nl.signal.receiptTitle);
    expect(await signalCount()).toBe(before + 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['anoniem', 'mix_envelopes'],
    ['anoniem', 'signals'],
    ['vertrouwelijk', 'signals'],
  ])('tells the person an %s signal was not saved when the table %s fails at the submit, and stores nothing half', async (anonymity, table) => {
    const form = await openForm();
    const before = await signalCount();
    await h.service.app.db.exec(`ALTER TABLE ${table} RENAME TO ${table}_unreachable`);
    let reply: RecordedActivity;
    try {
      reply = await send({ ...form, category: 'pesten', wish: 'gesprek', anonymity, description: DESCRIPTION });
    } finally {
      await h.service.app.db.exec(`ALTER TABLE ${table}_unreachable RENAME TO ${table}`);
    }
    expect(reply.activity.text).toBe(nl.signal.notSaved);
    expect(await signalCount()).toBe(before);
    // The same form can be sent again once the database is back.
    const retry = await send({ ...form, category: 'pesten', wish: 'gesprek', anonymity });
    expect(textsOf(cardOf(retry))).toContain(nl.signal.receiptTitle);
  });

  it('leads acute danger straight to 112, 113 and the organisation emergency desk', async () => {
    const texts = textsOf(cardOf(await send({ action: 'signal.danger', organisation: 'ubr' })));
    expect(texts).toContain(nl.signal.emergencyTitle);
    expect(texts).toContain('112');
    expect(texts).toContain('0800-0113');
    expect(texts).toMatch(/UBR|Uitvoeringsorganisatie/);
    expect(texts).not.toMatch(/Belastingdienst/);
  });

  it('asks for the organisation before the form', async () => {
    expect((await send({ action: 'signal.form' })).activity.text).toBe(nl.signal.organisationRequired);
  });

  it('says what happens next honestly for "volledig anoniem"', async () => {
    const form = await openForm('bzk');
    const receipt = await send({ ...form, category: 'pesten', wish: 'gesprek', anonymity: 'volledig-anoniem' });
    const texts = textsOf(cardOf(receipt));
    expect(texts).toContain(nl.signal.nextFullyAnonymous.split('{place}')[1]);
    // No line may promise an answer in this chat.
    expect(texts).not.toContain('Het antwoord komt hier in deze chat');
  });

  it('speaks English through the whole flow for an English client', async () => {
    const english = { ...chat, locale: 'en-US' };
    const start = textsOf(cardOf(await send({ action: 'capability.signal' }, english)));
    expect(start).toContain(en.signal.dangerQuestion);
  });

  it('shows where a signal stands when its code is typed, however it is typed', async () => {
    const code = await raise('anoniem');
    const status = textsOf(cardOf(await say(` ${code.toLowerCase().replace(/-/g, ' ')} `)));
    expect(status).toContain(code);
    expect(status).toContain(nl.status.states.nieuw);
    expect(status).toContain('Pesten');
  });

  it('answers a stranger\'s code for a confidential signal exactly as an unknown code', async () => {
    const code = await raise('vertrouwelijk');
    const stranger = { ...chat, conversationId: `a:other-${Math.random()}`, userId: '29:someone-else' };
    const strangerActivity = (text: string) => message(stranger, text, { from: { id: '29:someone-else', aadObjectId: 'aad-someone-else' } });
    h.connector.clear();
    await h.service.post(strangerActivity(code));
    const [notYours] = await h.connector.waitFor(1);
    h.connector.clear();
    await h.service.post(strangerActivity('SV-2222-2222'));
    const [unknown] = await h.connector.waitFor(1);
    expect(notYours!.activity.text).toBe(nl.status.notFound);
    expect(unknown!.activity.text).toBe(notYours!.activity.text);
    // The reporter does see it.
    expect(textsOf(cardOf(await say(code)))).toContain(code);
  });

  it("opens an anonymous signal only in the chat it came from: a code seen over a shoulder opens nothing", async () => {
    const code = await raise('anoniem');
    const elsewhere = { ...chat, conversationId: `a:elsewhere-${Math.random()}`, aadObjectId: 'aad-someone-else' };
    expect((await say(code, elsewhere)).activity.text).toBe(nl.status.notFound);
    expect(textsOf(cardOf(await say(code)))).toContain(code);
  });

  it('does not keep a description nobody would read, as the form said before', async () => {
    const form = await openForm();
    const receipt = await send({ ...form, category: 'pesten', wish: 'advies', anonymity: 'anoniem', description: DESCRIPTION });
    expect(textsOf(cardOf(receipt))).not.toContain(nl.signal.textNotKept);
    const { rows } = await h.service.app.db.query('SELECT description_sealed FROM signals WHERE id = $1', [await signalIdOf(h.service.app, form.submissionId)]);
    expect(rows[0]).toEqual({ description_sealed: null });
  });

  it('limits code guessing to ten look-ups an hour per conversation', async () => {
    const guesser = { ...chat, conversationId: `a:guesser-${Math.random()}` };
    for (let i = 0; i < 10; i++) expect((await say(`SV-2222-${String(2222 + i).replace(/[01]/g, '3')}`, guesser)).activity.text).toBe(nl.status.notFound);
    expect((await say('SV-3333-3333', guesser)).activity.text).toBe(nl.status.tooMany);
    // Deleting one's data does not reset the limit on guessing codes.
    await send({ action: 'myData.delete' }, guesser);
    expect((await say('SV-3333-3334', guesser)).activity.text).toBe(nl.status.tooMany);
  });

  it('counts fifteen look-ups sent at once: ten answered, five refused', async () => {
    const guesser = { ...chat, conversationId: `a:burst-${Math.random()}` };
    h.connector.clear();
    const posted = await Promise.all(Array.from({ length: 15 }, (_, i) => h.service.post(message(guesser, `SV-4444-${String(4444 + i).replace(/[01]/g, '5')}`))));
    expect(posted.every((r) => r.status === 200)).toBe(true);
    const texts = (await h.connector.waitFor(15)).map((r) => r.activity.text);
    expect(texts.filter((t) => t === nl.status.notFound)).toHaveLength(10);
    expect(texts.filter((t) => t === nl.status.tooMany)).toHaveLength(5);
    // The table holds a keyed hash, not the conversation id.
    const { rows } = await h.service.app.db.query('SELECT * FROM rate_limits');
    expect(JSON.stringify(rows)).not.toContain(guesser.conversationId);
  });

  it('refuses an organisation that is not in the organisations table at every step', async () => {
    const before = await signalCount();
    const forged = await send({ action: 'talk.show', topic: 'pesten', organisation: 'nasa' });
    expect(forged.activity.text).toBe(nl.errors.invalidSubmit);
    expect((await send({ action: 'signal.form', organisation: 'nasa' })).activity.text).toBe(nl.errors.invalidSubmit);
    expect(await signalCount()).toBe(before);
  });

  it('shows my data and deletes what carries my name, leaving anonymous signals', async () => {
    const me = { ...chat, conversationId: `a:me-${Math.random()}`, aadObjectId: `aad-me-${Math.random()}` };
    await raise('vertrouwelijk', me);
    await raise('anoniem', me);
    const total = await signalCount();
    const card = cardOf(await send({ action: 'capability.myData' }, me));
    const texts = textsOf(card);
    expect(texts).toContain(nl.myData.anonymousNote);
    expect(texts).toMatch(/Pesten/);
    const mine = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals WHERE reporter_aad_object_id = $1', [me.aadObjectId]);
    expect(mine.rows[0]!.n).toBe(1);
    const reply = await send({ action: 'myData.delete' }, me);
    // Deleting one's data does not reset the limit on guessing codes (nothing was looked up here: still empty).
    expect(reply.activity.text).toBe(format(nl.myData.deleted, { signals: '1 signaal met je naam', registrations: '0 aanmeldingen voor workshops' }));
    const after = await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals WHERE reporter_aad_object_id = $1', [me.aadObjectId]);
    expect(after.rows[0]!.n).toBe(0);
    expect(await signalCount()).toBe(total - 1);
  });

  it('shows where to talk for a topic: werkdruk at UBR names the company doctor', async () => {
    const start = cardOf(await send({ action: 'capability.talk' }));
    expect(start.body.find((b: any) => b.id === 'topic').choices.length).toBe(CATEGORIES.length);
    const texts = textsOf(cardOf(await send({ action: 'talk.show', topic: 'werkdruk-spanning', organisation: 'ubr' })));
    expect(texts).toContain('Werkdruk of spanning');
    expect(texts.toLowerCase()).toContain('bedrijfsarts');
  });
});

describe.each(storesUnderTest())('acute danger without the sociale kaart on %s', (_kind, createStore) => {
  // A service of its own, so no cached copy of the sociale kaart can hide the failure.
  const h = useBotHarness(createStore);

  it('still shows 112 and 113 when the sociale kaart cannot be read', async () => {
    await h.service.app.db.exec('ALTER TABLE referrals RENAME TO referrals_unreadable');
    try {
      const texts = textsOf(cardOf(await h.submitIn(h.newChat(), { action: 'signal.danger', organisation: 'ubr' })));
      expect(texts).toContain(nl.signal.emergencyTitle);
      expect(texts).toContain('112');
      expect(texts).toContain('0800-0113');
    } finally {
      await h.service.app.db.exec('ALTER TABLE referrals_unreadable RENAME TO referrals');
    }
  });
});
