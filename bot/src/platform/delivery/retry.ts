/**
 * What to do after a failed send. Teams' throttling (429, 412) and passing trouble (502, 503, 504, a
 * timeout or a dropped connection) are worth another try; anything else (403: the user blocked the bot,
 * 404: no such conversation) is final.
 */
const RETRYABLE_STATUSES = new Set([412, 429, 502, 503, 504]);
/** Teams asking the bot to slow down: the message is fine, the moment is not. */
const THROTTLING_STATUSES = new Set([412, 429]);
/** Throttled tries allowed per counted try: a bound, so a message is not tried for ever, far above a busy round. */
const THROTTLED_TRIES_PER_TRY = 10;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

export interface SendFailure {
  /** The connector's HTTP status; undefined for a network error or timeout. */
  status?: number;
  /** Seconds from a Retry-After header, when the connector sent one. */
  retryAfterSeconds?: number;
  /** An error name for the record, never a message (it could quote a person). */
  name: string;
}

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/** A message's tries so far, this one included, and how many of the earlier ones Teams throttled. */
export interface Tries {
  attempts: number;
  throttled: number;
}

export function isThrottling(failure: SendFailure): boolean {
  return failure.status !== undefined && THROTTLING_STATUSES.has(failure.status);
}

/**
 * Exponential backoff with full jitter (a random delay up to 1 s, 2 s, 4 s … capped at 5 minutes), never
 * sooner than Retry-After. After `maxAttempts` tries that failed the message is given up with its last reason.
 * Throttling does not use up those tries (a reminder round that meets Teams' limits must not lose messages);
 * it has a bound of its own, ten times as many.
 */
export function retryDecision(failure: SendFailure, tries: Tries, maxAttempts: number, random: () => number = Math.random): RetryDecision {
  const reason = failure.status ? `http-${failure.status}` : failure.name;
  const retryable = failure.status === undefined || RETRYABLE_STATUSES.has(failure.status);
  const throttling = isThrottling(failure);
  const used = throttling ? tries.throttled + 1 : tries.attempts - tries.throttled;
  if (!retryable || used >= (throttling ? maxAttempts * THROTTLED_TRIES_PER_TRY : maxAttempts)) return { retry: false, reason };
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (Math.min(used, 20) - 1));
  const jittered = Math.round(random() * ceiling);
  const floor = (failure.retryAfterSeconds ?? 0) * 1000;
  return { retry: true, delayMs: Math.max(jittered, floor), reason };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(Number(trimmed), 3600);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, (at - now.getTime()) / 1000), 3600);
}
