import type { Database } from '../../bot/src/platform/database/database';
import { KeyRing, pseudonymOf } from '../../bot/src/platform/crypto/signal-keys';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { nl } from '../support/strings';
import { type ActivityOptions, message, submit } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { actionData, cardOf, caseCodeOn, textsOf } from '../support/card-reading';
import { changedTables, domainTables, fingerprinter } from '../support/db-fingerprint';
import { settle, TEST_SIGNAL_KEY } from '../support/service';
import { storesUnderTest } from '../support/storages';
import { workshopSteps } from '../support/workshop-steps';

jest.setTimeout(600_000);

/**
 * The attacker with read access to the database (a DBA, a backup holder, anyone given a dump) plays against a day of
 * real use: 21 people chat, 7 raise anonymous signals (some at once, some one by one), 3 of them reply to an answer,
 * 5 evaluate a workshop. The attacker gets every row with its transaction id (xmin) and physical place (ctid), and is
 * given the mapping of every keyed hash to its person or chat as well (as if SIGNAL_KEY were known too), and tries to
 * name the author of each anonymous row. No attack may do better than chance among the batch the row was published in.
 */
const K = 5;
const ring = new KeyRing(TEST_SIGNAL_KEY);
const sealing = new KeyRingSignalSealing(ring);

/** A row the attacker wants to put a name to, with the truth the test knows. */
interface Target {
  table: 'signals' | 'signal_messages' | 'workshop_evaluations';
  id: string;
  xmin: number;
  ctid: [number, number];
  author: string;
}

type Identity = { xmin: number; person: string };

/**
 * Every row that names someone, with its transaction id, as an attacker can read it.
 * - 'reader' (no SIGNAL_KEY): the ids in clear; and a keyed hash (rate limits, send slots) once the same person's
 *   clear id was written next to it in one turn (one or two transaction ids apart), which ties the hash to them.
 * - 'operator' (holds SIGNAL_KEY): every keyed hash of every known person and chat, worked out with the key.
 */
async function identityRows(db: Database, people: Array<{ aad: string; conversation: string; userId: string }>, attacker: 'reader' | 'operator'): Promise<Identity[]> {
  const q = async (sql: string) => (await db.query<{ xmin: string; who: string | null }>(sql)).rows.filter((r) => r.who).map((r) => ({ xmin: Number(r.xmin), who: r.who! }));
  const clear: Identity[] = [
    ...(await q('SELECT xmin::text AS xmin, aad_object_id AS who FROM installations')),
    ...(await q('SELECT xmin::text AS xmin, aad_object_id AS who FROM registrations')),
    ...(await q('SELECT xmin::text AS xmin, reporter_aad_object_id AS who FROM signals')),
    ...(await q(`SELECT xmin::text AS xmin, recipient->>'aadObjectId' AS who FROM outbox`)),
  ].map((r) => ({ xmin: r.xmin, person: r.who }));
  const hashed = [
    ...(await q(`SELECT xmin::text AS xmin, encode(subject_hash, 'hex') AS who FROM rate_limits`)),
    ...(await q(`SELECT xmin::text AS xmin, encode(key, 'hex') AS who FROM delivery_pace`)),
  ];
  const byHash = new Map<string, string>();
  if (attacker === 'operator') {
    for (const p of people) {
      for (const subject of [`aad:${p.aad}`, `teams:${p.userId}`, p.conversation, `conversation:${p.conversation}`]) byHash.set(pseudonymOf(ring, subject).toString('hex'), p.aad);
    }
  } else {
    for (const h of hashed) {
      const next = clear.find((c) => Math.abs(c.xmin - h.xmin) <= 2);
      if (next) byHash.set(h.who, next.person);
    }
  }
  return [...clear, ...hashed.flatMap((h) => (byHash.has(h.who) ? [{ xmin: h.xmin, person: byHash.get(h.who)! }] : []))];
}

