import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { TEST_SIGNAL_KEY } from '../support/service';
import { randomBytes, randomUUID } from 'node:crypto';
import { InsightsService } from '../../bot/src/features/insights/insights-service';
import { DatabaseInsightsStore } from '../../bot/src/features/insights/insights-store';
import { NetworkAdvice } from '../../bot/src/features/insights/network-advice';
import { networkFiguresLink } from '../../bot/src/features/insights/network-advice-deliverer';
import { DatabaseNetworkStore } from '../../bot/src/features/insights/network-store';
import { latestSettledYear, settledQuarters, yearOf } from '../../bot/src/features/insights/periods';
import { format } from '../../bot/src/platform/i18n/locale';
import { botInstalled } from '../support/activities';
import { cardOf, textsOf } from '../support/card-reading';
import { eventually } from '../support/eventually';
import { HIDDEN } from '../../bot/src/shared/api/insights';
import type { NetworkFigures, YearReport } from '../../bot/src/shared/api/network';
import type { Database } from '../../bot/src/platform/database/database';
import { useBotHarness } from '../support/bot-harness';
import { EntraStandIn } from '../support/entra-stand-in';
import { storesUnderTest } from '../support/storages';
import { nl } from '../support/strings';

jest.setTimeout(120_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

const COORDINATOR = '0e000000-0000-4000-8000-0000000000c1';
const NETWORK_JENV = '0e000000-0000-4000-8000-0000000000a1';
const NETWORK_FIN = '0e000000-0000-4000-8000-0000000000a2';
const DAY = 24 * 60 * 60 * 1000;

interface Row {
  organisation: string;
  category: string;
  wish?: string;
  anonymity?: string;
  outcome?: string | null;
  /** Days from the signal's day to its first reaction. */
  reactedAfter?: number;
}

/** Signals of a past day, as the mixer would have published them: a row with its day, nobody's name. */
async function signalsOn(db: Database, day: Date, count: number, row: Row): Promise<void> {
  for (let i = 0; i < count; i++) {
    const taken = row.reactedAfter === undefined ? null : new Date(day.getTime() + row.reactedAfter * DAY + 3_600_000).toISOString();
    await db.query(
      `INSERT INTO signals (id, case_code_hmac, submission_hmac, organisation, category, wish, anonymity, urgency, status, created_at, outcome, taken_on_at)
       VALUES ($1, $2, NULL, $3, $4, $5, $6, 'normaal', 'gesloten', $7, $8, $9)`,
      [randomUUID(), randomBytes(32), row.organisation, row.category, row.wish ?? 'advies', row.anonymity ?? 'anoniem', day.toISOString().slice(0, 10), row.outcome ?? null, taken],
    );
  }
}

/** The network figures over HTTP, as the tab reads them, for each caller the scoping has to tell apart. */
describe.each(storesUnderTest())('Network figures on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({ tab: entra.tabSettings }));
  const [latest] = settledQuarters(new Date(), { mixerDelayMs: 0 }, 1);
  const inLatest = (days: number) => new Date(latest!.start.getTime() + days * DAY);
  const get = async (path: string, oid: string, roles: string[]) =>
    fetch(`${h.service.base}${path}`, { headers: { authorization: `Bearer ${await entra.token(oid, { roles })}` } });
  const figures = async (oid: string, roles: string[], scope?: string) => {
    const res = await get(`/api/network/figures${scope ? `?scope=${scope}` : ''}`, oid, roles);
    return { status: res.status, body: (await res.json()) as NetworkFigures & { message?: string } };
  };

  beforeEach(async () => {
    const db = h.service.app.db;
    // Each test counts its own signals, from snapshots taken afresh.
    for (const table of ['signals', 'relation_counts', 'relation_pending', 'insight_snapshots', 'network_coordinators', 'network_advice']) await db.query(`DELETE FROM ${table}`);
    await db.query("INSERT INTO network_coordinators (aad_object_id, organisation, display_name) VALUES ($1, 'jenv', 'Netwerk J&V'), ($2, 'financien', 'Netwerk Financiën')", [
      NETWORK_JENV,
      NETWORK_FIN,
    ]);
  });

  it("shows a network coordinator their organisation's figures only, with its parts, and refuses every other", async () => {
    const jenv = await figures(NETWORK_JENV, ['NetworkCoordinator']);
    expect(jenv.status).toBe(200);
    expect(jenv.body.scopes).toEqual(['jenv']);
    expect(jenv.body.organisations).toEqual(['jenv']);
    // J&V's network coordinator asks for BZK's, or for all: 403, with the reason in words.
    for (const scope of ['bzk', 'all', 'financien']) {
      const other = await figures(NETWORK_JENV, ['NetworkCoordinator'], scope);
      expect(other.status).toBe(403);
      expect(other.body.message).toBe(nl.network.noScope);
    }
    // Financiën's sees the Belastingdienst, a part of it, counted with it and on its own.
    const fin = await figures(NETWORK_FIN, ['NetworkCoordinator']);
    expect(fin.body.scopes).toEqual(['belastingdienst', 'financien']);
    const whole = await figures(NETWORK_FIN, ['NetworkCoordinator'], 'financien');
    expect(whole.body.organisations).toEqual(['belastingdienst', 'financien']);
    // A row alone opens nothing: without the app role the route is closed; the app role without a row shows nothing.
    expect((await figures(NETWORK_JENV, [])).status).toBe(403);
    expect((await figures('0e000000-0000-4000-8000-0000000000a9', ['NetworkCoordinator'])).status).toBe(403);
    // The coordinator sees all, and each.
    const all = await figures(COORDINATOR, ['Coordinator']);
    expect(all.body.scope).toBe('all');
    expect(all.body.scopes).toEqual(expect.arrayContaining(['all', 'bzk', 'jenv', 'financien', 'belastingdienst', 'ubr']));
    expect((await figures(COORDINATOR, ['Coordinator'], 'ubr')).status).toBe(200);
    // A scope that is no organisation's code is bad input, said per field.
    expect((await figures(COORDINATOR, ['Coordinator'], 'NOT%20A%20CODE')).status).toBe(400);
  });

  it("counts per category only what Inzicht publishes: a scope's cells are its organisations' cells added up, hidden where Inzicht hides", async () => {
    const db = h.service.app.db;
    await signalsOn(db, inLatest(3), 6, { organisation: 'financien', category: 'pesten' });
    await signalsOn(db, inLatest(4), 7, { organisation: 'belastingdienst', category: 'pesten' });
    await signalsOn(db, inLatest(5), 5, { organisation: 'jenv', category: 'pesten' });
    // Discrimination: 6 at the Belastingdienst, 1 at J&V. Inzicht hides the column; so must every scope.
    await signalsOn(db, inLatest(6), 6, { organisation: 'belastingdienst', category: 'discriminatie' });
    await signalsOn(db, inLatest(7), 1, { organisation: 'jenv', category: 'discriminatie' });
    // A second small column, so that Inzicht need not hide a third to keep the first from being worked out.
    await signalsOn(db, inLatest(8), 2, { organisation: 'bzk', category: 'uitsluiting' });

    const inzicht = (await (await get('/api/insights', COORDINATOR, ['Coordinator'])).json()) as {
      quarter: string;
      signalsByOrganisation: { rows: string[]; columns: string[]; cells: Array<Array<number | string>> };
    };
    expect(inzicht.quarter).toBe(latest!.key);
    const published = (org: string, category: string) =>
      inzicht.signalsByOrganisation.cells[inzicht.signalsByOrganisation.rows.indexOf(org)]![inzicht.signalsByOrganisation.columns.indexOf(category)];

    const fin = (await figures(NETWORK_FIN, ['NetworkCoordinator'], 'financien')).body;
    const q = fin.quarters.indexOf(latest!.key);
    const cell = (f: NetworkFigures, category: string) => f.categories.cells[f.categories.rows.indexOf(category)]![q];
    expect(cell(fin, 'pesten')).toBe((published('financien', 'pesten') as number) + (published('belastingdienst', 'pesten') as number));
    expect(cell(fin, 'pesten')).toBe(13);
    expect(published('belastingdienst', 'discriminatie')).toBe(HIDDEN);
    expect(cell(fin, 'discriminatie')).toBe(HIDDEN);
    const part = (await figures(NETWORK_FIN, ['NetworkCoordinator'], 'belastingdienst')).body;
    expect(cell(part, 'pesten')).toBe(7);
    expect(cell(part, 'discriminatie')).toBe(HIDDEN);
    // No count from 1 to 4 anywhere in the tables.
    for (const f of [fin, part]) {
      for (const v of [...f.categories.cells.flat(), ...f.categories.rowTotals, ...f.categories.columnTotals, f.categories.total]) {
        expect(v === HIDDEN || v === 0 || (typeof v === 'number' && v >= 5)).toBe(true);
      }
    }
  });

  it('publishes the same everywhere when one signal moves between two hidden categories: what is hidden cannot be worked out', async () => {
    const db = h.service.app.db;
    const setUp = async (second: string) => {
      for (const table of ['signals', 'insight_snapshots']) await db.query(`DELETE FROM ${table}`);
      await signalsOn(db, inLatest(3), 9, { organisation: 'belastingdienst', category: 'pesten' });
      await signalsOn(db, inLatest(3), 6, { organisation: 'jenv', category: 'pesten' });
      await signalsOn(db, inLatest(4), 2, { organisation: 'belastingdienst', category: 'discriminatie' });
      await signalsOn(db, inLatest(4), 1, { organisation: 'belastingdienst', category: 'uitsluiting' });
      // The one signal that differs between the two worlds.
      await signalsOn(db, inLatest(4), 1, { organisation: 'belastingdienst', category: second });
    };
    const everything = async () => {
      const seen: unknown[] = [await (await get('/api/insights', COORDINATOR, ['Coordinator'])).json()];
      for (const scope of ['all', 'bzk', 'jenv', 'financien', 'belastingdienst', 'ubr']) {
        seen.push((await figures(COORDINATOR, ['Coordinator'], scope)).body);
        seen.push(await (await get(`/api/network/year-report?scope=${scope}`, COORDINATOR, ['Coordinator'])).json());
      }
      return seen;
    };
    await setUp('discriminatie');
    const one = await everything();
    await setUp('uitsluiting');
    expect(await everything()).toEqual(one);
  });

  it('counts the other breakdowns per organisation and holds one back whole where a count is 1 to 4, so no scope or sum gives it away (the reviewer\'s attack)', async () => {
    const db = h.service.app.db;
    // The Belastingdienst: 20 signals, all fully anonymous. Financiën's own part: 5, of which 1 confidential and 1
    // anonymous. Shares in tens once named exactly one confidential reporter here.
    await signalsOn(db, inLatest(3), 10, { organisation: 'belastingdienst', category: 'pesten', anonymity: 'volledig-anoniem', wish: 'gesprek' });
    await signalsOn(db, inLatest(3), 10, { organisation: 'belastingdienst', category: 'werkdruk-spanning', anonymity: 'volledig-anoniem', wish: 'gesprek' });
    await signalsOn(db, inLatest(4), 1, { organisation: 'financien', category: 'pesten', anonymity: 'vertrouwelijk', wish: 'gesprek' });
    await signalsOn(db, inLatest(4), 1, { organisation: 'financien', category: 'pesten', anonymity: 'anoniem', wish: 'gesprek' });
    await signalsOn(db, inLatest(4), 3, { organisation: 'financien', category: 'pesten', anonymity: 'volledig-anoniem', wish: 'gesprek' });

    const q = (f: NetworkFigures) => f.quarters.indexOf(latest!.key);
    const column = (f: NetworkFigures, dimension: string) => f.breakdowns.find((b) => b.dimension === dimension)!.cells.map((row) => row[q(f)]);
    const part = (await figures(NETWORK_FIN, ['NetworkCoordinator'], 'belastingdienst')).body;
    expect(column(part, 'anonymity')).toEqual([0, 0, 20]);
    expect(column(part, 'wish')).toEqual([0, 0, 0, 20, 0]);
    // Financiën's own 1 and 1 hold its anonymity back whole; with it, the whole's and all organisations' sums.
    for (const scope of ['financien', 'all']) {
      const f = (await figures(COORDINATOR, ['Coordinator'], scope)).body;
      expect(column(f, 'anonymity')).toEqual([HIDDEN, HIDDEN, HIDDEN]);
      // What people wanted is 5 × gesprek at Financiën: shown, and added up.
      expect(column(f, 'wish')).toEqual([0, 0, 0, 25, 0]);
    }
    // Nowhere a count from 1 to 4.
    for (const scope of ['all', 'bzk', 'jenv', 'financien', 'belastingdienst', 'ubr']) {
      const f = (await figures(COORDINATOR, ['Coordinator'], scope)).body;
      for (const v of f.breakdowns.flatMap((b) => b.cells.flat())) expect(v === HIDDEN || v === 0 || (typeof v === 'number' && v >= 5)).toBe(true);
    }
  });

  it('holds back what people wanted and how anonymous in a quarter where Inzicht holds back a topic: their sum would count the topics held back', async () => {
    const db = h.service.app.db;
    // The reviewer's second attack: 19 bullying and 1 discrimination at the Belastingdienst; discrimination and
    // exclusion held back by Inzicht. A shown breakdown adding up to 20 beside a shown 19 would give the 1 away.
    await signalsOn(db, inLatest(3), 19, { organisation: 'belastingdienst', category: 'pesten', anonymity: 'anoniem', wish: 'gesprek', outcome: 'advies-gegeven' });
    await signalsOn(db, inLatest(3), 1, { organisation: 'belastingdienst', category: 'discriminatie', anonymity: 'anoniem', wish: 'gesprek', outcome: 'advies-gegeven' });
    await signalsOn(db, inLatest(4), 5, { organisation: 'jenv', category: 'discriminatie' });
    await signalsOn(db, inLatest(4), 5, { organisation: 'jenv', category: 'uitsluiting' });
    const f = (await figures(NETWORK_FIN, ['NetworkCoordinator'], 'belastingdienst')).body;
    const q = f.quarters.indexOf(latest!.key);
    expect(f.categories.cells[f.categories.rows.indexOf('pesten')]![q]).toBe(19);
    expect(f.categories.cells[f.categories.rows.indexOf('discriminatie')]![q]).toBe(HIDDEN);
    for (const dimension of ['wish', 'anonymity']) {
      expect(f.breakdowns.find((b) => b.dimension === dimension)!.cells.map((row) => row[q])).toEqual(expect.arrayContaining([HIDDEN]));
      expect(f.breakdowns.find((b) => b.dimension === dimension)!.cells.every((row) => row[q] === HIDDEN)).toBe(true);
    }
    // How it ended adds up to the closed signals only, not to all: it may be shown (20 × advies gegeven).
    expect(f.breakdowns.find((b) => b.dimension === 'outcome')!.cells.map((row) => row[q])).toEqual([20, 0, 0, 0, 0, 0]);
  });

  it('gives the median days to a first reaction only when every organisation of the scope had at least 5', async () => {
    const db = h.service.app.db;
    for (const days of [1, 2, 3, 4, 9]) await signalsOn(db, inLatest(12), 1, { organisation: 'bzk', category: 'pesten', reactedAfter: days });
    await signalsOn(db, inLatest(12), 4, { organisation: 'ubr', category: 'pesten', reactedAfter: 2 });
    const median = async (scope: string) => {
      const f = (await figures(COORDINATOR, ['Coordinator'], scope)).body;
      return f.firstReactionDays[f.quarters.indexOf(latest!.key)];
    };
    // UBR has 4: too few on its own, and so for BZK with UBR, whose difference would rest on those 4.
    expect(await median('ubr')).toBeNull();
    expect(await median('bzk')).toBeNull();
    await db.query('DELETE FROM insight_snapshots');
    await signalsOn(db, inLatest(13), 1, { organisation: 'ubr', category: 'pesten', reactedAfter: 2 });
    // Now 5 at UBR (all after 2 days) and 5 at BZK (1, 2, 3, 4, 9): the median of the ten is 2.
    expect(await median('ubr')).toBe(2);
    expect(await median('bzk')).toBe(2);
  });

  it('prints a closed year in the annual-report categories, with a total hidden when any quarter is', async () => {
    const db = h.service.app.db;
    const year = latestSettledYear(new Date(), { mixerDelayMs: 0 });
    const [q1, q2, q3, q4] = yearOf(year).quarters;
    for (const q of [q1, q2, q3, q4]) {
      await signalsOn(db, new Date(q!.start.getTime() + 2 * DAY), 5, { organisation: 'jenv', category: 'pesten' });
      await signalsOn(db, new Date(q!.start.getTime() + 3 * DAY), 5, { organisation: 'jenv', category: 'uitsluiting' });
    }
    // Aggression in three quarters, and 2 in the last: that quarter hides it, and so the year's total.
    for (const q of [q1, q2, q3]) await signalsOn(db, new Date(q!.start.getTime() + 4 * DAY), 6, { organisation: 'jenv', category: 'agressie-burgers-klanten' });
    await signalsOn(db, new Date(q4!.start.getTime() + 4 * DAY), 2, { organisation: 'jenv', category: 'agressie-burgers-klanten' });
    // A second small column in that quarter, so that Inzicht hides no third.
    await signalsOn(db, new Date(q4!.start.getTime() + 5 * DAY), 1, { organisation: 'bzk', category: 'discriminatie' });

    const res = await get(`/api/network/year-report?year=${year}`, NETWORK_JENV, ['NetworkCoordinator']);
    expect(res.status).toBe(200);
    const report = (await res.json()) as YearReport;
    const row = (category: string) => report.categories.rows.indexOf(category);
    // Bullying and excluding together: 10 a quarter, 40 in the year.
    expect(report.categories.cells[row('pesten')]).toEqual([10, 10, 10, 10]);
    expect(report.categories.rowTotals[row('pesten')]).toBe(40);
    expect(report.categories.cells[row('agressie-en-geweld')]).toEqual([6, 6, 6, HIDDEN]);
    expect(report.categories.rowTotals[row('agressie-en-geweld')]).toBe(HIDDEN);

    const open = await get(`/api/network/year-report?year=${year + 1}`, NETWORK_JENV, ['NetworkCoordinator']);
    expect(open.status).toBe(409);
    expect(((await open.json()) as { message: string }).message).toBe(nl.network.yearOpen);
    expect((await get(`/api/network/year-report?scope=bzk`, NETWORK_JENV, ['NetworkCoordinator'])).status).toBe(403);
  });

  it("tells a network coordinator in their chat of a rise in a closed quarter, once, with published counts only and a link to the tab", async () => {
    const db = h.service.app.db;
    const [previous, latestQ] = settledQuarters(new Date(), { mixerDelayMs: 0 }, 2);
    // Bullying at the Belastingdienst (a part of Financiën): 5, then 11. Werkdruk at BZK: 6, then 7 (no rise).
    await signalsOn(db, new Date(previous!.start.getTime() + 3 * DAY), 5, { organisation: 'belastingdienst', category: 'pesten' });
    await signalsOn(db, new Date(latestQ!.start.getTime() + 3 * DAY), 11, { organisation: 'belastingdienst', category: 'pesten' });
    await signalsOn(db, new Date(previous!.start.getTime() + 4 * DAY), 6, { organisation: 'bzk', category: 'werkdruk-spanning' });
    await signalsOn(db, new Date(latestQ!.start.getTime() + 4 * DAY), 7, { organisation: 'bzk', category: 'werkdruk-spanning' });
    // Financiën's network coordinator opened a chat with the bot once; J&V's did too, and hears nothing of this.
    const fin = { ...h.newChat(), aadObjectId: NETWORK_FIN, name: 'Netwerk Financiën', userId: '29:netwerk-fin' };
    const jenv = { ...h.newChat(), aadObjectId: NETWORK_JENV, name: 'Netwerk J&V', userId: '29:netwerk-jenv' };
    await h.turn(botInstalled(fin));
    await h.turn(botInstalled(jenv));
    h.connector.clear();

    const advice = new NetworkAdvice(new DatabaseNetworkStore(db, (sealed, id) => new KeyRingSignalSealing(new KeyRing(TEST_SIGNAL_KEY)).openRelation(sealed, id)), (q) => new InsightsService(new DatabaseInsightsStore(db), { mixerDelayMs: 0 }).published(q), { mixerDelayMs: 0 }, 1.5);
    // Financiën as a whole rose with its part: one card, the whole's; the part's goes to whoever keeps the part alone.
    expect(await advice.run(new Date())).toBe(2);
    const cards = () => h.connector.received.filter((r) => r.conversationId === fin.conversationId);
    await h.connector.until(() => cards().length > 0);
    await eventually(async () => expect((await db.query(`SELECT 1 FROM outbox WHERE kind = 'network-advice'`)).rows).toEqual([]));
    expect(cards()).toHaveLength(1);
    const card = cardOf(cards()[0]!);
    const texts = textsOf(card);
    expect(texts).toContain(format(nl.advice.title, { topic: nl.signal.categories.pesten }));
    expect(texts).toContain(format(nl.advice.text, { organisation: 'Ministerie van Financiën', factor: '2,2', topic: nl.signal.categories.pesten }));
    expect(JSON.stringify(card)).toContain('"value":"5"');
    expect(JSON.stringify(card)).toContain('"value":"11"');
    expect(JSON.stringify(card)).toContain(JSON.stringify(networkFiguresLink('00000000-0000-4000-8000-00000000a990')).slice(1, -1));
    expect(h.connector.received.filter((r) => r.conversationId === jenv.conversationId)).toEqual([]);
    // An hour later: told already, nothing queued again.
    expect(await advice.run(new Date())).toBe(0);
    expect((await db.query('SELECT scope, category, count_before, count_now FROM network_advice ORDER BY scope')).rows).toEqual([
      { scope: 'belastingdienst', category: 'pesten', count_before: 5, count_now: 11 },
      { scope: 'financien', category: 'pesten', count_before: 5, count_now: 11 },
    ]);
  });

  it('lets the coordinator keep the network coordinators, each change recorded, with bad input refused and nothing changed', async () => {
    const db = h.service.app.db;
    const token = await entra.token(COORDINATOR, { roles: ['Coordinator'] });
    const person = '0e000000-0000-4000-8000-0000000000a5';
    const put = (body: unknown, id = person) =>
      fetch(`${h.service.base}/api/network-coordinators/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const rows = async () => (await db.query('SELECT aad_object_id, organisation FROM network_coordinators ORDER BY aad_object_id')).rows;
    const before = await rows();

    const unknown = await put({ aadObjectId: person, displayName: 'Sam', organisation: 'nergens' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { fields: Array<{ path: string }> }).fields.map((f) => f.path)).toEqual(['organisation']);
    expect((await put({ aadObjectId: person, displayName: '', organisation: 'bzk' })).status).toBe(400);
    expect(await rows()).toEqual(before);

    expect((await put({ aadObjectId: person, displayName: 'Sam de Vries', organisation: 'bzk' })).status).toBe(200);
    expect((await figures(person, ['NetworkCoordinator'])).body.scopes).toEqual(['bzk', 'ubr']);
    const del = await fetch(`${h.service.base}/api/network-coordinators/${person}?organisation=bzk`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(del.status).toBe(200);
    expect((await figures(person, ['NetworkCoordinator'])).status).toBe(403);
    const changes = (
      await db.query("SELECT action, counsellor_aad_object_id, organisation, roles, by_aad_object_id FROM counsellor_changes WHERE counsellor_aad_object_id = $1 ORDER BY changed_at, action DESC", [person])
    ).rows;
    expect(changes).toEqual([
      { action: 'saved', counsellor_aad_object_id: person, organisation: 'bzk', roles: ['netwerkcoordinator'], by_aad_object_id: COORDINATOR },
      { action: 'removed', counsellor_aad_object_id: person, organisation: 'bzk', roles: ['netwerkcoordinator'], by_aad_object_id: COORDINATOR },
    ]);
    // A network coordinator does not keep the list.
    expect((await get('/api/network-coordinators', NETWORK_JENV, ['NetworkCoordinator'])).status).toBe(403);
  });
});
