import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to drive, or undefined (then e2e tests skip, except under CI where that is a failure). */
export function findChromium(): string | undefined {
  return CANDIDATES.find((p): p is string => Boolean(p && existsSync(p)));
}

/** `describe` when Chromium is here; otherwise `describe.skip` with the reason printed. Never skips in CI. */
export function describeWithChromium(): jest.Describe {
  if (findChromium()) return describe;
  const reason = `no Chromium found (looked at ${CANDIDATES.filter(Boolean).join(', ')}; set CHROMIUM_PATH or apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`CI must run the e2e tests, but ${reason}`);
  process.stdout.write(`e2e tests skipped: ${reason}\n`);
  return describe.skip;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    // The machine is offline: without these, Chromium keeps trying to reach Google's services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
