import { randomUUID } from 'node:crypto';
import { createMixer } from '../../bot/src/wiring/features';
import type { Mixer } from '../../bot/src/features/signals/mixing/mixer';
import { type SignalSubmission, SignalService } from '../../bot/src/features/signals/signal-service';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { FieldCipher } from '../../bot/src/platform/crypto/field-crypto';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import type { Database } from '../../bot/src/platform/database/database';
import { openDatabase } from '../../bot/src/platform/database/open-database';
import { seedSocialeKaart, seededSocialeKaart } from '../../bot/src/features/kaart/seed-sociale-kaart';
import { seedCounsellors } from '../../bot/src/features/desk/seed-counsellors';
import { DatabaseSignalStore } from '../../bot/src/features/signals/signal-store';
import { DatabaseSignalRetention } from '../../bot/src/features/signals/signal-retention';
import { DEFAULT_RETENTION } from '../../bot/src/shared/policies';
import { SocialeKaartRepository } from '../../bot/src/features/kaart/sociale-kaart-repository';
import { signalsKept } from '../support/service';
import { type StoreFixture, storesUnderTest } from '../support/storages';
import { countingStatements } from '../support/counted-statements';
import { DatabaseNetworkStore } from '../../bot/src/features/insights/network-store';
import { quarterOf } from '../../bot/src/features/insights/periods';
import { dayOf } from '../../bot/src/shared/dates';

jest.setTimeout(60_000);

