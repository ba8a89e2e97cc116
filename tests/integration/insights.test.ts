import { randomBytes, randomUUID } from 'node:crypto';
import { monthsOf, settledQuarters } from '../../bot/src/features/insights/periods';
import { HIDDEN } from '../../bot/src/shared/api/insights';
import { CATEGORIES } from '../../bot/src/shared/signal-vocabulary';
import type { Database } from '../../bot/src/platform/database/database';
import { useBotHarness } from '../support/bot-harness';
import { disclosedCells } from '../support/disclosure';
import { EntraStandIn } from '../support/entra-stand-in';
import { storesUnderTest } from '../support/storages';

jest.setTimeout(120_000);

const entra = new EntraStandIn();
beforeAll(() => entra.start());
afterAll(() => entra.stop());

const COORDINATOR = '0e000000-0000-4000-8000-0000000000c1';
const DAY = 24 * 60 * 60 * 1000;

/** Signals of past days, as the mixer would have published them: a row with its day, nobody's name. */
async function signalsOn(db: Database, day: Date, organisation: string, category: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await db.query(
      `INSERT INTO signals (id, case_code_hmac, submission_hmac, organisation, category, wish, anonymity, urgency, status, created_at)
       VALUES ($1, $2, NULL, $3, $4, 'alleen-laten-weten', 'anoniem', 'normaal', 'geteld', $5)`,
      [randomUUID(), randomBytes(32), organisation, category, day.toISOString().slice(0, 10)],
    );
  }
}

/** Inzicht over HTTP, as the coordinator's tab reads it, against the attacker who solves it as equations. */
describe.each(storesUnderTest())('Inzicht on %s', (_kind, createStore) => {
  const h = useBotHarness(createStore, () => ({ tab: entra.tabSettings }));
  const insights = async () => {
    const res = await fetch(`${h.service.base}/api/insights`, { headers: { authorization: `Bearer ${await entra.token(COORDINATOR, { roles: ['Coordinator'] })}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as {
      months: string[];
      signalsByMonth: { rows: string[]; columns: string[]; cells: Array<Array<number | string>> } & Record<string, unknown>;
      quarter: string;
      signalsByOrganisation: { rows: string[]; columns: string[]; cells: Array<Array<number | string>> } & Record<string, unknown>;
      workshops: Record<string, unknown>;
    };
  };

  it('publishes closed periods only, with no count from 1 to 4 and none that the tables together give away', async () => {
    const db = h.service.app.db;
    const [quarter] = settledQuarters(new Date(), { mixerDelayMs: 0 }, 1);
    const [first, second, third] = monthsOf(quarter!);
    // The quarter of the issue: discrimination 8 in all, 6 at UBR, and 1 each at J&V and BZK; bullying in numbers.
    await signalsOn(db, new Date(first!.start.getTime() + 3 * DAY), 'ubr', 'discriminatie', 6);
    await signalsOn(db, new Date(second!.start.getTime() + 5 * DAY), 'jenv', 'discriminatie', 1);
    await signalsOn(db, new Date(third!.start.getTime() + 7 * DAY), 'bzk', 'discriminatie', 1);
    for (const [n, month] of [first, second, third].entries()) {
      await signalsOn(db, new Date(month!.start.getTime() + DAY), 'bzk', 'pesten', 6 + n);
      await signalsOn(db, new Date(month!.start.getTime() + DAY), 'jenv', 'pesten', 5);
      await signalsOn(db, new Date(month!.start.getTime() + 2 * DAY), 'financien', 'werkdruk-spanning', 2 + n);
    }

    // The service took its snapshots at start, before these rows existed: as if they had come in before the periods
    // settled, the snapshots are taken again.
    await db.query('DELETE FROM insight_snapshots');
    const published = await insights();
    expect(published.quarter).toBe(quarter!.key);
    expect(published.months).toEqual(expect.arrayContaining(monthsOf(quarter!).map((m) => m.key)));
    // Only closed months: none that is still running.
    expect(published.months).not.toContain(new Date().toISOString().slice(0, 7));
    const everything = [published.signalsByMonth, published.signalsByOrganisation].flatMap((t) => [...t.cells.flat(), ...(t.rowTotals as unknown[]), ...(t.columnTotals as unknown[]), t.total]);
    for (const value of [...everything, published.workshops.participants, published.workshops.evaluations]) {
      expect(value === HIDDEN || value === 0 || (typeof value === 'number' && value >= 5)).toBe(true);
    }
    // Discrimination's quarter column is held back whole: 6 at UBR shown would give the 1 and the 1 away.
    const discriminatie = published.signalsByOrganisation.columns.indexOf('discriminatie');
    expect(published.signalsByOrganisation.cells.map((row) => row[discriminatie])).toEqual(published.signalsByOrganisation.rows.map(() => HIDDEN));
    // Bullying is shown, per organisation.
    const pesten = published.signalsByOrganisation.columns.indexOf('pesten');
    expect(published.signalsByOrganisation.cells[published.signalsByOrganisation.rows.indexOf('bzk')]![pesten]).toBe(6 + 7 + 8);

    const disclosed = disclosedCells({
      organisations: published.signalsByOrganisation.rows,
      categories: [...CATEGORIES],
      byMonth: { months: published.months, table: published.signalsByMonth as never, hiddenAtLeast: 1 },
      quarters: [{ months: monthsOf(quarter!).map((m) => m.key), table: published.signalsByOrganisation as never, hiddenAtLeast: 0 }],
    });
    expect(disclosed).toEqual([]);
  });

  it('changes no published figure when someone raises a signal now, nor when a past one is deleted: each period is taken once', async () => {
    const before = await insights();
    await h.raise(h.newChat(), 'anoniem', 'alleen-laten-weten', 'discriminatie');
    await h.raise(h.newChat(), 'vertrouwelijk', 'alleen-laten-weten', 'discriminatie');
    // Retention (or Mijn gegevens) deleting rows of a published period does not move its figures either.
    await h.service.app.db.query("DELETE FROM signals WHERE category = 'pesten' AND organisation = 'jenv'");
    expect(await insights()).toEqual(before);
  });
});
