import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

// Functions passed to the page are run there: they use `globalThis` because the tests compile without DOM types,
// and are functions, not strings, because the tab's CSP forbids eval.

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now: the violations, by rule id and count. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the tab's CSP (rightly) refuses an injected script tag.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // A string, so the test needs no DOM types: it runs in the page. Fluent UI's focus manager (tabster) adds
  // invisible focus sentinels that pass focus straight on; axe counts them as focusable hidden elements, so they
  // are left out, and nothing else is.
  const result = (await page.evaluate(
    `axe.run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  )) as { violations: Array<{ id: string; nodes: Array<{ html: string }> }> };
  return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.map((n) => n.html.slice(0, 160)).join(' | ')}`);
}

/** Every page of the tab, by the fictional person of the development sign-in who sees it. */
export const TAB_PAGES_BY_PERSONA = [
  ['facilitator', ['planning', 'doorverwijzen']],
  ['counsellor', ['signalen']],
  ['coordinator', ['pool', 'kaart', 'materiaal', 'inzicht', 'netwerk']],
  ['network', ['netwerk']],
] as const;

/** A browser context that reaches this machine only: the machine is offline, so the rest is refused at once. */
export async function localContext(browser: Browser, options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.route((url) => !['localhost', '127.0.0.1'].includes(url.hostname), (route) => route.abort());
  return context;
}

/** A new page of the tab, signed in with the development sign-in as `persona`; it stays signed in for this page. */
export async function signedInTab(context: BrowserContext, serviceUrl: string, persona: string, page: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(`${serviceUrl}/tab/#/${page}`);
  await tab.getByLabel('Persoon').selectOption(persona);
  await tab.getByRole('button', { name: 'Aanmelden', exact: true }).click();
  await tab.getByRole('button', { name: 'Afmelden', exact: true }).waitFor();
  return tab;
}

/**
 * Loads a page of the tab afresh and waits until its data shows (no "Laden…" left). Returns the times from
 * navigation start to its heading and to its data.
 */
export async function openTabPage(tab: Page, serviceUrl: string, name: string): Promise<{ heading: number; data: number }> {
  await tab.goto('about:blank');
  await tab.goto(`${serviceUrl}/tab/#/${name}`);
  const heading = (await tab
    .waitForFunction(() => {
      const g = globalThis as any;
      return g.document.querySelector('h2#page-heading') ? g.performance.now() : 0;
    }, undefined, { polling: 'raf' })
    .then((h) => h.jsonValue())) as number;
  const data = (await tab
    .waitForFunction(() => {
      const g = globalThis as any;
      return g.document.querySelector('main table, main li') && !g.document.body.innerText.includes('Laden…') ? g.performance.now() : 0;
    }, undefined, { polling: 'raf' })
    .then((h) => h.jsonValue())
    .catch(async (e) => {
      throw new Error(`${name}: ${await tab.evaluate(() => (globalThis as any).document.body.innerText)} ${e}`);
    })) as number;
  return { heading, data };
}

/**
 * What runs out of its place on the page as drawn now: the page wider than the window (then it scrolls
 * sideways), and every table cell or chart line part whose text reaches outside its own box (into the next one).
 */
export async function overflows(tab: Page): Promise<string[]> {
  return tab.evaluate(() => {
    const g = globalThis as any;
    const doc = g.document;
    const problems: string[] = [];
    const root = doc.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      // Named by the innermost element that reaches past the window's edge, so the message says what to fix.
      const past = Array.from(doc.body.querySelectorAll('*') as ArrayLike<any>).filter((e) => e.getBoundingClientRect().right > root.clientWidth + 0.5);
      const innermost = past.filter((e) => !past.some((other) => other !== e && e.contains(other)));
      const names = innermost.slice(0, 3).map((e) => `<${e.tagName.toLowerCase()}> "${String(e.textContent).trim().slice(0, 30)}"`);
      problems.push(`the page is ${root.scrollWidth} px wide in a window of ${root.clientWidth} px: ${names.join(', ')}`);
    }
    for (const box of doc.querySelectorAll('main th, main td, main figure > * > *')) {
      const cell = box.getBoundingClientRect();
      const text = String(box.textContent).trim().slice(0, 50);
      // Each piece of text drawn in the box (words for screen readers only, in a clipped 1 px box, are not drawn).
      const walker = doc.createTreeWalker(box, 4 /* NodeFilter.SHOW_TEXT */);
      let worst = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement.getBoundingClientRect();
        if (parent.width <= 1 && parent.height <= 1) continue;
        const range = doc.createRange();
        range.selectNodeContents(node);
        for (const line of range.getClientRects()) {
          if (line.width > 0) worst = Math.max(worst, cell.left - line.left, line.right - cell.right, cell.top - line.top, line.bottom - cell.bottom);
        }
      }
      // Half a pixel either way is rounding.
      if (worst > 0.5) problems.push(`"${text}" runs ${Math.round(worst)} px out of its ${box.tagName.toLowerCase()}`);
      if (box.scrollWidth > box.clientWidth + 1 && box.clientWidth > 0) problems.push(`"${text}" is ${box.scrollWidth} px wide in a ${box.tagName.toLowerCase()} of ${box.clientWidth} px`);
    }
    return problems;
  });
}
