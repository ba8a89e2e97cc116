import { pacingFor, TEAMS_LIMITS, worstCaseInWindow } from '../../bot/src/platform/delivery/teams-limits';
import { parseRetryAfter, retryDecision } from '../../bot/src/platform/delivery/retry';

describe('pacing within Teams limits', () => {
  it.each([50, 500])('never lets more through than a window allows, with one late arrival, at a tenant limit of %i per second', (rps) => {
    const pacing = pacingFor(rps);
    expect(worstCaseInWindow(pacing, 1000, 'tenant')).toBeLessThanOrEqual(rps);
    for (const w of TEAMS_LIMITS.conversation) expect(worstCaseInWindow(pacing, w.windowMs, 'conversation')).toBeLessThanOrEqual(w.max);
  });

  it('keeps every tenant window from 1 to 10 seconds within the limit, at any limit from 10 to 1,000 per second', () => {
    for (let rps = 10; rps <= 1000; rps++) {
      const pacing = pacingFor(rps);
      expect(pacing.lateBudgetMs).toBeGreaterThanOrEqual(pacing.tenantSpacingMs);
      for (let seconds = 1; seconds <= 10; seconds++) expect(worstCaseInWindow(pacing, seconds * 1000, 'tenant')).toBeLessThanOrEqual(rps * seconds);
    }
  });

  it('plans at least 97.5% of Teams\' tenant limit (48.75 of 50 a second)', () => {
    expect(1000 / pacingFor(50).tenantSpacingMs / 50).toBeGreaterThanOrEqual(0.975);
  });
});

describe('retry decisions', () => {
  const half = () => 0.5;
  /** `attempts` tries so far (this one included), `throttled` of the earlier ones throttled by Teams. */
  const tries = (attempts: number, throttled = 0) => ({ attempts, throttled });

  it('retries throttling and passing faults with exponential backoff and full jitter', () => {
    expect(retryDecision({ status: 502, name: 'RestError' }, tries(1), 6, half)).toEqual({ retry: true, delayMs: 500, reason: 'http-502' });
    expect(retryDecision({ status: 504, name: 'RestError' }, tries(3), 6, half)).toEqual({ retry: true, delayMs: 2000, reason: 'http-504' });
    expect(retryDecision({ status: 412, name: 'RestError' }, tries(2, 1), 6, () => 1)).toEqual({ retry: true, delayMs: 2000, reason: 'http-412' });
    expect(retryDecision({ name: 'ECONNRESET' }, tries(1), 6, half)).toEqual({ retry: true, delayMs: 500, reason: 'ECONNRESET' });
    // The ceiling stops growing at five minutes.
    expect(retryDecision({ status: 503, name: 'RestError' }, tries(20), 30, () => 1)).toEqual({ retry: true, delayMs: 300_000, reason: 'http-503' });
  });

  it('never retries sooner than Retry-After', () => {
    expect(retryDecision({ status: 429, retryAfterSeconds: 7, name: 'RestError' }, tries(1), 6, half)).toEqual({ retry: true, delayMs: 7000, reason: 'http-429' });
  });

  it('gives up after the last try, and at once on a final status', () => {
    expect(retryDecision({ status: 502, name: 'RestError' }, tries(6), 6, half)).toEqual({ retry: false, reason: 'http-502' });
    expect(retryDecision({ status: 403, name: 'RestError' }, tries(1), 6, half)).toEqual({ retry: false, reason: 'http-403' });
    expect(retryDecision({ status: 404, name: 'RestError' }, tries(1), 6, half)).toEqual({ retry: false, reason: 'http-404' });
  });

  it('does not count throttled tries toward giving up, and has a bound of its own for them', () => {
    // Five 429s, then a 502 as the tenth try: one fault counted of six allowed.
    expect(retryDecision({ status: 502, name: 'RestError' }, tries(10, 5), 6, half)).toMatchObject({ retry: true });
    // The sixth fault, however many throttled tries lie between.
    expect(retryDecision({ status: 502, name: 'RestError' }, tries(26, 20), 6, half)).toEqual({ retry: false, reason: 'http-502' });
    // Throttled again after 58 throttled tries: still tried; after 59, the sixtieth (10 per counted try) ends it.
    expect(retryDecision({ status: 429, retryAfterSeconds: 1, name: 'RestError' }, tries(59, 58), 6, half)).toMatchObject({ retry: true });
    expect(retryDecision({ status: 429, retryAfterSeconds: 1, name: 'RestError' }, tries(60, 59), 6, half)).toEqual({ retry: false, reason: 'http-429' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3);
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:05 GMT', now)).toBe(5);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('999999', now)).toBe(3600);
  });
});
