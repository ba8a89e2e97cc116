import { CANDIDATES, findChromium } from './chromium-launch';

export { findChromium, launchChromium } from './chromium-launch';

/** `describe` when Chromium is here; otherwise `describe.skip` with the reason printed. Never skips in CI. */
export function describeWithChromium(): jest.Describe {
  if (findChromium()) return describe;
  const reason = `no Chromium found (looked at ${CANDIDATES.filter(Boolean).join(', ')}; set CHROMIUM_PATH or apt-get install chromium)`;
  if (process.env.CI === 'true') throw new Error(`CI must run the e2e tests, but ${reason}`);
  process.stdout.write(`e2e tests skipped: ${reason}\n`);
  return describe.skip;
}
