import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { nl } from '../support/strings';
import { format } from '../../bot/src/platform/i18n/locale';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { freePort, type LocalRun, startLocalRun } from '../support/local-run';
import { axeViolations, localContext, openTabPage, signedInTab, TAB_PAGES_BY_PERSONA } from '../support/tab-in-browser';

jest.setTimeout(120_000);

/** A Tuesday two weeks or more ahead, when the seeded pool has facilitators available. */
const WORKSHOP_DATE = (() => {
  const d = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000);
  while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();

/** Set E2E_SCREENSHOTS=docs/screenshots to refresh the pictures in the README. */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

describeWithChromium()('npm start: the bot in the Microsoft 365 Agents Playground', () => {
  let run: LocalRun;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  /** The case code the Playground's reporter got on the receipt; the counsellor sees the same one in the tab. */
  let receiptCode: string;

  const welcomeCards = () => page.locator('.ac-adaptiveCard', { hasText: nl.welcome.intro });
  const shoot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  };

  /**
   * Adaptive Card choice sets render as Fluent comboboxes: open, then pick the option. A click can land while a date
   * or time picker is still closing and only close that (a rehearsal failed so, twice): the list is opened again
   * until it shows, never clicked shut.
   */
  const chooseOption = async (combobox: ReturnType<Page['locator']>, option: string) => {
    const item = page.getByRole('option', { name: option, exact: true });
    for (let tries = 1; ; tries++) {
      if ((await combobox.getAttribute('aria-expanded')) !== 'true') await combobox.click();
      try {
        await item.waitFor({ state: 'visible', timeout: 10_000 });
        break;
      } catch (error) {
        if (tries === 5) throw error;
      }
    }
    await item.click();
  };

  /**
   * Records, from now on, the text of every card drawn that contains `marker`, even one replaced a moment later.
   * Returns a function that waits for the first such text.
   */
  const recordCardTexts = async (marker: string): Promise<() => Promise<string>> => {
    const key = `recorded-${Date.now()}`;
    // Functions, not strings, and `globalThis` because the tests compile without DOM types.
    await page.evaluate(
      ([k, m]) => {
        const g = globalThis as any;
        g[k] = [];
        const look = () => {
          for (const card of g.document.querySelectorAll('.ac-adaptiveCard')) {
            const text: string = card.textContent ?? '';
            if (text.includes(m) && g[k].length === 0) g[k].push(text);
          }
        };
        new g.MutationObserver(look).observe(g.document.body, { childList: true, subtree: true, characterData: true });
      },
      [key, marker] as const,
    );
    return async () =>
      (await page
        .waitForFunction((k) => (globalThis as any)[k][0] ?? '', key, { polling: 100 })
        .then((h) => h.jsonValue())) as string;
  };

  /** A new post in the open channel: "@" picks the bot from the mention menu, then the text. */
  const postMentioningBot = async (text: string) => {
    const newPost = page.getByRole('group').filter({ has: page.getByRole('button', { name: 'Post' }) }).getByRole('textbox');
    await newPost.click();
    await newPost.pressSequentially('@');
    await page.getByRole('menuitem').first().click();
    await newPost.pressSequentially(` ${text}`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sv-e2e-'));
    run = await startLocalRun({
      PORT: String(await freePort()),
      PLAYGROUND_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The Playground writes its log here; one per run so parallel runs do not overwrite each other.
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dataDir, 'playground.log'),
    });
    browser = await launchChromium();
    // Offline machine: the Playground asks a CDN for fonts; the context refuses at once instead of waiting.
    const context = await localContext(browser, { viewport: { width: 1280, height: 860 }, locale: 'nl-NL' });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(run.playgroundUrl, { waitUntil: 'domcontentloaded' });
  });

  afterAll(async () => {
    await browser?.close();
    await run?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is ready with both addresses printed', () => {
    // The script's own figure: from its start to both answering (the build before it not counted).
    expect(run.readySeconds).toBeLessThan(60);
    expect(run.output()).toContain(run.playgroundUrl);
    expect(run.output()).toContain('say "hallo"');
  });

  it('greets with the Dutch welcome card when the chat opens (the app is installed)', async () => {
    await welcomeCards().first().waitFor();
    const card = welcomeCards().first();
    for (const label of ['Iets aankaarten', 'Met iemand praten', 'Workshops', 'Mijn gegevens']) {
      await expect(card.getByRole('button', { name: label, exact: true }).isVisible()).resolves.toBe(true);
    }
  });

  it('answers "hallo" with the welcome card', async () => {
    const before = await welcomeCards().count();
    const composer = page.getByRole('textbox');
    await composer.click();
    await composer.fill('hallo');
    await composer.press('Enter');
    await welcomeCards().nth(before).waitFor();
    await shoot('welcome-card');
  });

  it('shows who to talk to: "Met iemand praten", a topic and an organisation, then the places', async () => {
    await welcomeCards().last().getByRole('button', { name: 'Met iemand praten', exact: true }).click();
    const pick = page.locator('.ac-adaptiveCard', { hasText: nl.talk.intro }).last();
    await pick.waitFor();
    await chooseOption(pick.getByRole('combobox').nth(0), 'Werkdruk of spanning');
    await chooseOption(pick.getByRole('combobox').nth(1), 'Uitvoeringsorganisatie Bedrijfsvoering Rijk (UBR)');
    await pick.getByRole('button', { name: nl.talk.show, exact: true }).click();
    const places = page.locator('.ac-adaptiveCard', { hasText: '"Werkdruk of spanning"' }).last();
    await places.waitFor();
    await expect(places.textContent()).resolves.toMatch(/[Bb]edrijfsarts/);
  });

  it('raises an anonymous signal in three cards and shows the receipt with its code and advice', async () => {
    const cardsBefore = await page.locator('.ac-adaptiveCard').count();
    await welcomeCards().first().getByRole('button', { name: 'Iets aankaarten', exact: true }).click();
    const start = page.locator('.ac-adaptiveCard', { hasText: nl.signal.dangerQuestion }).last();
    await start.waitFor();
    await chooseOption(start.getByRole('combobox'), 'Ministerie van Justitie en Veiligheid');
    await start.getByRole('button', { name: nl.signal.dangerNo, exact: true }).click();

    const form = page.locator('.ac-adaptiveCard', { hasText: nl.signal.formTitle }).last();
    await form.waitFor();
    await chooseOption(form.getByRole('combobox', { name: nl.signal.categoryLabel }), nl.signal.categories['seksuele-intimidatie']);
    // Who the other person is: optional, only counted.
    await chooseOption(form.getByRole('combobox', { name: nl.signal.relationLabel }), nl.signal.relations.collega);
    await form.getByRole('radio', { name: nl.signal.wishes.gesprek }).check();
    await expect(form.getByRole('radio', { name: nl.signal.anonymity.anoniem }).isChecked()).resolves.toBe(true);
    await form.getByRole('textbox').fill('Opmerkingen over mijn uiterlijk tijdens het teamoverleg.');
    await form.getByRole('button', { name: nl.signal.submit, exact: true }).click();

    const receipt = page.locator('.ac-adaptiveCard', { hasText: nl.signal.receiptTitle }).last();
    await receipt.waitFor();
    const text = (await receipt.textContent()) ?? '';
    receiptCode = text.match(/SV-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/)?.[0] ?? '';
    expect(receiptCode).not.toBe('');
    expect(text).toContain(nl.signal.adviceTitle);
    expect(text).toMatch(/[Vv]ertrouwenspersoon/);
    // Start, form and receipt: three cards from the welcome button to the receipt.
    expect((await page.locator('.ac-adaptiveCard').count()) - cardsBefore).toBe(3);
    if (SCREENSHOTS) {
      // The receipt is taller than the chat pane: a tall window, the card's top at the top.
      await page.setViewportSize({ width: 1280, height: 1500 });
      await receipt.evaluate((card) => card.scrollIntoView({ block: 'start' }));
      await shoot('signal-receipt');
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  it('raises a formal complaint about pesten and is pointed to the vertrouwenspersoon and the klachtencommissie', async () => {
    const card = (text: string) => page.locator('.ac-adaptiveCard', { hasText: text });
    // Each card waited for by its position, so an earlier card of the same kind cannot stand in for it.
    const next = async (text: string) => {
      const n = await card(text).count();
      return async () => {
        await card(text).nth(n).waitFor();
        return card(text).nth(n);
      };
    };
    const nextStart = await next(nl.signal.dangerQuestion);
    await welcomeCards().first().getByRole('button', { name: 'Iets aankaarten', exact: true }).click();
    const start = await nextStart();
    await chooseOption(start.getByRole('combobox'), 'Uitvoeringsorganisatie Bedrijfsvoering Rijk (UBR)');
    const nextForm = await next(nl.signal.formTitle);
    await start.getByRole('button', { name: nl.signal.dangerNo, exact: true }).click();
    const form = await nextForm();
    await chooseOption(form.getByRole('combobox', { name: nl.signal.categoryLabel }), nl.signal.categories.pesten);
    await form.getByRole('radio', { name: nl.signal.wishes['formeel-melden'] }).check();
    const nextReceipt = await next(nl.signal.receiptTitle);
    await form.getByRole('button', { name: nl.signal.submit, exact: true }).click();
    const text = (await (await nextReceipt()).textContent()) ?? '';
    expect(text).toContain(nl.signal.next['formeel-melden']);
    expect(text).toContain('Vertrouwenspersoon ongewenste omgangsvormen UBR');
    expect(text).toContain('Klachtencommissie ongewenste omgangsvormen (KCOO)');
    expect(text).not.toContain('HR-adviseur');
  });

  it('answers an @mention in a team channel with help that fits a channel', async () => {
    await page.getByRole('treeitem', { name: 'My Team - General' }).click();
    await postMentioningBot('help');
    await page.locator('.ac-adaptiveCard', { hasText: nl.channelHelp.title }).last().waitFor();
    await shoot('channel-help');
  });

  it('plans a workshop in the channel "General" by @mentioning the bot, then registers and sees the seat count drop', async () => {
    await postMentioningBot('workshop plannen');
    // The form is the organiser's own view. Teams fetches it by refresh; the Playground does not do
    // user-specific views (it says so under the card), so the organiser opens it with the button.
    await page.getByRole('button', { name: nl.workshop.openForm, exact: true }).first().click();
    const form = page.locator('.ac-adaptiveCard', { hasText: nl.workshop.formIntro }).first();
    await form.waitFor();
    if (SCREENSHOTS) await shoot('workshop-form');
    // The Playground renders Input.Date and Input.Time as Fluent date and time pickers.
    const dateInput = form.locator('input[placeholder="Select a date..."]');
    await dateInput.fill(WORKSHOP_DATE);
    await dateInput.press('Enter');
    const timeInput = form.locator('input[placeholder="Select a time..."]');
    await timeInput.fill('10:00');
    await timeInput.press('Enter');
    // Close any picker that is still open before the next field.
    await page.keyboard.press('Escape');
    await expect(dateInput.inputValue()).resolves.not.toBe('');
    await expect(timeInput.inputValue()).resolves.toBe('10:00');
    // The location is the one text input of at most 200 characters.
    await form.locator('input[maxlength="200"]').fill('https://teams.microsoft.com/l/meetup-join/19%3ameeting_e2e');
    // The audience by its label, not by its place among the comboboxes: the Playground's date and time pickers are
    // comboboxes too, and while one of them is still settling the count is not to be relied on (a CI run failed so).
    // Found as the first combobox after its label's text in the page, not by its accessible name: that name comes
    // from an id the renderer gives, and a CI run found no combobox of that name for 30 s (its form was there).
    await chooseOption(form.getByText(nl.workshop.audienceLabel, { exact: true }).locator('xpath=following::*[@role="combobox"][1]'), nl.workshop.audiences['mt-leidinggevenden']);
    await form.getByRole('button', { name: nl.workshop.plan, exact: true }).click();

    const invitation = page.locator('.ac-adaptiveCard', { hasText: / van 8 vrij/ }).first();
    await invitation.waitFor();
    await expect(invitation.textContent()).resolves.toContain('8 van 8 vrij');
    // The click's answer is the viewer's own card; the outbox then updates the shared card for everyone. Teams
    // refreshes that card into each viewer's own view (`refresh`, for everyone in a conversation of up to 60); the
    // Playground does not refresh cards (it logs "User specific view" as unsupported), so there the shared card
    // replaces the personal one. Every card drawn from the click on is recorded, and the recording is checked.
    const recorded = await recordCardTexts(nl.workshop.myStatus.aangemeld);
    await invitation.getByRole('button', { name: nl.workshop.register, exact: true }).click();
    const text = await recorded();
    expect(text).toContain('7 van 8 vrij');
    expect(text).toContain(nl.workshop.outcomes.aangemeld);
    // The shared card, updated for everyone, names nobody; "Mijn status" brings one's own view back where no
    // refresh does it (the Playground, or a channel of over 60 members), and it stays.
    const shared = page.locator('.ac-adaptiveCard', { hasText: '7 van 8 vrij' }).filter({ hasText: nl.workshop.baseHint }).first();
    await shared.waitFor();
    await shared.getByRole('button', { name: nl.workshop.showMyStatus, exact: true }).click();
    const mine = page.locator('.ac-adaptiveCard', { hasText: nl.workshop.myStatus.aangemeld }).filter({ hasText: '7 van 8 vrij' }).first();
    await mine.waitFor();
    await expect(mine.getByRole('button', { name: nl.workshop.unregister, exact: true }).isVisible()).resolves.toBe(true);
    await shoot('workshop-invitation');
  });

  it('plans a meeting with two rounds in the channel, chooses a session in each, changes one and sees the seats move', async () => {
    const p = nl.programme;
    await page.getByRole('treeitem', { name: 'My Team - General' }).click();
    await postMentioningBot('bijeenkomst plannen');
    const start = page.locator('.ac-adaptiveCard', { hasText: p.planStartText }).last();
    await start.getByRole('button', { name: nl.workshop.openForm, exact: true }).click();
    const form = page.locator('.ac-adaptiveCard', { hasText: p.formIntro }).first();
    await form.waitFor();
    // Text inputs in the form's order: the name and the plenary part, then per session its title and host (120 each).
    const long = form.locator('input[maxlength="120"]');
    await long.nth(0).fill('Netwerkbijeenkomst veilig werk- en meldklimaat');
    // The place is the first text input of at most 200 characters (the mix's roles, at the end, is the other).
    await form.locator('input[maxlength="200"]').first().fill('Utrecht, Jaarbeurs');
    await form.getByText(p.audiences.leidinggevenden, { exact: true }).click();
    await form.getByText(p.audiences.vertrouwenspersonen, { exact: true }).click();
    await long.nth(1).fill('Regietheater');
    const dateInput = form.locator('input[placeholder="Select a date..."]');
    await dateInput.fill(WORKSHOP_DATE);
    await dateInput.press('Enter');
    // Time pickers in order: the plenary part, round 1, round 2.
    const times = form.locator('input[placeholder="Select a time..."]');
    for (const [i, time] of ['13:00', '14:00', '14:15', '15:15', '15:30', '16:30'].entries()) {
      await times.nth(i).fill(time);
      await times.nth(i).press('Enter');
      await page.keyboard.press('Escape');
    }
    await expect(times.nth(5).inputValue()).resolves.toBe('16:30');
    // Round 1: two sessions of 2 and 3 seats; round 2: one. Session s of round r is title 2 + 8(r-1) + 2(s-1).
    await long.nth(2).fill('Eén sociaal loket');
    await long.nth(3).fill('Politie');
    await long.nth(4).fill('Met andere ogen');
    await long.nth(10).fill('Een kijkje in de keuken');
    // Input.Number renders as a spin button.
    const seats = form.getByRole('spinbutton');
    await seats.nth(0).fill('2');
    await seats.nth(1).fill('3');
    await form.getByRole('button', { name: p.plan, exact: true }).click();

    // The outbox then puts the shared invitation in place of the planning card (in the Playground it also replaces the
    // organiser's own view, as for a workshop); "Mijn keuzes" brings one's own view with a list per round.
    const invited = page.locator('.ac-adaptiveCard', { hasText: p.sharedHint }).filter({ hasText: format(p.seatsFree, { left: 2, seats: 2 }) }).last();
    await invited.waitFor();
    await invited.getByRole('button', { name: p.showMine, exact: true }).click();
    const chooser = page.locator('.ac-adaptiveCard', { hasText: p.personalHint }).last();
    await chooser.waitFor();
    await expect(chooser.textContent()).resolves.toContain(format(p.seatsFree, { left: 2, seats: 2 }));
    const listOf = (card: typeof chooser, round: number) => card.getByText(format(p.chooseLabel, { round }), { exact: true }).locator('xpath=following::*[@role="combobox"][1]');
    await chooseOption(listOf(chooser, 1), 'Eén sociaal loket (2 vrij)');
    await chooseOption(listOf(chooser, 2), 'Een kijkje in de keuken (20 vrij)');
    if (SCREENSHOTS) await shoot('programme-choose');
    // As for a workshop: the click's answer is one's own card, then the shared card replaces it in the Playground.
    const chosen = await recordCardTexts(format(p.mySession, { round: 2, title: 'Een kijkje in de keuken' }));
    await chooser.getByRole('button', { name: p.save, exact: true }).click();
    const afterChoice = await chosen();
    expect(afterChoice).toContain(format(p.mySession, { round: 1, title: 'Eén sociaal loket' }));
    expect(afterChoice).toContain(format(p.seatsFree, { left: 1, seats: 2 }));

    // Changing round 1 frees the seat at the loket at once.
    const shared = page.locator('.ac-adaptiveCard', { hasText: p.sharedHint }).filter({ hasText: format(p.seatsFree, { left: 1, seats: 2 }) }).last();
    await shared.waitFor();
    await shared.getByRole('button', { name: p.showMine, exact: true }).click();
    const mine = page.locator('.ac-adaptiveCard', { hasText: p.personalHint }).filter({ hasText: format(p.mySession, { round: 1, title: 'Eén sociaal loket' }) }).last();
    await mine.waitFor();
    await chooseOption(listOf(mine, 1), 'Met andere ogen (3 vrij)');
    const changed = await recordCardTexts(format(p.mySession, { round: 1, title: 'Met andere ogen' }));
    await mine.getByRole('button', { name: p.save, exact: true }).click();
    const afterChange = await changed();
    expect(afterChange).toContain(format(p.seatsFree, { left: 2, seats: 2 }));
    expect(afterChange).toContain(format(p.seatsFree, { left: 2, seats: 3 }));
    expect(afterChange).toContain(format(p.mySession, { round: 2, title: 'Een kijkje in de keuken' }));
    await shoot('programme-invitation');
  });

  it('serves the tab, in Dutch, with working navigation, no script errors and nothing blocked by its CSP', async () => {
    const tab = await page.context().newPage();
    const errors: string[] = [];
    // Failed requests to the internet are expected here (offline); a CSP violation or a script error is not.
    tab.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${run.serviceUrl}/tab/#/planning`);
    await tab.getByRole('heading', { level: 2, name: 'Mijn planning' }).waitFor();
    expect(await tab.locator('html').getAttribute('lang')).toBe('nl');
    expect(await axeViolations(tab)).toEqual([]);

    // Development mode: sign in as a fictional facilitator; the workshop planned above asked them.
    await tab.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    const pending = tab.getByRole('table', { name: 'Openstaande verzoeken' });
    await pending.waitFor();
    expect(await axeViolations(tab)).toEqual([]);
    await pending.getByRole('button', { name: 'Ja, ik begeleid' }).first().click();
    await tab.getByText(/Je antwoord is verwerkt/).waitFor();
    await expect(tab.getByRole('table', { name: 'Komende workshops' }).textContent()).resolves.toMatch(/van 8/);

    await tab.getByRole('tab', { name: 'Doorverwijzen' }).click();
    await tab.getByRole('heading', { level: 2, name: 'Doorverwijzen' }).waitFor();
    expect(tab.url()).toMatch(/#\/doorverwijzen$/);
    await tab.getByRole('searchbox').fill('klokkenluiders');
    await tab.getByRole('heading', { level: 3, name: 'Huis voor Klokkenluiders' }).waitFor();
    expect(await axeViolations(tab)).toEqual([]);

    // Henk now facilitates the workshop the Playground user registered for: he sends them a place.
    await tab.getByRole('button', { name: 'Stuur naar een deelnemer: Huis voor Klokkenluiders' }).click();
    await tab.getByLabel('Huis voor Klokkenluiders sturen aan').selectOption({ index: 1 });
    await tab.getByRole('button', { name: 'Versturen', exact: true }).click();
    await tab.getByRole('status').filter({ hasText: 'Staat klaar' }).waitFor();
    expect(await axeViolations(tab)).toEqual([]);

    // The counsellor of J&V opens the anonymous signal raised above and answers it through the bot.
    /** Development sign-in as another fictional person, on the page `tabName`. */
    const switchTo = async (persona: string, tabName: string) => {
      await tab.getByRole('button', { name: 'Afmelden', exact: true }).click();
      await tab.getByRole('tab', { name: tabName }).click();
      await tab.getByLabel('Persoon').selectOption(persona);
      await tab.getByRole('button', { name: 'Aanmelden', exact: true }).click();
    };
    await switchTo('counsellor', 'Signalen');
    const inbox = tab.getByRole('table', { name: 'Signalen voor jou' });
    await inbox.waitFor();
    await expect(inbox.textContent()).resolves.toContain('Seksuele intimidatie');
    // Not yet reacted to: its term shows, by which day.
    await expect(inbox.getByRole('row', { name: new RegExp(receiptCode) }).textContent()).resolves.toMatch(/Eerste reactie uiterlijk \w{2} \d{1,2} \w{3} \d{4}/);
    if (SCREENSHOTS) await tab.screenshot({ path: path.join(SCREENSHOTS, 'tab-signalen-terms.png') });
    // The code the reporter holds: reporter and counsellor speak of the same one.
    await inbox.getByRole('button', { name: `Openen: ${receiptCode}` }).click();
    await tab.getByRole('heading', { level: 3, name: `${receiptCode}: Seksuele intimidatie` }).waitFor();
    await tab.getByText('Opmerkingen over mijn uiterlijk tijdens het teamoverleg.').waitFor();
    await tab.getByRole('textbox', { name: /Antwoord aan de melder/ }).fill('Dank je voor je signaal. Zullen we morgen om 10 uur bellen?');
    await tab.getByRole('button', { name: 'Verstuur antwoord' }).click();
    await tab.getByText(/Je antwoord staat klaar/).waitFor();
    expect(await axeViolations(tab)).toEqual([]);
    // Then passed on to J&V's integrity desk, with a reason; the reporter hears where it went and why.
    await tab.getByRole('button', { name: 'Doorzetten', exact: true }).click();
    await tab.getByLabel(/Naar welke plek\?/).selectOption({ label: 'Vertrouwenspersoon integriteit' });
    await tab.getByLabel(/Waarom\?/).selectOption({ label: 'Het gaat over integriteit' });
    expect(await axeViolations(tab)).toEqual([]);
    if (SCREENSHOTS) await tab.screenshot({ path: path.join(SCREENSHOTS, 'tab-signalen-handover.png'), fullPage: true });
    await tab.getByRole('button', { name: 'Doorzetten naar deze plek' }).click();
    await tab.getByText(/^Het signaal is doorgezet naar Vertrouwenspersoon integriteit\. De melder krijgt daarover een bericht\.$/).waitFor();

    // The coordinator: the pool with the workshop's duo, and Inzicht, which shows closed periods only.
    await switchTo('coordinator', 'Pool & workshops');
    const poolTable = tab.getByRole('table', { name: 'Workshopbegeleiders' });
    await poolTable.waitFor();
    expect(await poolTable.getByRole('row').count()).toBe(12);
    await expect(tab.getByRole('table', { name: 'Workshops' }).textContent()).resolves.toMatch(/Bevestigd|Gepland/);
    expect(await axeViolations(tab)).toEqual([]);

    // The sociale kaart: add a place; the routing rules are listed beside it.
    await tab.getByRole('tab', { name: 'Sociale kaart' }).click();
    await tab.getByRole('table', { name: 'Routering: welke plekken de bot noemt' }).waitFor();
    await tab.getByRole('button', { name: 'Nieuwe plek' }).click();
    await tab.getByLabel('Organisatie', { exact: true }).selectOption('ubr');
    await tab.getByLabel('Soort plek').selectOption('mediation');
    for (const [label, nlText, enText] of [
      ['Naam', 'Mediationpool UBR', 'UBR mediation pool'],
      ['Wat ze doen', 'Bemiddeling bij een conflict in je team.', 'Mediation in a team conflict.'],
      ['Bereikbaar', 'Werkdagen', 'Working days'],
      ['Vertrouwelijkheid', 'Vertrouwelijk', 'Confidential'],
    ] as const) {
      await tab.getByLabel(`${label} (Nederlands)`).fill(nlText);
      await tab.getByLabel(`${label} (English)`).fill(enText);
    }
    await tab.getByLabel('E-mail', { exact: true }).fill('mediation@ubr.example');
    expect(await axeViolations(tab)).toEqual([]);
    await tab.getByRole('button', { name: 'Opslaan' }).click();
    await tab.getByText(/^Opgeslagen/).waitFor();
    await expect(tab.getByRole('table', { name: 'Plekken', exact: true }).textContent()).resolves.toContain('Mediationpool UBR');

    // Materiaal: a handout added to the library, for facilitators to choose.
    await tab.getByRole('tab', { name: 'Materiaal' }).click();
    await tab.getByRole('button', { name: 'Materiaal toevoegen' }).click();
    const materialForm = tab.getByRole('form', { name: 'Nieuw materiaal' });
    await materialForm.getByRole('textbox', { name: /^Titel/ }).fill('Handout: het gesprek na de film');
    await materialForm.getByRole('combobox', { name: /^Soort/ }).selectOption('handout');
    await materialForm.getByRole('textbox', { name: /^Link/ }).fill('https://www.rijksoverheid.nl/onderwerpen/sociale-veiligheid');
    expect(await axeViolations(tab)).toEqual([]);
    await tab.getByRole('button', { name: 'Opslaan' }).click();
    await tab.getByText(/^Opgeslagen: Handout: het gesprek na de film/).waitFor();
    await expect(tab.getByRole('table', { name: 'Alle materiaal' }).textContent()).resolves.toContain('Handout: het gesprek na de film');
    expect(await axeViolations(tab)).toEqual([]);

    await tab.getByRole('tab', { name: 'Inzicht' }).click();
    // The last closed quarter: the signal raised today is in no published figure yet.
    const byOrganisation = tab.getByRole('table', { name: /^Signalen per organisatie, \de kwartaal \d{4}$/ });
    await byOrganisation.waitFor();
    await tab.getByText(/^Cijfers tonen we per afgesloten maand of kwartaal/).waitFor();
    expect(await axeViolations(tab)).toEqual([]);
    expect(errors).toEqual([]);
    await tab.close();

    // The reporter gets the answer in their personal chat in the Playground, still anonymous.
    await page.getByRole('treeitem', { name: /Personal Chat/ }).click();
    await page.locator('.ac-adaptiveCard', { hasText: 'Zullen we morgen om 10 uur bellen?' }).first().waitFor();
    // And where the signal went, and why; never who passed it on.
    await page.locator('.ac-adaptiveCard', { hasText: `${receiptCode} is doorgezet naar Vertrouwenspersoon integriteit JenV` }).filter({ hasText: 'Reden: Het gaat over integriteit.' }).first().waitFor();
    await shoot('signal-handed-over');
    // And the place Henk sent.
    await page.locator('.ac-adaptiveCard', { hasText: nl.workshop.notices.place }).filter({ hasText: 'Huis voor Klokkenluiders' }).first().waitFor();
  });

  it('renders every page of the tab in light and dark with no axe violations, and measures the time to first render', async () => {
    const timings: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await localContext(browser, { viewport: { width: 1280, height: 860 }, locale: 'nl-NL', colorScheme });
      for (const [persona, pages] of TAB_PAGES_BY_PERSONA) {
        const tab = await signedInTab(context, run.serviceUrl, persona, pages[0]);
        for (const name of pages) {
          // A fresh load each time (the development sign-in stays in this tab's session storage), timed from
          // navigation start: the page's heading drawn, then its data shown.
          const { heading, data } = await openTabPage(tab, run.serviceUrl, name);
          // Teams' light theme is white, its dark theme near-black: the sum of the background's channels.
          const brightness = await tab.evaluate(() => {
            const g = globalThis as any;
            const rgb: string = g.getComputedStyle(g.document.querySelector('.fui-FluentProvider')).backgroundColor;
            return (rgb.match(/\d+/g) ?? []).slice(0, 3).reduce((sum, channel) => sum + Number(channel), 0);
          });
          expect(colorScheme === 'dark' ? (brightness as number) < 150 : brightness === 765).toBe(true);
          expect({ page: name, colorScheme, violations: await axeViolations(tab) }).toEqual({ page: name, colorScheme, violations: [] });
          timings.push(`${name} ${colorScheme}: heading ${Math.round(heading)} ms, data ${Math.round(data)} ms`);
          if (SCREENSHOTS) await tab.screenshot({ path: path.join(SCREENSHOTS, `tab-${name}-${colorScheme}.png`) });
        }
        await tab.close();
      }
      await context.close();
    }
    process.stdout.write(`tab, time to first render in headless Chromium (from navigation start):\n  ${timings.join('\n  ')}\n`);
    // Twelve page loads, each with axe: on a busy 2-core machine that takes more than the file's 120 s.
  }, 300_000);

  it('stops the service and the Playground on SIGTERM', async () => {
    const code = await run.stop('SIGTERM');
    expect(code).toBe(0);
    await expect(fetch(`${run.serviceUrl}/healthz`)).rejects.toThrow();
    await expect(fetch(run.playgroundUrl)).rejects.toThrow();
  });
});
