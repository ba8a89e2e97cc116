import { en, nl } from '../support/strings';
import { format } from '../../bot/src/platform/i18n/locale';
import type { Database } from '../../bot/src/platform/database/database';
import { type ActivityOptions, cardAction, message } from '../support/activities';
import { type SignalForm, useBotHarness } from '../support/bot-harness';
import { KeyRing, pseudonymOf } from '../../bot/src/platform/crypto/signal-keys';
import { TEST_SIGNAL_KEY } from '../support/service';
import { cardOf, textsOf } from '../support/card-reading';
import { changedTables, domainTables, fingerprinter } from '../support/db-fingerprint';
import { EntraStandIn } from '../support/entra-stand-in';
import { storesUnderTest } from '../support/storages';

jest.setTimeout(120_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

/**
 * As if the person had paused for three hours: every count of these scopes moves back past its windows
 * (by an amount that matches no window's start, so no count can land on another).
 */
async function pause(db: Database, ...scopes: string[]): Promise<void> {
  await db.query(`UPDATE rate_limits SET window_start = window_start - interval '3 hours 7 seconds' WHERE scope = ANY($1)`, [scopes]);
}

const person = (h: { newChat(): ActivityOptions }, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({
  ...h.newChat(),
  aadObjectId: `aad-${Math.random()}`,
  userId: `29:${Math.random()}`,
  ...extra,
});

describe.each(storesUnderTest())('abuse limits, counted in the database, on %s', (_kind, createStore) => {
  describe('bot turns: 5 a minute per person', () => {
    const h = useBotHarness(createStore, () => ({
      limits: { turnsPerMinute: 5, signalsPerHour: 100, apiPerMinute: 100, apiPerIpPerMinute: 100 },
    }));
    const notice = (t: typeof nl) => `${t.limits.turns} ${t.welcome.urgent}`;
    /** Posts a message and returns what came back for it: nothing, a text or a card. */
    async function send(chat: ActivityOptions, text = 'hallo') {
      h.connector.clear();
      const activity = message(chat, text);
      expect((await h.service.post(activity)).status).toBe(200);
      // The adapter answers after the turn's sends: what came back has arrived.
      return h.connector.received.filter((r) => r.replyToId === activity.id);
    }

    it('answers five, then says so once, then does nothing until the person pauses; others are not affected', async () => {
      const me = person(h);
      for (let i = 0; i < 5; i++) expect(textsOf(cardOf((await send(me))[0]))).toContain(nl.welcome.intro);
      const handledBefore = (await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM handled_activities')).rows[0]!.n;
      expect((await send(me)).map((r) => r.activity.text)).toEqual([notice(nl)]);
      // A flood gets no flood of answers, and the refused turns are not even claimed.
      for (let i = 0; i < 5; i++) expect(await send(me)).toEqual([]);
      expect((await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM handled_activities')).rows[0]!.n).toBe(handledBefore);
      // The same person in another chat is the same person.
      expect(await send({ ...me, conversationId: `a:other-${Math.random()}` })).toEqual([]);
      const someoneElse = person(h);
      expect(textsOf(cardOf((await send(someoneElse))[0]))).toContain(nl.welcome.intro);

      await pause(h.service.app.db, 'bot-turns', 'bot-turns-notice');
      expect(textsOf(cardOf((await send(me))[0]))).toContain(nl.welcome.intro);
    });

    it('answers a card action over the limit in its invoke response, in the person\'s language, and changes nothing', async () => {
      const me = person(h, { locale: 'en-US' });
      for (let i = 0; i < 5; i++) await send(me);
      const db = h.service.app.db;
      const print = fingerprinter(db, await domainTables(db));
      const before = await print();
      const res = await h.service.post(cardAction(me, 'workshop.register', { workshopId: '00000000-0000-4000-8000-000000000000', version: 1 }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: notice(en) });
      expect(changedTables(before, await print())).toEqual([]);
    });

    it('counts turns sent at once exactly: 12 together, 5 answered', async () => {
      const me = person(h);
      h.connector.clear();
      const activities = Array.from({ length: 12 }, () => message(me, 'hallo'));
      const statuses = await Promise.all(activities.map(async (a) => (await h.service.post(a)).status));
      expect(statuses.every((s) => s === 200)).toBe(true);
      const replies = h.connector.received.filter((r) => activities.some((a) => a.id === r.replyToId));
      expect(replies.filter((r) => textsOf(cardOf(r)).includes(nl.welcome.intro))).toHaveLength(5);
      expect(replies.filter((r) => r.activity.text === notice(nl))).toHaveLength(1);
    });
  });

  describe('signal forms: 2 an hour per person', () => {
    const h = useBotHarness(createStore, () => ({
      limits: { turnsPerMinute: 1000, signalsPerHour: 2, apiPerMinute: 100, apiPerIpPerMinute: 100 },
    }));
    const submitForm = (chat: ActivityOptions, form: SignalForm) =>
      h.submitIn(chat, { ...form, category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Wat er gebeurde.' });
    const askForm = (chat: ActivityOptions) => h.submitIn(chat, { action: 'signal.form', organisation: 'jenv' });

    it('gives two forms, refuses the third with "nothing was stored", gives it again after a pause; others are not affected', async () => {
      const me = person(h);
      for (let i = 0; i < 2; i++) {
        const form = await h.openForm(me);
        expect(textsOf(cardOf(await submitForm(me, form)))).toContain(nl.signal.receiptTitle);
      }
      const count = await h.signalCount();
      const refused = await askForm(me);
      expect(refused.activity.text).toBe(`${format(nl.limits.signals, { count: 2 })} ${nl.welcome.urgent}`);
      expect(refused.activity.text).toContain('niets opgeslagen');
      expect(refused.activity.attachments ?? []).toHaveLength(0);
      expect(await h.signalCount()).toBe(count);

      const someoneElse = person(h);
      expect(textsOf(cardOf(await submitForm(someoneElse, await h.openForm(someoneElse))))).toContain(nl.signal.receiptTitle);

      // An hour later a form is given again, and goes through.
      await pause(h.service.app.db, 'signal-form');
      expect(textsOf(cardOf(await submitForm(me, await h.openForm(me))))).toContain(nl.signal.receiptTitle);
      expect(await h.signalCount()).toBe(count + 2);
    });

    it('says it in English to an English client', async () => {
      const me = person(h, { locale: 'en-US' });
      for (let i = 0; i < 2; i++) await askForm(me);
      const refused = await askForm(me);
      expect(refused.activity.text).toBe(`${format(en.limits.signals, { count: 2 })} ${en.welcome.urgent}`);
    });

    it('counts a form once, however often it is sent', async () => {
      const me = person(h);
      const form = await h.openForm(me);
      const receipt = textsOf(cardOf(await submitForm(me, form)));
      // Pressed again after the receipt: recognised, not counted (else this person could raise only one more).
      await submitForm(me, form);
      await submitForm(me, form);
      expect(textsOf(cardOf(await submitForm(me, await h.openForm(me))))).toContain(nl.signal.receiptTitle);
      expect(receipt).toContain(nl.signal.receiptTitle);
    });

    it('counts an anonymous form by the form, not by the person, when it is sent', async () => {
      const me = person(h);
      const form = await h.openForm(me);
      await submitForm(me, form);
      // Neither the form limit nor the turn limit holds a row for this person written by the send.
      const { rows } = await h.service.app.db.query<{ scope: string; hits: number }>(
        'SELECT scope, hits FROM rate_limits WHERE subject_hash = $1',
        [pseudonymOf(new KeyRing(TEST_SIGNAL_KEY), `aad:${me.aadObjectId}`)],
      );
      // Opening the form (card 1 and card 2) counted: two turns and one form; the send did not.
      expect(rows.find((r) => r.scope === 'bot-turns')?.hits).toBe(2);
      expect(rows.find((r) => r.scope === 'signal-form')?.hits).toBe(1);
    });
  });

  describe('the tab API: 4 a minute per person, 6 a minute per address (behind one trusted proxy)', () => {
    const h = useBotHarness(createStore, () => ({
      limits: { turnsPerMinute: 1000, signalsPerHour: 100, apiPerMinute: 4, apiPerIpPerMinute: 6 },
      trustedProxyHops: 1,
      tab: entra.tabSettings,
    }));
    let nextAddress = 1;
    /** A fresh client address, so that one test's per-address count does not meet another's. */
    const address = () => `198.51.100.${nextAddress++}`;
    const call = async (path: string, o: { token?: string; from: string; lang?: string; method?: string; body?: unknown }) => {
      const res = await fetch(`${h.service.base}${path}`, {
        method: o.method ?? 'GET',
        headers: {
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
          'x-forwarded-for': o.from,
          'accept-language': o.lang ?? 'nl-NL',
        },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
      });
      const body = (await res.json().catch(() => undefined)) as { error?: string; message?: string } | undefined;
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
    };

    it('answers a person four calls a minute, then 429 with Retry-After in their language; others are not affected', async () => {
      const token = await entra.token(`0e000000-0000-4000-8000-${String(Date.now()).slice(-12)}`);
      for (let i = 0; i < 4; i++) expect((await call('/api/me', { token, from: address() })).status).toBe(200);
      const refused = await call('/api/me', { token, from: address() });
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(120);
      expect(refused.body).toEqual({ error: 'too-many', message: format(nl.api.tooMany, { seconds: Number(refused.retryAfter) }) });
      const english = await call('/api/me', { token, from: address(), lang: 'en-US' });
      expect(english.body?.message).toBe(format(en.api.tooMany, { seconds: Number(english.retryAfter) }));

      expect((await call('/api/me', { token: await entra.token('0e000000-0000-4000-8000-0000000000a2'), from: address() })).status).toBe(200);
      await pause(h.service.app.db, 'api-user');
      expect((await call('/api/me', { token, from: address() })).status).toBe(200);
    });

    it('changes nothing for a refused write', async () => {
      const facilitator = await entra.token('6f1c0a10-0000-4000-8000-000000000003');
      await pause(h.service.app.db, 'api-user');
      for (let i = 0; i < 4; i++) await call('/api/planning', { token: facilitator, from: address() });
      const db = h.service.app.db;
      const print = fingerprinter(db, await domainTables(db));
      const before = await print();
      const refused = await call('/api/planning/availability', {
        token: facilitator,
        from: address(),
        method: 'POST',
        body: { startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T16:00:00Z' },
      });
      expect(refused.status).toBe(429);
      expect(changedTables(before, await print())).toEqual([]);
    });

    it('answers an address six calls a minute, signed in or not, then 429 on every API route and the calendar links', async () => {
      const from = address();
      for (let i = 0; i < 6; i++) {
        const token = i % 2 === 0 ? await entra.token(`0e000000-0000-4000-8000-00000000b0${String(i).padStart(2, '0')}`) : undefined;
        expect((await call('/api/me', { token, from })).status).toBe(token ? 200 : 401);
      }
      const fresh = await entra.token('0e000000-0000-4000-8000-00000000b0ff');
      for (const path of ['/api/me', '/api/referrals', '/api/workshops/00000000-0000-4000-8000-000000000000/calendar.ics?t=x']) {
        const res = await call(path, { token: fresh, from });
        expect({ path, status: res.status, error: res.body?.error }).toEqual({ path, status: 429, error: 'too-many' });
      }
      // Only the entry the proxy wrote counts: what the client wrote before it changes nothing.
      expect((await call('/api/me', { token: fresh, from: `203.0.113.77, ${from}` })).status).toBe(429);
      // Another address is another count.
      expect((await call('/api/me', { token: fresh, from: address() })).status).toBe(200);

      await pause(h.service.app.db, 'api-address');
      expect((await call('/api/me', { token: fresh, from })).status).toBe(200);
    });

    it('counts an IPv6 client by its /64', async () => {
      const prefix = `2001:db8:${(nextAddress++).toString(16)}:1`;
      for (let i = 0; i < 6; i++) await call('/api/me', { from: `[${prefix}::${i + 1}]:443` });
      expect((await call('/api/me', { from: `${prefix}:ffff::1` })).status).toBe(429);
      expect((await call('/api/me', { from: `${prefix.replace(/:1$/, ':2')}::1` })).status).toBe(401);
    });
  });
});