describe.each(storesUnderTest())('signals on %s', (_kind, createStore) => {
  let store: StoreFixture;
  let db: Database;
  let service: SignalService;
  let mixer: Mixer;
  const ring = new KeyRing(Buffer.alloc(32, 9));

  beforeAll(async () => {
    store = await createStore();
    db = await openDatabase(store.storage);
    await seedSocialeKaart(db);
    await seedCounsellors(db);
    const kaart = new SocialeKaartRepository(db);
    mixer = createMixer(db, ring, { batchSize: 1, maxDelayMs: 0 });
    service = new SignalService(
      new DatabaseSignalStore(db),
      new KeyRingSignalSealing(ring),
      async () => ({ rules: await kaart.routingRules(), referrals: await kaart.referrals(), staffed: await kaart.staffedInboxes() }),
      mixer,
    );
  });
  afterAll(async () => {
    await db?.close();
    await store?.dispose();
  });

  const submission = (over: Partial<SignalSubmission> = {}): SignalSubmission => ({
    submissionId: randomUUID(),
    organisation: 'jenv',
    category: 'seksuele-intimidatie',
    wish: 'gesprek',
    anonymity: 'anoniem',
    description: 'Mijn teamleider maakt opmerkingen over mijn uiterlijk.',
    ...over,
  });
  /**
   * The row a form became, once the mixer has published it (anonymous signals wait in it). One publish at a time:
   * two at once (Promise.all below) let one return while the other's batch is not yet committed.
   */
  let publishing: Promise<unknown> = Promise.resolve();
  const rowFor = async (id: string) => {
    await (publishing = publishing.then(() => mixer.publishDue()));
    return (await db.query('SELECT * FROM signals WHERE submission_hmac = $1', [new KeyRingSignalSealing(ring).submissionHmac(id)])).rows[0]!;
  };

  it('seeds the sociale kaart once, and keeps a coordinator edit on the next start', async () => {
    const seeded = seededSocialeKaart();
    const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM referrals')).rows[0]!.n;
    expect(await count()).toBe(seeded.referrals.length);
    await db.query(`UPDATE referrals SET entry = jsonb_set(entry, '{hours,nl}', '"Alleen op dinsdag"') WHERE id = $1`, [seeded.referrals[0]!.id]);
    await seedSocialeKaart(db);
    expect(await count()).toBe(seeded.referrals.length);
    const edited = (await new SocialeKaartRepository(db).referrals()).find((r) => r.id === seeded.referrals[0]!.id);
    expect(edited?.hours.nl).toBe('Alleen op dinsdag');
  });

  it('keeps the sociale kaart for a short while, and reads an edit once that has passed or it is told to forget', async () => {
    const id = seededSocialeKaart().referrals[1]!.id;
    const cached = new SocialeKaartRepository(db, 60_000);
    const hours = async () => (await cached.referrals()).find((r) => r.id === id)?.hours.nl;
    const before = await hours();
    await db.query(`UPDATE referrals SET entry = jsonb_set(entry, '{hours,nl}', '"Op afspraak"') WHERE id = $1`, [id]);
    expect(await hours()).toBe(before);
    cached.forget();
    expect(await hours()).toBe('Op afspraak');
    const uncached = new SocialeKaartRepository(db, 0);
    await db.query(`UPDATE referrals SET entry = jsonb_set(entry, '{hours,nl}', '"Elke dag"') WHERE id = $1`, [id]);
    expect((await uncached.referrals()).find((r) => r.id === id)?.hours.nl).toBe('Elke dag');
  });

  it('stores an anonymous signal with no identity, the text sealed and the reply route sealed under its own key', async () => {
    const input = submission();
    const result = await service.submit(input, { aadObjectId: 'aad-reporter', replyRoute: { conversation: { id: 'a:secret-conversation' } } });
    expect(result).toMatchObject({ outcome: 'stored', status: 'nieuw', caseCode: expect.stringMatching(/^SV-/) });
    if (result.outcome !== 'stored') throw new Error('not stored');
    expect(result.advice.places[0]!.role).toBe('vertrouwenspersoon-ongewenst-gedrag');
    expect(result.advice.places[0]!.organisation).toBe('jenv');

    const row = await rowFor(input.submissionId);
    const all = JSON.stringify(row);
    expect(row.reporter_aad_object_id).toBeNull();
    expect(all).not.toContain('aad-reporter');
    expect(all).not.toContain('uiterlijk');
    expect(all).not.toContain('secret-conversation');
    expect(all).not.toContain(result.caseCode);
    expect(row.inbox_role).toBe('vertrouwenspersoon-ongewenst-gedrag');
    expect(new FieldCipher(ring, 'text').decrypt(row.description_sealed as string, `signal:${row.id}`)).toBe(input.description);
    expect(() => new FieldCipher(ring, 'text').decrypt(row.reply_route_sealed as string, `signal:${row.id}`)).toThrow();
    expect(JSON.parse(new FieldCipher(ring, 'reply-route').decrypt(row.reply_route_sealed as string, `signal:${row.id}`))).toEqual({
      conversation: { id: 'a:secret-conversation' },
    });
    // The code itself, for the handler's desk: under its own key, and bound to this row.
    expect(new FieldCipher(ring, 'sealed-case-code').decrypt(row.case_code_sealed as string, `signal:${row.id}`)).toBe(result.caseCode);
    expect(() => new FieldCipher(ring, 'text').decrypt(row.case_code_sealed as string, `signal:${row.id}`)).toThrow();
    expect(() => new FieldCipher(ring, 'sealed-case-code').decrypt(row.case_code_sealed as string, `signal:${randomUUID()}`)).toThrow();
  });

  it('puts a signal that asks for a conversation in the inbox of the routed role of that organisation only', async () => {
    const talk = submission({ organisation: 'financien', category: 'integriteit', wish: 'gesprek', anonymity: 'anoniem' });
    const light = submission({ organisation: 'financien', category: 'integriteit', wish: 'alleen-laten-weten' });
    await service.submit(talk, { aadObjectId: 'aad-x' });
    await service.submit(light, {});
    await mixer.publishDue();
    const inbox = await service.inbox('financien', 'vertrouwenspersoon-integriteit');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ category: 'integriteit', wish: 'gesprek', status: 'nieuw', reporterAadObjectId: null });
    expect(await service.inbox('bzk', 'vertrouwenspersoon-integriteit')).toEqual([]);
  });

  it('puts no signal in an inbox nobody reads: the first staffed place of the rule gets it, or none does', async () => {
    // Aggression from clients, "een gesprek": the aftercare team and the social worker lead the rule, but only the
    // vertrouwenspersoon has a counsellor, so the signal waits there.
    const staffedLater = submission({ organisation: 'ubr', category: 'agressie-burgers-klanten', wish: 'gesprek' });
    const reached = await service.submit(staffedLater, {});
    expect(reached).toMatchObject({ status: 'nieuw', advice: { inboxRole: 'vertrouwenspersoon-ongewenst-gedrag', hasInbox: true } });
    expect(await rowFor(staffedLater.submissionId)).toMatchObject({ inbox_role: 'vertrouwenspersoon-ongewenst-gedrag', status: 'nieuw' });
    // Werkdruk, "een gesprek": nobody staffs the social worker or the doctor, so nobody is waiting for it.
    const unread = submission({ organisation: 'ubr', category: 'werkdruk-spanning', wish: 'gesprek', description: 'Te veel werk.' });
    const counted = await service.submit(unread, {});
    expect(counted).toMatchObject({ outcome: 'stored', status: 'geteld', textKept: false, advice: { hasInbox: false } });
    const row = await rowFor(unread.submissionId);
    expect(row).toMatchObject({ inbox_role: null, description_sealed: null, case_code_sealed: null, reply_route_sealed: null });
    expect(await service.inbox('ubr', 'bedrijfsmaatschappelijk-werk')).toEqual([]);
  });

  it('keeps one signal when the same form is sent twice', async () => {
    const input = submission();
    const first = await service.submit(input, {});
    expect(first.outcome).toBe('stored');
    // A second press is recognised, code included (a receipt lost on the way is not the end): while the signal
    // waits in the mixer, and once it is published.
    const again = await service.submit(input, {});
    expect(again).toEqual({ outcome: 'already-submitted', caseCode: (first as { caseCode: string }).caseCode });
    await mixer.publishDue();
    expect(await service.submit(input, {})).toEqual(again);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals WHERE submission_hmac = $1', [
      new KeyRingSignalSealing(ring).submissionHmac(input.submissionId),
    ]);
    expect(rows[0]!.n).toBe(1);
  });

  it('finds a signal by its code when the mixer publishes it between the look at the table and the look at the mixer', async () => {
    const input = submission({ anonymity: 'volledig-anoniem' });
    const stored = await service.submit(input, {});
    const caseCode = (stored as { caseCode: string }).caseCode;
    // The table is looked at first and misses (the signal still waits); the batch is published right after that look.
    const signals = new DatabaseSignalStore(db);
    let looks = 0;
    const racing = new SignalService(
      Object.assign(Object.create(signals) as DatabaseSignalStore, {
        findByCaseCode: async (hmacs: Buffer[]) => {
          if (looks++ > 0) return signals.findByCaseCode(hmacs);
          await mixer.publishDue();
          return undefined;
        },
      }),
      new KeyRingSignalSealing(ring),
      async () => ({ rules: [], referrals: [], staffed: [] }),
      mixer,
    );
    expect(await racing.lookUp(caseCode, { conversationId: 'a:anywhere' })).toMatchObject({ category: input.category, anonymity: 'volledig-anoniem' });
  });

  it('gives a form the next code when its first is held by a published signal or by one still waiting', async () => {
    const sealing = new KeyRingSignalSealing(ring);
    const published = await service.submit(submission(), {});
    expect((await mixer.publishDue()).signals).toBe(1);
    const waiting = await service.submit(submission(), {});
    // Two new forms whose first code is already someone else's: the one published, and the one in the mixer.
    const colliders: string[] = [];
    for (const held of [published, waiting]) {
      const heldCode = (held as { caseCode: string }).caseCode;
      const unlucky = Object.assign(Object.create(sealing) as KeyRingSignalSealing, {
        caseCodeFor: (id: string, attempt: number) => (attempt === 0 ? heldCode : sealing.caseCodeFor(id, attempt)),
      });
      const kaart = new SocialeKaartRepository(db);
      const directory = async () => ({ rules: await kaart.routingRules(), referrals: await kaart.referrals(), staffed: await kaart.staffedInboxes() });
      const colliding = new SignalService(new DatabaseSignalStore(db), unlucky, directory, mixer);
      const input = submission();
      const stored = await colliding.submit(input, {});
      expect(stored).toMatchObject({ outcome: 'stored', caseCode: sealing.caseCodeFor(input.submissionId, 1) });
      expect((stored as { caseCode: string }).caseCode).not.toBe(heldCode);
      colliders.push(input.submissionId);
    }
    // All three published, none dropped for a code already taken: each colliding form under its second code.
    expect((await mixer.publishDue()).signals).toBe(3);
    for (const id of colliders) {
      const { rows } = await db.query('SELECT 1 FROM signals WHERE submission_hmac = $1 AND case_code_hmac = $2', [
        sealing.submissionHmac(id),
        sealing.caseCodeHmac(sealing.caseCodeFor(id, 1)),
      ]);
      expect(rows).toHaveLength(1);
    }
  });

  it('catches a second press whose first was published between its check and its envelope: no second envelope, no second receipt', async () => {
    const input = submission();
    const first = await service.submit(input, {});
    await mixer.publishDue();
    // The moment the race leaves: the second press looked while the first still waited (so its guard was taken and
    // no row carried the form), the first was published meanwhile, and now the second puts its envelope.
    const sealing = new KeyRingSignalSealing(ring);
    const late = await mixer.enqueue(
      { kind: 'signal', day: '2030-03-01', submissionId: input.submissionId, organisation: 'jenv', category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', urgency: 'normaal', inboxRole: null, status: 'geteld', description: null, replyRoute: null, caseCode: (first as { caseCode: string }).caseCode },
      `signal-form:${input.submissionId}`,
      { caseCode: (first as { caseCode: string }).caseCode, publishedAs: sealing.submissionHmacs(input.submissionId) },
    );
    expect(late).toBe('repeat');
    expect((await db.query('SELECT 1 FROM mix_envelopes')).rows).toEqual([]);
  });

  it('publishes a batch with one insert of signals: each form stored once, also one that is in it twice; who the other person was is kept sealed apart from its signal, and counted only for the figures', async () => {
    const sealing = new KeyRingSignalSealing(ring);
    const today = new Date();
    const quarter = quarterOf(today.getUTCFullYear(), Math.floor(today.getUTCMonth() / 3));
    const figures = new DatabaseNetworkStore(db, (sealed, id) => sealing.openRelation(sealed, id));
    const counted = async () => (await figures.counts(quarter, [quarter.key], ['jenv'])).relation;
    const before = await counted();
    const plainCounts = async () => (await db.query('SELECT * FROM relation_counts ORDER BY 1, 2, 3, 4')).rows;
    const plainBefore = await plainCounts();
    const waiting = async () => (await db.query<{ id: string; relation_sealed: string }>('SELECT id, relation_sealed FROM relation_pending ORDER BY ctid')).rows;
    const waitingBefore = new Set((await waiting()).map((p) => p.id));
    const forms = [submission({ relation: 'collega' }), submission({ relation: 'collega' }), submission({ relation: 'leidinggevende' }), submission()].map((f) => ({
      ...f,
      organisation: 'jenv' as const,
      category: 'discriminatie' as const,
    }));
    for (const f of forms) expect((await service.submit(f, {})).outcome).toBe('stored');
    // The same form once more, in an envelope of its own (as if its guard had not caught it): the batch holds it twice.
    const twice = forms[0]!;
    const envelope = { kind: 'signal' as const, day: dayOf(today), submissionId: twice.submissionId, organisation: 'jenv', category: 'discriminatie', wish: 'gesprek', anonymity: 'anoniem', urgency: 'normaal', inboxRole: null, status: 'geteld', description: null, replyRoute: null, caseCode: 'ZZZZ-ZZZZ', relation: 'collega' };
    expect(await mixer.enqueue(envelope as never, `other-guard:${twice.submissionId}`, { caseCode: 'ZZZZ-ZZZZ' })).toBe('stored');

    const counting = countingStatements(db, 'INSERT INTO signals');
    expect((await createMixer(counting.db, ring, { batchSize: 1, maxDelayMs: 0 }).publishDue()).signals).toBe(5);
    expect(counting.count()).toBe(1);
    for (const f of forms) {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals WHERE submission_hmac = $1', [sealing.submissionHmac(f.submissionId)]);
      expect(rows[0]!.n).toBe(1);
    }
    // A database reader: no count moves with the batch. Each stored signal left one sealed relation, all of one size
    // whatever was said (or nothing), without its signal's id, in the order of their own random ids.
    expect(await plainCounts()).toEqual(plainBefore);
    const pending = (await waiting()).filter((p) => !waitingBefore.has(p.id));
    expect(pending).toHaveLength(4);
    expect(new Set(pending.map((p) => p.relation_sealed.length)).size).toBe(1);
    expect(JSON.stringify(pending)).not.toMatch(/collega|leidinggevende/);
    expect(pending.map((p) => p.id)).toEqual(pending.map((p) => p.id).sort());
    // Counted for the figures: two forms with "collega", one with "leidinggevende"; the repeat counts nothing, nor
    // does the form without one.
    const after = await counted();
    expect((after.collega ?? 0) - (before.collega ?? 0)).toBe(2);
    expect((after.leidinggevende ?? 0) - (before.leidinggevende ?? 0)).toBe(1);
    expect((await db.query('SELECT 1 FROM mix_envelopes')).rows).toEqual([]);
  });

  it('publishes the replies and evaluations of a batch together, and drops those whose signal or workshop is gone', async () => {
    expect((await service.submit(submission(), {})).outcome).toBe('stored');
    await mixer.publishDue();
    const signalId = (await db.query<{ id: string }>('SELECT id FROM signals LIMIT 1')).rows[0]!.id;
    const gone = randomUUID();
    const reply = (to: string, seq: number) => ({ kind: 'reply' as const, day: '2030-03-01', signalId: to, seq, text: `Antwoord ${seq}`, replyFormId: randomUUID() });
    for (const r of [reply(signalId, 9_000_001), reply(gone, 9_000_002), reply(signalId, 9_000_003)]) expect(await mixer.enqueue(r, `reply:${r.replyFormId}`)).toBe('stored');
    expect(await mixer.enqueue({ kind: 'evaluation', workshopId: gone, rating: 4, takeaway: null }, `evaluation:${gone}`)).toBe('stored');

    expect(await mixer.publishDue()).toMatchObject({ replies: 3, evaluations: 1 });
    const { rows } = await db.query<{ signal_id: string; seq: number }>('SELECT signal_id, seq FROM signal_messages WHERE seq > 9000000 ORDER BY seq');
    expect(rows).toEqual([
      { signal_id: signalId, seq: 9_000_001 },
      { signal_id: signalId, seq: 9_000_003 },
    ]);
    expect((await db.query('SELECT 1 FROM workshop_evaluations WHERE workshop_id = $1', [gone])).rows).toEqual([]);
    expect((await db.query('SELECT 1 FROM mix_envelopes')).rows).toEqual([]);
  });

  it('keeps no reply route for "volledig anoniem", and a name only for "vertrouwelijk"', async () => {
    const fully = submission({ anonymity: 'volledig-anoniem' });
    await service.submit(fully, { aadObjectId: 'aad-1', replyRoute: { conversation: { id: 'x' } } });
    expect(await rowFor(fully.submissionId)).toMatchObject({ reply_route_sealed: null, reporter_aad_object_id: null });
    const named = submission({ anonymity: 'vertrouwelijk' });
    await service.submit(named, { aadObjectId: 'aad-2', name: 'Fenna Bos', replyRoute: { conversation: { id: 'x' } } });
    const row = (await rowFor(named.submissionId)) as { id: string; reporter_name_sealed: string };
    expect(row).toMatchObject({ reporter_aad_object_id: 'aad-2' });
    expect(new KeyRingSignalSealing(ring).openReporterName(row.reporter_name_sealed, row.id)).toBe('Fenna Bos');
    // A name only where someone will open the signal, and only beside the id by which Mijn gegevens deletes it.
    const counted = submission({ anonymity: 'vertrouwelijk', wish: 'advies' });
    await service.submit(counted, { aadObjectId: 'aad-3', name: 'Fenna Bos' });
    expect(await rowFor(counted.submissionId)).toMatchObject({ reporter_aad_object_id: 'aad-3', reporter_name_sealed: null });
    const idless = submission({ anonymity: 'vertrouwelijk' });
    await service.submit(idless, { name: 'Fenna Bos' });
    expect(await rowFor(idless.submissionId)).toMatchObject({ reporter_aad_object_id: null, reporter_name_sealed: null });
    // The database refuses a name on an anonymous signal, whatever code would write it.
    await expect(db.query('UPDATE signals SET reporter_name_sealed = $1 WHERE id = $2', [row.reporter_name_sealed, (await rowFor(fully.submissionId)).id])).rejects.toThrow(/signals_name_only_when_named/);
  });

  it('counts "alleen laten weten" without an inbox or a reply route', async () => {
    const light = submission({ wish: 'alleen-laten-weten', description: undefined });
    const result = await service.submit(light, { replyRoute: { conversation: { id: 'x' } } });
    expect(result).toMatchObject({ outcome: 'stored', status: 'geteld' });
    expect(await rowFor(light.submissionId)).toMatchObject({ inbox_role: null, reply_route_sealed: null, description_sealed: null, case_code_sealed: null });
  });

  it('enforces retention: counted texts after 30 days, counted rows after 730, closed signals after 365', async () => {
    const retention = new DatabaseSignalRetention(db);
    const light = submission({ wish: 'alleen-laten-weten' });
    const talk = submission({ wish: 'gesprek' });
    const closed = submission({ wish: 'gesprek' });
    for (const s of [light, talk, closed]) await service.submit(s, {});
    const [lightId, talkId, closedId] = (await Promise.all([light, talk, closed].map(async (x) => (await rowFor(x.submissionId)).id))) as [string, string, string];
    const row = async (id: string) => (await db.query('SELECT description_sealed, submission_hmac FROM signals WHERE id = $1', [id])).rows[0];
    // A counted signal gets no text any more; rows from before that rule still may have one.
    await db.query("UPDATE signals SET description_sealed = 'v1.legacy' WHERE id = $1", [lightId]);
    await db.query("UPDATE signals SET created_at = now() - interval '31 days' WHERE id = ANY($1::uuid[])", [[lightId, talkId]]);
    await db.query("UPDATE signals SET status = 'gesloten', closed_at = now() - interval '366 days' WHERE id = $1", [closedId]);

    const result = await retention.enforce(DEFAULT_RETENTION);
    expect(result.textsDropped).toBe(1);
    expect(result.closedDeleted).toBe(1);
    expect(await row(lightId)).toEqual({ description_sealed: null, submission_hmac: null });
    // A signal someone follows up keeps its text until it is closed; the form's HMAC goes after a day.
    expect(await row(talkId)).toEqual({ description_sealed: expect.any(String), submission_hmac: null });
    expect(await row(closedId)).toBeUndefined();

    await db.query("UPDATE signals SET created_at = now() - interval '731 days' WHERE id = $1", [lightId]);
    expect((await retention.enforce(DEFAULT_RETENTION)).countedDeleted).toBe(1);
    expect(await retention.enforce(DEFAULT_RETENTION)).toEqual({ textsDropped: 0, countedDeleted: 0, closedDeleted: 0, openIdleDeleted: 0, relationsDeleted: 0 });

    // A quarter's sealed relations go when a counted signal of its last day would: a quarter that ended more than
    // 730 days ago loses them, the one of 700 days ago keeps them.
    const quarterKey = (at: Date) => `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
    const day = 24 * 60 * 60 * 1000;
    const sealing = new KeyRingSignalSealing(ring);
    const relationIn = async (quarter: string) => {
      const id = randomUUID();
      await db.query(`INSERT INTO relation_pending (id, quarter, organisation, category, relation_sealed) VALUES ($1, $2, 'jenv', 'pesten', $3)`, [id, quarter, sealing.sealRelation('collega', id)]);
      return id;
    };
    const gone = await relationIn(quarterKey(new Date(Date.now() - 731 * day - 92 * day)));
    const kept = await relationIn(quarterKey(new Date(Date.now() - 700 * day)));
    expect((await retention.enforce(DEFAULT_RETENTION)).relationsDeleted).toBe(1);
    const left = (await db.query<{ id: string }>('SELECT id FROM relation_pending WHERE id = ANY($1::uuid[])', [[gone, kept]])).rows.map((r) => r.id);
    expect(left).toEqual([kept]);
  });

  it('deletes a signal left open after 730 days without a message either way, and keeps one that still has a conversation', async () => {
    const retention = new DatabaseSignalRetention(db);
    const idle = submission({ wish: 'gesprek' });
    const talking = submission({ wish: 'gesprek' });
    const young = submission({ wish: 'gesprek' });
    for (const s of [idle, talking, young]) await service.submit(s, {});
    const [idleId, talkingId, youngId] = (await Promise.all([idle, talking, young].map(async (x) => (await rowFor(x.submissionId)).id))) as [string, string, string];
    await db.query("UPDATE signals SET created_at = now() - interval '800 days' WHERE id = ANY($1::uuid[])", [[idleId, talkingId]]);
    await db.query("UPDATE signals SET status = 'in-behandeling' WHERE id = $1", [talkingId]);
    // An old message does not keep a case; one within the period does.
    await db.query(
      `INSERT INTO signal_messages (id, signal_id, author, body_sealed, created_at) VALUES
         (gen_random_uuid(), $1, 'handler', 'v1.x', now() - interval '750 days'),
         (gen_random_uuid(), $2, 'reporter', 'v1.x', now() - interval '100 days')`,
      [idleId, talkingId],
    );
    const result = await retention.enforce(DEFAULT_RETENTION);
    expect(result.openIdleDeleted).toBe(1);
    const left = await db.query<{ id: string }>('SELECT id FROM signals WHERE id = ANY($1::uuid[])', [[idleId, talkingId, youngId]]);
    expect(left.rows.map((r) => r.id).sort()).toEqual([talkingId, youngId].sort());
    // Its messages went with it.
    expect((await db.query('SELECT 1 FROM signal_messages WHERE signal_id = $1', [idleId])).rowCount).toBe(0);
  });

  it('refuses invalid input and stores nothing', async () => {
    const count = () => signalsKept(db);
    const before = await count();
    await expect(service.submit({ ...submission(), category: 'onzin' } as never, {})).rejects.toThrow();
    await expect(service.submit(submission({ description: 'x'.repeat(2001) }), {})).rejects.toThrow();
    expect(await count()).toBe(before);
  });
});
