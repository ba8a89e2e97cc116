import { latestSettledYear, settledQuarters, yearOf } from '../bot/src/features/insights/periods';
import { seedSocialeKaart } from '../bot/src/features/kaart';
import { openDatabase } from '../bot/src/platform/database/open-database';
import { findChromium, launchChromium } from '../tests/support/chromium-launch';
import { localContext, openTabPage, signedInTab } from '../tests/support/tab-in-browser';
import { startServiceProcess } from '../tests/support/service-process';
import { onPglite, round } from './measure';

const ORGANISATIONS = ['bzk', 'jenv', 'financien', 'belastingdienst', 'ubr'];

export interface FiguresResult {
  signals: number;
  quarters: number;
  organisations: number;
  /** GET /api/network/figures for all organisations, twice (the service took the periods' snapshots at its start). */
  apiFirstMs: number;
  apiNextMs: number;
  /** Cijfers netwerk in headless Chromium, from navigation start to its tables drawn: the median of the loads (null without Chromium). */
  pageMedianMs: number | null;
  pageLoads: number;
}

/**
 * The figures page with a year of data and more: about `perQuarter` signals for each of 5 organisations in each of
 * the last 4 closed quarters and the closed year's, spread over the categories, wishes, outcomes and first
 * reactions, on PGlite.
 */
export async function figuresRound(dataDir: string, perQuarter: number, loads = 5): Promise<FiguresResult> {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  let signals = 0;
  let quartersCount = 0;
  try {
    // The organisations first (the service would seed them too, at its start): signals name one.
    await seedSocialeKaart(db);
    // The last 4 closed quarters (the page) and the closed year before them (its report), each quarter a little
    // busier than the one before, each organisation its own size, topics as often as people name them.
    const settled = settledQuarters(new Date(), { mixerDelayMs: 0 }, 4);
    const year = yearOf(latestSettledYear(new Date(), { mixerDelayMs: 0 })).quarters;
    const quarters = [...year, ...settled].filter((q, i, all) => all.findIndex((o) => o.key === q.key) === i);
    quartersCount = quarters.length;
    for (const [n, quarter] of quarters.entries()) {
      const days = Math.round((quarter.end.getTime() - quarter.start.getTime()) / 86_400_000);
      for (const [o, organisation] of ORGANISATIONS.entries()) {
        const count = Math.round(perQuarter * (0.6 + 0.2 * o) * (0.85 + 0.05 * n));
        const { rowCount } = await db.query(
          `INSERT INTO signals (id, case_code_hmac, submission_hmac, organisation, category, wish, anonymity, urgency, status, created_at, outcome, taken_on_at)
           SELECT gen_random_uuid(), sha256(($1 || $2 || i)::bytea), NULL, $1,
             (ARRAY['pesten','pesten','pesten','werkdruk-spanning','werkdruk-spanning','werkdruk-spanning','leidinggevende-hierarchie','leidinggevende-hierarchie',
                    'intimidatie-agressie','discriminatie','integriteit','uitsluiting','iets-anders','seksuele-intimidatie','agressie-burgers-klanten','misstand'])[1 + (i * 7) % 16],
             (ARRAY['alleen-laten-weten','laten-lezen','advies','advies','gesprek','gesprek','gesprek','formeel-melden'])[1 + (i * 3) % 8],
             (ARRAY['vertrouwelijk','vertrouwelijk','anoniem','anoniem','anoniem','volledig-anoniem'])[1 + i % 6], 'normaal', 'gesloten',
             $2::date + (i % $4),
             (ARRAY['advies-gegeven','advies-gegeven','advies-gegeven','doorverwezen','doorverwezen','informeel-opgelost','klacht-ingediend','melding-gedaan','geen-contact-meer'])[1 + (i * 5) % 9],
             $2::date + (i % $4) + (i % ($5 + 3))
           FROM generate_series(1, $3) AS i`,
          [organisation, quarter.start.toISOString().slice(0, 10), count, days, o],
        );
        signals += rowCount;
      }
    }
  } finally {
    await db.close();
  }

  const service = await startServiceProcess(onPglite(dataDir));
  const base = `http://127.0.0.1:${service.port}`;
  try {
    const signIn = await fetch(`${base}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'coordinator' }) });
    const { token } = (await signIn.json()) as { token: string };
    const timed = async () => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/network/figures`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`figures: ${res.status}`);
      await res.json();
      return performance.now() - t0;
    };
    const apiFirstMs = await timed();
    const apiNextMs = await timed();
    const api = { signals, quarters: quartersCount, organisations: ORGANISATIONS.length, apiFirstMs: round(apiFirstMs, 0), apiNextMs: round(apiNextMs, 0), pageLoads: loads };
    if (!findChromium()) {
      process.stdout.write('figures page not drawn: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH).\n');
      return { ...api, pageMedianMs: null };
    }
    const browser = await launchChromium();
    try {
      const context = await localContext(browser, { viewport: { width: 1280, height: 860 }, locale: 'nl-NL' });
      const tab = await signedInTab(context, base, 'coordinator', 'netwerk');
      const times: number[] = [];
      for (let i = 0; i < loads; i++) times.push((await openTabPage(tab, base, 'netwerk')).data);
      times.sort((a, b) => a - b);
      // BENCH_SCREENSHOTS=docs/screenshots: the README's pictures of the page and the year report, with this data.
      const shots = process.env.BENCH_SCREENSHOTS;
      if (shots) {
        await tab.screenshot({ path: `${shots}/tab-netwerk-figures.png`, fullPage: true });
        await tab.getByRole('button', { name: 'Jaarverslag' }).click();
        await tab.getByRole('button', { name: 'Afdrukken of opslaan als pdf' }).waitFor();
        await tab.emulateMedia({ media: 'print' });
        await tab.screenshot({ path: `${shots}/tab-netwerk-year-report.png`, fullPage: true });
      }
      return { ...api, pageMedianMs: round(times[Math.floor(times.length / 2)]!, 0) };
    } finally {
      await browser.close();
    }
  } finally {
    await service.stop();
  }
}
