/**
 * Teams' documented limits for bots (Microsoft Learn, "Rate limiting for bots"), and how the delivery
 * engine paces its sends so that every replica together stays under all of them.
 *
 * Per app per tenant: 50 requests per second. Per bot per conversation: 7 per second, 8 per 2 seconds,
 * 60 per 30 seconds, 1,800 per hour.
 *
 * Sends are paced, not burst: evenly spaced sends stay within every sliding window even when one arrives
 * a little late (event-loop or network jitter), where a burst followed by another burst one window later
 * would overlap as soon as the first arrives late.
 */
export const TEAMS_LIMITS = {
  tenantPerSecond: 50,
  conversation: [
    { windowMs: 1_000, max: 7 },
    { windowMs: 2_000, max: 8 },
    { windowMs: 30_000, max: 60 },
    { windowMs: 3_600_000, max: 1_800 },
  ],
} as const;

export interface Pacing {
  /** Milliseconds between two sends in one tenant. */
  tenantSpacingMs: number;
  /** How late a send may leave after its slot. A worker woken later than this takes a new slot instead. */
  lateBudgetMs: number;
  /** Milliseconds between two sends in one conversation. */
  conversationSpacingMs: number;
  /** A conversation's long-run rate, with a burst: a GCRA (generic cell rate algorithm). */
  conversationRateMs: number;
  conversationBurst: number;
}

/**
 * The tenant's sends are planned as close to its limit as the late budget allows. A send may leave up to
 * `lateSends` spacings after its slot (3% of the limit, less one send, at least one: one at Teams' 50 per second).
 * A 1-second window then holds at most floor(1000 / spacing) + 1 planned sends and `lateSends` late ones, so the
 * spacing is the shortest that keeps those within the limit: 1000 / (limit − lateSends), a hair longer. That plans
 * 48.95 sends a second at Teams' 50 (0.979 of it), where a flat 97% planned 48.5 with the same worst case.
 * `tenantPerSecond` is the limit itself (50 in Teams; the benchmark scales it up to keep its run short).
 */
export function pacingFor(tenantPerSecond: number): Pacing {
  const lateSends = Math.max(1, Math.floor(tenantPerSecond * 0.03) - 1);
  const tenantSpacingMs = (1000 / (tenantPerSecond - lateSends)) * 1.001;
  return {
    tenantSpacingMs,
    lateBudgetMs: tenantSpacingMs * lateSends,
    // At most 4 in any second and 7 in any 2 seconds, with room for one late arrival.
    conversationSpacingMs: 300,
    // At most (L + burst·rate) / rate + 1 sends in any L ms: 1,787 an hour and 45 in 30 s.
    conversationRateMs: 2_050,
    conversationBurst: 30,
  };
}

/** The most sends `pacing` can let through in a window of `windowMs`, with sends leaving up to the late budget after their slot. */
export function worstCaseInWindow(pacing: Pacing, windowMs: number, scope: 'tenant' | 'conversation'): number {
  // The late budget is a whole number of spacings; the tolerance keeps a rounding error from counting one more.
  if (scope === 'tenant') return Math.floor(windowMs / pacing.tenantSpacingMs) + 1 + Math.ceil(pacing.lateBudgetMs / pacing.tenantSpacingMs - 1e-9);
  const bySpacing = Math.floor(windowMs / pacing.conversationSpacingMs) + 2;
  const byRate = Math.floor((windowMs + pacing.conversationBurst * pacing.conversationRateMs) / pacing.conversationRateMs) + 1;
  return Math.min(bySpacing, byRate);
}
