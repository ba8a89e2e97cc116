import { randomUUID } from 'node:crypto';
import { format } from '../../bot/src/platform/i18n/locale';
import { placeFor } from '../../bot/src/features/kaart/routing';
import type { ReferralRole } from '../../bot/src/shared/signal-vocabulary';
import { seededSocialeKaart } from '../../bot/src/features/kaart/seed-sociale-kaart';
import { nl } from '../support/strings';
import { type ActivityOptions, message, submit } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { actionData, cardOf, caseCodeOn, textsOf } from '../support/card-reading';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { eventually } from '../support/eventually';
import { settle, TEST_SIGNAL_KEY } from '../support/service';
import { storesUnderTest } from '../support/storages';

jest.setTimeout(60_000);

const ANSWER = 'Dank je voor je signaal. Schikt morgen om 10.00 uur voor een gesprek?';

describe.each(storesUnderTest())('two-way follow-up on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore);
  const send = (_chat: ActivityOptions, activity: { id: string }) => h.turn(activity);
  const raise = (chat: ActivityOptions, anonymity: string) => h.raise(chat, anonymity);
  const newChat = () => h.newChat();
  /** A reporter in their own chat raised a signal, and a handler's answer to it has reached that chat. */
  const answered = async (anonymity: 'anoniem' | 'vertrouwelijk') => {
    const chat = newChat();
    const signal = await raise(chat, anonymity);
    h.connector.clear();
    expect(await h.service.app.followUp.answer(signal.id, ANSWER)).toBe('queued');
    const [delivered] = await h.connector.waitFor(1, 5000);
    return { chat, signal, delivered: delivered! };
  };

  it("delivers a handler's answer to the anonymous reporter's chat, who can answer back", async () => {
    const { chat, signal, delivered } = await answered('anoniem');
    expect(delivered.conversationId).toBe(chat.conversationId);
    const card = cardOf(delivered);
    expect(textsOf(card)).toContain(nl.followUp.answerTitle);
    expect(textsOf(card)).toContain(ANSWER);
    // It names the signal it answers, for a reporter who raised more than one, and who answers: the place it went to.
    expect(textsOf(card)).toContain(format(nl.followUp.answerAbout, { code: signal.code }));
    const { rows } = await h.service.app.db.query<{ inbox_role: ReferralRole }>('SELECT inbox_role FROM signals WHERE id = $1', [signal.id]);
    const place = placeFor(seededSocialeKaart().referrals, 'bzk', rows[0]!.inbox_role)!;
    expect(textsOf(card)).toContain(format(nl.followUp.answerIntro, { place: place.name.nl }));
    // Sent: the outbox row is gone, so no record remains of when this person was messaged.
    await eventually(async () => {
      const outbox = await h.service.app.db.query('SELECT status FROM outbox WHERE signal_id = $1', [signal.id]);
      expect(outbox.rows).toEqual([]);
    });
    expect((await h.service.app.db.query('SELECT status FROM signals WHERE id = $1', [signal.id])).rows[0]).toEqual({ status: 'in-behandeling' });

    // An anonymous reporter's reply goes through the mixer: received now, with the handler within the delay.
    const value = { ...actionData(card, 'signal.reply'), reply: 'Ja, dat schikt.' };
    const reply = await send(chat, submit(chat, value));
    expect(reply.activity.text).toBe(format(nl.followUp.replyOnItsWay, { within: '1 minuut' }));
    // Pressed twice (or delivered twice by Teams), it is stored once, while waiting and after.
    expect((await send(chat, submit(chat, value))).activity.text).toBe(nl.followUp.replyRepeat);
    await settle(h.service.app);
    expect((await send(chat, submit(chat, value))).activity.text).toBe(nl.followUp.replyRepeat);
    const replies = await h.service.app.db.query("SELECT created_at FROM signal_messages WHERE signal_id = $1 AND author = 'reporter'", [signal.id]);
    expect(replies.rows).toHaveLength(1);
    // Its day only.
    expect(new Date(replies.rows[0]!.created_at as string).toISOString()).toMatch(/T00:00:00\.000Z$/);

    // Stored sealed; the outbox and logs hold no text.
    const all = JSON.stringify((await h.service.app.db.query('SELECT * FROM signal_messages')).rows) + JSON.stringify((await h.service.app.db.query('SELECT * FROM outbox')).rows);
    expect(all).not.toContain('10.00');
    expect(all).not.toContain('schikt');
    expect(h.logLines.join('\n')).not.toContain('schikt');
    expect(h.logLines.join('\n')).not.toContain(ANSWER);
    expect(h.logLines.join('\n')).not.toContain('10.00');

    // The code shows the conversation.
    const status = textsOf(cardOf(await send(chat, message(chat, signal.code))));
    expect(status).toContain(ANSWER);
    expect(status).toContain('Ja, dat schikt.');
  });

  it('refuses an answer-back from another conversation or with a forged card, storing nothing', async () => {
    const { chat, signal, delivered } = await answered('anoniem');
    const data = actionData(cardOf(delivered), 'signal.reply')!;
    const intruder = newChat();
    const stored = async () => (await h.service.app.db.query('SELECT (SELECT count(*) FROM signal_messages) + (SELECT count(*) FROM mix_envelopes) AS n')).rows[0];
    const before = await stored();
    // The card itself, sent from another chat; a card made up for the signal; another signal's id on this card.
    for (const [from, value] of [
      [intruder, { ...data, reply: 'Ik ben het niet' }],
      [intruder, { action: 'signal.reply', signalId: signal.id, replyFormId: randomUUID(), replyToken: 'A'.repeat(32), reply: 'Ik ben het niet' }],
      [chat, { ...data, signalId: randomUUID(), reply: 'Een ander' }],
    ] as const) {
      expect((await send(from, submit(from, value))).activity.text).toBe(nl.errors.invalidSubmit);
    }
    expect(await stored()).toEqual(before);
  });

  it('takes an anonymous reply of the longest text, in characters JSON writes as six bytes, and publishes it whole, once', async () => {
    const { chat, signal, delivered } = await answered('anoniem');
    // 4,000 characters: control characters (pasted from a document), a euro sign and a quote.
    const text = '\u0001\u001f\u000b€"'.repeat(800);
    const value = { ...actionData(cardOf(delivered), 'signal.reply'), reply: text };
    expect((await send(chat, submit(chat, value))).activity.text).toBe(format(nl.followUp.replyOnItsWay, { within: '1 minuut' }));
    await settle(h.service.app);
    expect((await send(chat, submit(chat, value))).activity.text).toBe(nl.followUp.replyRepeat);
    const published = (await h.service.app.followUp.conversation(signal.id)).filter((m) => m.author === 'reporter');
    expect(published.map((m) => m.text)).toEqual([text]);
  });

  it("stores a named reporter's reply at once, once", async () => {
    const { chat, signal, delivered } = await answered('vertrouwelijk');
    const value = { ...actionData(cardOf(delivered), 'signal.reply'), reply: 'Prima.' };
    expect((await send(chat, submit(chat, value))).activity.text).toBe(nl.followUp.replyStored);
    expect((await send(chat, submit(chat, value))).activity.text).toBe(nl.followUp.replyRepeat);
    expect((await h.service.app.db.query("SELECT 1 FROM signal_messages WHERE signal_id = $1 AND author = 'reporter'", [signal.id])).rows).toHaveLength(1);
    expect((await h.service.app.db.query('SELECT 1 FROM mix_envelopes')).rows).toHaveLength(0);
  });

  it('keeps the answer for a fully anonymous reporter, who reads it with the code', async () => {
    const chat = newChat();
    const signal = await raise(chat, 'volledig-anoniem');
    h.connector.clear();
    expect(await h.service.app.followUp.answer(signal.id, ANSWER)).toBe('stored-no-route');
    const status = textsOf(cardOf(await send(chat, message(chat, signal.code))));
    expect(status).toContain(ANSWER);
  });

  it('refuses an empty or too long answer-back and an answer to a closed signal', async () => {
    const { chat, signal, delivered } = await answered('anoniem');
    const data = actionData(cardOf(delivered), 'signal.reply')!;
    expect((await send(chat, submit(chat, { ...data, reply: '   ' }))).activity.text).toBe(nl.errors.invalidSubmit);
    expect((await send(chat, submit(chat, { ...data, reply: 'x'.repeat(4001) }))).activity.text).toBe(nl.errors.invalidSubmit);
    await h.service.app.db.query("UPDATE signals SET status = 'gesloten', closed_at = now() WHERE id = $1", [signal.id]);
    expect((await send(chat, submit(chat, { ...data, reply: 'Nog iets' }))).activity.text).toBe(nl.followUp.closed);
    expect(await h.service.app.followUp.answer(signal.id, ANSWER)).toBe('closed');
  });
});