/** Names the person whose identity row is nearest in transaction id: the adjacency attack of the issue. */
function nearestIdentity(target: Target, identities: Identity[]): string | undefined {
  let best: { distance: number; person: string } | undefined;
  for (const i of identities) {
    const distance = Math.abs(i.xmin - target.xmin);
    if (!best || distance < best.distance) best = { distance, person: i.person };
  }
  return best?.person;
}

describe.each(storesUnderTest())('anonymity against a database reader on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({ mix: { batchSize: K, maxDelayMs: 7 * 24 * 60 * 60 * 1000 } }));
  const w = workshopSteps(h);

  it('ties no anonymous signal, reply or evaluation to its author better than chance among its batch', async () => {
    const db = h.service.app.db;
    const people = Array.from({ length: 21 }, (_, i) => {
      const chat: ActivityOptions = { ...h.newChat(), userId: `29:person-${i}`, aadObjectId: `aad-person-${i}`, name: `Persoon ${i}` };
      return { i, chat, aad: chat.aadObjectId!, conversation: chat.conversationId!, userId: chat.userId! };
    });
    // Everyone has the app installed in their personal chat (as Teams installs it), and chats now and then.
    for (const p of people) {
      await h.service.post({ ...message(p.chat, ''), type: 'installationUpdate', action: 'add', text: undefined });
    }
    // Side by side with other turns: nothing clears what another turn is waiting for.
    const turn = (chat: ActivityOptions, value: unknown) => h.turnAlongside(submit(chat, value));
    const chatter = async (p: (typeof people)[number]) => {
      await h.turnAlongside(message(p.chat, 'hallo'));
      await turn(p.chat, { action: 'capability.workshops' });
    };
    const openForm = async (chat: ActivityOptions) => actionData(cardOf(await turn(chat, { action: 'signal.form', organisation: 'bzk' })), 'signal.submit')!;

    const authors = new Map<string, string>(); // case code → author
    /** Who sent what, in the order their turns ended: what an attacker watching the activity could know at best. */
    const arrivals: string[] = [];
    const print = fingerprinter(db, [...(await domainTables(db)), 'rate_limits', 'handled_activities']);
    /** Raises an anonymous signal and checks what the sending turn itself wrote: an envelope, and nothing that names anyone. */
    const raiseAnonymously = async (p: (typeof people)[number], anonymity: string, checkTurn = false) => {
      const form = await openForm(p.chat);
      const before = checkTurn ? await print() : undefined;
      const limitsBefore = (await db.query<{ subject_hash: Buffer; hits: number }>('SELECT subject_hash, hits FROM rate_limits')).rows;
      const receipt = await turn(p.chat, { ...form, category: 'pesten', wish: 'gesprek', anonymity, description: `Iets wat ${p.i} overkwam.` });
      const code = caseCodeOn(receipt)!;
      authors.set(code, p.aad);
      arrivals.push(p.aad);
      if (before) {
        const changed = changedTables(before, await print());
        expect(changed.some((t) => t.startsWith('mix_envelopes'))).toBe(true);
        expect(changed.filter((t) => !t.startsWith('mix_envelopes') && !t.startsWith('rate_limits'))).toEqual([]);
      }
      // No count that moved is under a hash of this person or chat: the only one is the form's own.
      const mine = [`aad:${p.aad}`, `teams:${p.userId}`, p.conversation].map((x) => pseudonymOf(ring, x).toString('hex'));
      const after = (await db.query<{ subject_hash: Buffer; hits: number }>('SELECT subject_hash, hits FROM rate_limits')).rows;
      const moved = after.filter((r) => !limitsBefore.some((b) => Buffer.from(b.subject_hash).equals(Buffer.from(r.subject_hash)) && b.hits === r.hits));
      if (checkTurn) expect(moved.map((r) => Buffer.from(r.subject_hash).toString('hex')).filter((x) => mine.includes(x))).toEqual([]);
    };
    const waiting = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mix_envelopes')).rows[0]!.n;

    // Ground truth, filled in as the day goes: which published row is whose.
    const replyAuthors = new Map<string, string>(); // signal id → author
    const ratingAuthor = new Map<number, string>();
    const fully = new Set<string>(); // ids of "volledig anoniem" signals
    const snapshots: Array<{ targets: Target[]; published: number[]; reader: Identity[]; operator: Identity[] }> = [];
    /** What an attacker copies now: every anonymous row with its xmin and ctid, and every row that names someone. */
    const copy = async () => {
      const targets: Target[] = [];
      const ctid = (t: string): [number, number] => t.slice(1, -1).split(',').map(Number) as [number, number];
      for (const r of (
        await db.query<{ id: string; xmin: string; ctid: string; case_code_hmac: Buffer; anonymity: string }>(
          "SELECT id, xmin::text AS xmin, ctid::text AS ctid, case_code_hmac, anonymity FROM signals WHERE anonymity <> 'vertrouwelijk'",
        )
      ).rows) {
        const code = [...authors.keys()].find((c) => sealing.caseCodeHmac(c).equals(Buffer.from(r.case_code_hmac)))!;
        if (r.anonymity === 'volledig-anoniem') fully.add(r.id);
        targets.push({ table: 'signals', id: r.id, xmin: Number(r.xmin), ctid: ctid(r.ctid), author: authors.get(code)! });
      }
      for (const r of (
        await db.query<{ id: string; xmin: string; ctid: string; signal_id: string }>(
          "SELECT id, xmin::text AS xmin, ctid::text AS ctid, signal_id FROM signal_messages WHERE author = 'reporter'",
        )
      ).rows) {
        targets.push({ table: 'signal_messages', id: r.id, xmin: Number(r.xmin), ctid: ctid(r.ctid), author: replyAuthors.get(r.signal_id)! });
      }
      for (const r of (await db.query<{ id: string; xmin: string; ctid: string; rating: number }>('SELECT id, xmin::text AS xmin, ctid::text AS ctid, rating FROM workshop_evaluations')).rows) {
        targets.push({ table: 'workshop_evaluations', id: r.id, xmin: Number(r.xmin), ctid: ctid(r.ctid), author: ratingAuthor.get(r.rating)! });
      }
      // The batches published since the last copy: the transactions of the rows that are new.
      const seen = new Set(snapshots.flatMap((x) => x.targets.map((t) => t.id)));
      const published = [...new Set(targets.filter((t) => !seen.has(t.id)).map((t) => t.xmin))];
      snapshots.push({ targets, published, reader: await identityRows(db, people, 'reader'), operator: await identityRows(db, people, 'operator') });
    };

    // Morning: people chat; two signals one by one, between the chatter.
    for (const p of people.slice(0, 7)) await chatter(p);
    await raiseAnonymously(people[0]!, 'anoniem', true);
    await chatter(people[7]!);
    await raiseAnonymously(people[1]!, 'volledig-anoniem', true);
    await chatter(people[8]!);
    // Two named signals: they have nothing to hide, and are stored at once.
    for (const p of [people[9]!, people[10]!]) {
      const receipt = await turn(p.chat, { ...(await openForm(p.chat)), category: 'pesten', wish: 'gesprek', anonymity: 'vertrouwelijk' });
      expect(caseCodeOn(receipt)).toBeDefined();
    }
    expect(await waiting()).toBe(2);
    // Three at once, with others chatting at the same moment: the fifth envelope, so the batch goes out.
    await Promise.all([
      raiseAnonymously(people[4]!, 'anoniem'),
      raiseAnonymously(people[5]!, 'volledig-anoniem'),
      raiseAnonymously(people[6]!, 'anoniem'),
      chatter(people[11]!),
      chatter(people[12]!),
    ]);
    await settle(h.service.app);
    await copy();
    for (const p of people.slice(13, 21)) await chatter(p);

    // A counsellor answers the three published anonymous signals with a reply route; their reporters write back,
    // between two more signals: five envelopes again.
    const answerable = (
      await db.query<{ id: string; case_code_hmac: Buffer }>("SELECT id, case_code_hmac FROM signals WHERE anonymity = 'anoniem' AND reply_route_sealed IS NOT NULL")
    ).rows;
    expect(answerable).toHaveLength(3);
    for (const [n, s] of answerable.entries()) {
      const code = [...authors.keys()].find((c) => sealing.caseCodeHmac(c).equals(Buffer.from(s.case_code_hmac)))!;
      const author = people.find((p) => p.aad === authors.get(code))!;
      replyAuthors.set(s.id, author.aad);
      h.connector.clear();
      expect(await h.service.app.followUp.answer(s.id, 'Dank je. Wil je vertellen wanneer het gebeurde?')).toBe('queued');
      await h.connector.until(() => h.connector.received.some((r) => r.conversationId === author.conversation));
      const answer = h.connector.received.find((r) => r.conversationId === author.conversation)!;
      // The reporter opens the menu first (a turn that counts them by name), then writes back.
      await h.say(author.chat, 'menu');
      const reply = await h.submitIn(author.chat, { ...actionData(cardOf(answer), 'signal.reply'), reply: 'Vorige week dinsdag.' });
      expect(reply.activity.text).toContain(nl.followUp.replyOnItsWay.split('{within}')[0]!);
      arrivals.push(author.aad);
      if (n < 2) await raiseAnonymously(people[2 + n]!, 'anoniem');
    }
    await settle(h.service.app);
    await copy();

    // Five participants evaluate a workshop that has ended.
    const channel: ActivityOptions = { ...h.newChat(), conversationId: `19:attack-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:manager', aadObjectId: 'aad-manager' };
    const { workshopId } = await w.plan(channel);
    const participants = people.slice(14, 19);
    for (const p of participants) await w.invoke({ ...channel, userId: p.userId, aadObjectId: p.aad, name: `Persoon ${p.i}` }, 'workshop.register', { workshopId, version: 1 });
    await db.query(`UPDATE workshops SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [workshopId]);
    for (const [n, p] of participants.entries()) {
      await chatter(people[(n + 3) % 21]!);
      const rated = await w.invoke({ ...channel, userId: p.userId, aadObjectId: p.aad }, 'workshop.evaluate', { workshopId, rating: String(n + 1) });
      expect(textsOf(rated.value)).toContain(nl.workshop.evaluated.bewaard);
      ratingAuthor.set(n + 1, p.aad);
      arrivals.push(p.aad);
    }
    await settle(h.service.app);
    await copy();
    // Later the same day: people chat on, and a copy is taken at the end.
    for (const p of people.slice(0, 10)) await chatter(p);
    await copy();

    // The attacker's view, taken after each batch left the mixer (the strongest moment) and at the end.
    const ends = (snapshots.at(-1) ?? { targets: [] }).targets;
    expect(ends.filter((t) => t.table === 'signals')).toHaveLength(7);
    expect(ends.filter((t) => t.table === 'signal_messages')).toHaveLength(3);
    expect(ends.filter((t) => t.table === 'workshop_evaluations')).toHaveLength(5);
    const report: string[] = [];
    for (const [n, snapshot] of snapshots.entries()) {
      const batches = new Map<number, Target[]>();
      for (const t of snapshot.targets) batches.set(t.xmin, [...(batches.get(t.xmin) ?? []), t]);
      // 1. Transaction ids: every batch just published holds at least k rows, and its transaction wrote no row that
      //    names anyone (so the rows of a batch look alike to every attack).
      for (const xmin of snapshot.published) {
        expect(batches.get(xmin)!.length).toBeGreaterThanOrEqual(K);
        expect(snapshot.reader.concat(snapshot.operator).filter((i) => i.xmin === xmin)).toEqual([]);
        // 2. Physical order: within the batch, rows lie in the order of their fresh random ids, not of their arrival.
        for (const table of ['signals', 'signal_messages', 'workshop_evaluations'] as const) {
          const rows = batches.get(xmin)!.filter((t) => t.table === table);
          const physical = [...rows].sort((a, b) => a.ctid[0] - b.ctid[0] || a.ctid[1] - b.ctid[1]);
          expect(physical.map((t) => t.id)).toEqual(rows.map((t) => t.id).sort());
        }
      }
      // The attacks, and how often each names the right author: by adjacency of transaction ids, and by physical order
      // (the n-th row of a batch in a table is the n-th of its authors to have sent one).
      const named = (targets: Target[], identities: Identity[]) => targets.filter((t) => nearestIdentity(t, identities) === t.author).length;
      const byOrder = (targets: Target[]) => {
        let right = 0;
        for (const batch of batches.values()) {
          for (const table of ['signals', 'signal_messages', 'workshop_evaluations'] as const) {
            const rows = batch.filter((t) => t.table === table && targets.includes(t));
            const physical = [...rows].sort((a, b) => a.ctid[0] - b.ctid[0] || a.ctid[1] - b.ctid[1]);
            const order = arrivals.filter((a) => rows.some((t) => t.author === a));
            right += physical.filter((t, i) => t.author === order[i]).length;
          }
        }
        return right;
      };
      // What guessing does on average: a random order of a group puts one row in its arrival place (a random
      // permutation has one fixed point on average), so chance is one per batch and table.
      const byOrderChance = (targets: Target[]) =>
        [...batches.values()].reduce((n, batch) => n + (['signals', 'signal_messages', 'workshop_evaluations'] as const).filter((table) => batch.some((t) => t.table === table && targets.includes(t))).length, 0);
      // The operator holds SIGNAL_KEY: they can open an "anoniem" signal's sealed reply route by design (it must reach
      // the reporter), so against them only "volledig anoniem" signals and evaluations are claimed.
      const fullyAnonymous = snapshot.targets.filter((t) => t.table === 'workshop_evaluations' || fully.has(t.id));
      const groups = (targets: Target[]) => new Set(targets.map((t) => t.xmin)).size;
      const reader = named(snapshot.targets, snapshot.reader);
      const operator = named(fullyAnonymous, snapshot.operator);
      // At most one per batch: the adjacency attack gives every row of a batch the same name.
      expect(reader).toBeLessThanOrEqual(groups(snapshot.targets));
      expect(operator).toBeLessThanOrEqual(groups(fullyAnonymous));
      report.push(
        `moment ${n + 1}: ${snapshot.targets.length} rows in ${batches.size} transaction(s); reader named ${reader}, operator named ${operator} of ${fullyAnonymous.length}, physical order named ${byOrder(snapshot.targets)} (chance: ${byOrderChance(snapshot.targets)})`,
      );
    }

    // 3. Time: a day and no more, the same for every row of the day; evaluations keep no time at all.
    const times = await db.query<{ t: Date }>(
      "SELECT created_at AS t FROM signals WHERE anonymity <> 'vertrouwelijk' UNION ALL SELECT created_at FROM signal_messages WHERE author = 'reporter'",
    );
    for (const r of times.rows) expect(new Date(r.t).toISOString()).toMatch(/T00:00:00\.000Z$/);
    const evaluationColumns = await db.query<{ column_name: string }>("SELECT column_name FROM information_schema.columns WHERE table_name = 'workshop_evaluations'");
    expect(evaluationColumns.rows.map((c) => c.column_name).sort()).toEqual(['id', 'rating', 'takeaway_sealed', 'workshop_id']);

    // 4. Nothing of the turn stays: no envelope waits, and no conversation state exists.
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mix_envelopes')).rows[0]!.n).toBe(0);
    expect((await db.query("SELECT to_regclass('bot_state') AS t")).rows[0]).toEqual({ t: null });

    process.stdout.write(`anonymity attacks on ${_kind} (k = ${K}; chance is 1 in ${K} per row):\n  ${report.join('\n  ')}\n`);
  });
});
