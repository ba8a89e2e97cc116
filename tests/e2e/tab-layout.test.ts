import type { Browser } from 'playwright-core';
import type { ActivityOptions } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { caseCodeOn } from '../support/card-reading';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { settle } from '../support/service';
import { tempPglite } from '../support/storages';
import { axeViolations, localContext, openTabPage, overflows, signedInTab, TAB_PAGES_BY_PERSONA } from '../support/tab-in-browser';
import { workshopSteps } from '../support/workshop-steps';

jest.setTimeout(600_000);

/** Teams on a wide screen, a narrow window, and a phone (Teams' side panel is narrower still than 375 px's content). */
const WIDTHS = [1280, 1024, 375] as const;

/** A long unbroken string, as people paste them: a Teams meeting link. */
const LINK = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${'N2Q4ZjY1YzEtYjQ3'.repeat(24)}%40thread.v2/0?context=%7b%22Tid%22%3a%22fictief%22%7d`;

/**
 * The built tab (npm run build) served by the service started in this process on PGlite, in development mode,
 * with data that has made tables overflow: long labels (Belastingdienst, Begeleidingservaring), figures held back,
 * and text people typed with a long link in it.
 */
describeWithChromium()('the tab in Chromium at 1280, 1024 and 375 px wide, light and dark: nothing runs into anything else', () => {
  const h = useBotHarness(tempPglite);
  let browser: Browser;
  let code: string;

  beforeAll(async () => {
    // A signal at J&V, for its counsellor of the development sign-in, with a long link in what the reporter typed.
    const chat = h.newChat();
    const form = await h.openForm(chat, 'jenv');
    const receipt = await h.submitIn(chat, { ...form, category: 'seksuele-intimidatie', wish: 'gesprek', anonymity: 'anoniem', description: `Zie de opname: ${LINK}` });
    code = caseCodeOn(receipt)!;
    expect(code).toMatch(/^SV-/);
    // An anonymous signal is stored once the mixer publishes it.
    await settle(h.service.app);
    // Workshops, so the pool's table of workshops and the facilitators' requests have rows.
    const w = workshopSteps(h);
    const channel: ActivityOptions = { serviceUrl: h.connector.serviceUrl, conversationId: `19:layout-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:organiser', aadObjectId: 'aad-organiser-layout' };
    for (const organisation of ['belastingdienst', 'bzk']) expect((await w.plan(channel, { organisation })).workshopId).toBeDefined();
    // A place with a long name and a long link, typed by the coordinator.
    const signIn = await fetch(`${h.service.base}/api/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'coordinator' }) });
    const { token } = (await signIn.json()) as { token: string };
    const place = await fetch(`${h.service.base}/api/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        organisation: 'belastingdienst',
        role: 'bedrijfsmaatschappelijk-werk',
        name: { nl: 'Bedrijfsmaatschappelijkwerkondersteuningsteam Belastingdienst', en: 'Company social work support team, Tax Administration' },
        description: { nl: `Lees eerst ${LINK}`, en: `Read ${LINK} first` },
        contact: { site: LINK, mail: 'bedrijfsmaatschappelijkwerkondersteuningsteam@belastingdienst.example' },
        hours: { nl: 'Werkdagen', en: 'Working days' },
        confidentiality: { nl: 'Vertrouwelijk', en: 'Confidential' },
        languages: ['nl'],
      }),
    });
    expect(place.status).toBe(201);
    // Material with a long title, on the coordinator's Materiaal page.
    const material = await fetch(`${h.service.base}/api/materials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: 'Gespreksleidraadhandoutvoorbegeleiders bij de film over uitsluiting', kind: 'handout', url: LINK, durationMinutes: null, language: 'nl', audience: 'nieuwe-medewerkers' }),
    });
    expect(material.status).toBe(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(WIDTHS)('at %i px: every page, light and dark, has no text outside its cell, no page wider than the window, and no axe violations', async (width) => {
    const found: Array<{ page: string; colorScheme: string; problems: string[]; violations: string[] }> = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await localContext(browser, { viewport: { width, height: 900 }, locale: 'nl-NL', colorScheme });
      for (const [persona, pages] of TAB_PAGES_BY_PERSONA) {
        const tab = await signedInTab(context, h.service.base, persona, pages[0]);
        for (const name of pages) {
          await openTabPage(tab, h.service.base, name);
          if (name === 'signalen') {
            // The signal opened: the reporter's text with the long link shows.
            await tab.getByRole('button', { name: `Openen: ${code}` }).click();
            await tab.getByText(/Zie de opname/).waitFor();
          }
          if (name === 'doorverwijzen') await tab.getByRole('heading', { level: 3, name: /Bedrijfsmaatschappelijkwerkondersteuningsteam/ }).waitFor();
          found.push({ page: name, colorScheme, problems: await overflows(tab), violations: await axeViolations(tab) });
          if (name === 'netwerk') {
            // The year report is a view of its own (it prints alone): measured as a page.
            await tab.getByRole('button', { name: 'Jaarverslag' }).click();
            await tab.getByRole('button', { name: 'Afdrukken of opslaan als pdf' }).waitFor();
            found.push({ page: 'netwerk: jaarverslag', colorScheme, problems: await overflows(tab), violations: await axeViolations(tab) });
          }
        }
        await tab.close();
      }
      await context.close();
    }
    expect(found).toEqual(found.map(({ page, colorScheme }) => ({ page, colorScheme, problems: [], violations: [] })));
  });
});