describe.each(storesUnderTest())('an anonymous reply on its way on %s', (_kind, createStore) => {
  // Batches of two, and no delay that could publish a lone envelope: what waits, waits.
  const h = useBotHarness(createStore, () => ({ mix: { batchSize: 2, maxDelayMs: 7 * 24 * 60 * 60 * 1000 } }));
  const waiting = async () => (await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM mix_envelopes')).rows[0]!.n;
  const raise = async (chat: ActivityOptions) => {
    const receipt = await h.submitIn(chat, { ...(await h.openForm(chat, 'bzk')), category: 'pesten', wish: 'gesprek', anonymity: 'anoniem' });
    return caseCodeOn(receipt)!;
  };

  it('shows the reporter their signal and their reply on the way until the mixer publishes them, and the handler nothing before', async () => {
    const chat = h.newChat();
    const code = await raise(chat);
    // Waiting: the reporter's code finds it, as received and on its way; no desk has it yet.
    const waitingStatus = textsOf(cardOf(await h.say(chat, code)));
    expect(waitingStatus).toContain(format(nl.status.onItsWay, { within: '168 uur' }));
    expect((await h.service.app.db.query("SELECT 1 FROM signals WHERE anonymity = 'anoniem'")).rows).toHaveLength(0);
    // Another signal makes two: both are published together.
    await raise(h.newChat());
    await eventually(async () => expect(await waiting()).toBe(0));
    const { rows } = await h.service.app.db.query<{ id: string; case_code_hmac: Buffer }>("SELECT id, case_code_hmac FROM signals WHERE anonymity = 'anoniem'");
    expect(rows).toHaveLength(2);
    const mine = rows.find((r) => new KeyRingSignalSealing(new KeyRing(TEST_SIGNAL_KEY)).caseCodeHmac(code).equals(Buffer.from(r.case_code_hmac)))!;

    h.connector.clear();
    await h.service.app.followUp.answer(mine.id, ANSWER);
    const [delivered] = await h.connector.waitFor(1, 5000);
    const reply = await h.submitIn(chat, { ...actionData(cardOf(delivered), 'signal.reply'), reply: 'Ja, dat schikt.' });
    expect(reply.activity.text).toBe(format(nl.followUp.replyOnItsWay, { within: '168 uur' }));
    expect(await waiting()).toBe(1);
    const status = textsOf(cardOf(await h.say(chat, code)));
    expect(status).toContain(`${nl.followUp.onItsWay}): `);
    expect(status).toContain('Ja, dat schikt.');
    // The handler sees only their own answer until the reply is published.
    expect((await h.service.app.followUp.conversation(mine.id)).map((m) => m.author)).toEqual(['handler']);
  });
});

