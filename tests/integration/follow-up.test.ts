import { nl } from '../../bot/src/i18n/nl';
import { type ActivityOptions, message, submit } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { actionData, cardOf, textsOf } from '../support/card-reading';
import { eventually } from '../support/eventually';
import { storesUnderTest } from '../support/storages';

jest.setTimeout(60_000);

const ANSWER = 'Dank je voor je signaal. Schikt morgen om 10.00 uur voor een gesprek?';

describe.each(storesUnderTest())('two-way follow-up on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore);
  const send = (_chat: ActivityOptions, activity: { id: string }) => h.turn(activity);
  const raise = (chat: ActivityOptions, anonymity: string) => h.raise(chat, anonymity);
  const newChat = () => h.newChat();

  it("delivers a handler's answer to the anonymous reporter's chat, who can answer back", async () => {
    const chat = newChat();
    const signal = await raise(chat, 'anoniem');
    h.connector.clear();
    expect(await h.service.app.followUp.answer(signal.id, ANSWER)).toBe('queued');

    const [delivered] = await h.connector.waitFor(1, 5000);
    expect(delivered!.conversationId).toBe(chat.conversationId);
    const card = cardOf(delivered);
    expect(textsOf(card)).toContain(nl.followUp.answerTitle);
    expect(textsOf(card)).toContain(ANSWER);
    // Sent: the outbox row is gone, so no record remains of when this person was messaged.
    await eventually(async () => {
      const outbox = await h.service.app.db.query('SELECT status FROM outbox WHERE signal_id = $1', [signal.id]);
      expect(outbox.rows).toEqual([]);
    });
    expect((await h.service.app.db.query('SELECT status FROM signals WHERE id = $1', [signal.id])).rows[0]).toEqual({ status: 'in-behandeling' });

    const reply = await send(chat, submit(chat, { ...actionData(card, 'signal.reply'), reply: 'Ja, dat schikt.' }));
    expect(reply.activity.text).toBe(nl.followUp.replyStored);

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

  it('refuses an answer-back from another conversation, storing nothing', async () => {
    const chat = newChat();
    const signal = await raise(chat, 'anoniem');
    const intruder = newChat();
    const before = (await h.service.app.db.query('SELECT count(*)::int AS n FROM signal_messages')).rows[0];
    const reply = await send(intruder, submit(intruder, { action: 'signal.reply', signalId: signal.id, reply: 'Ik ben het niet' }));
    expect(reply.activity.text).toBe(nl.errors.invalidSubmit);
    expect((await h.service.app.db.query('SELECT count(*)::int AS n FROM signal_messages')).rows[0]).toEqual(before);
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
    const chat = newChat();
    const signal = await raise(chat, 'anoniem');
    expect((await send(chat, submit(chat, { action: 'signal.reply', signalId: signal.id, reply: '   ' }))).activity.text).toBe(nl.errors.invalidSubmit);
    expect((await send(chat, submit(chat, { action: 'signal.reply', signalId: signal.id, reply: 'x'.repeat(4001) }))).activity.text).toBe(nl.errors.invalidSubmit);
    await h.service.app.db.query("UPDATE signals SET status = 'gesloten', closed_at = now() WHERE id = $1", [signal.id]);
    expect((await send(chat, submit(chat, { action: 'signal.reply', signalId: signal.id, reply: 'Nog iets' }))).activity.text).toBe(nl.followUp.closed);
    expect(await h.service.app.followUp.answer(signal.id, ANSWER)).toBe('closed');
  });
});
