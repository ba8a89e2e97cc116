import { type BatchObservableCallback, type Counter, type Histogram, type Meter, metrics } from '@opentelemetry/api';

/** Activity types counted by name; any other counts as "other", so no attribute takes a value from outside. */
const TURN_KINDS = new Set(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction']);

export type TurnOutcome = 'ok' | 'failed';

/** How one attempt at an outbox message ended. */
export type DeliveryOutcome = 'sent' | 'obsolete' | 'no-route' | 'deferred' | 'retry' | 'failed';

/** The outbox at one moment, counted in the database (so every replica reports the same figures). */
export interface DeliveryBacklog {
  /** Due and not yet claimed. */
  due: number;
  /** Waiting for their moment: a retry's backoff, or a conversation's next slot. */
  waiting: number;
  /** Claimed by a replica and being sent. */
  sending: number;
  /** Given up after the last try (kept a week with the reason). */
  failed: number;
  /** How long the longest-due message has waited past its moment; 0 when none is due. */
  oldestDueSeconds: number;
}

/**
 * The service's own metrics for operators: counts and durations with a few fixed attribute values, never an
 * identity, a conversation, a category of a signal or any text. They go to the global OpenTelemetry meter,
 * a no-op unless telemetry.ts started the SDK first; then recording costs next to nothing and the backlog is
 * never queried.
 */
export class ServiceMetrics {
  private readonly turns: Counter;
  private readonly turnDuration: Histogram;
  private readonly sends: Counter;
  private readonly refusals: Counter;

  constructor(private readonly meter: Meter = metrics.getMeter('sociaal-veilig')) {
    this.turns = meter.createCounter('sociaalveilig.turns', { description: 'Bot turns, by activity type and outcome', unit: '{turn}' });
    this.turnDuration = meter.createHistogram('sociaalveilig.turn.duration', { description: 'Time from a turn\'s start to its end', unit: 'ms' });
    this.sends = meter.createCounter('sociaalveilig.delivery.attempts', { description: 'Attempts at proactive messages, by kind and outcome', unit: '{attempt}' });
    this.refusals = meter.createCounter('sociaalveilig.rate_limit.refusals', { description: 'Attempts refused by a rate limit, by limit', unit: '{refusal}' });
  }

  /** A turn ended: "failed" when it reached the adapter's error handler. */
  turn(activityType: string | undefined, outcome: TurnOutcome, ms: number): void {
    const kind = activityType && TURN_KINDS.has(activityType) ? activityType : 'other';
    this.turns.add(1, { 'turn.kind': kind, 'turn.outcome': outcome });
    this.turnDuration.record(ms, { 'turn.kind': kind });
  }

  delivery(kind: string, outcome: DeliveryOutcome): void {
    this.sends.add(1, { 'delivery.kind': kind, 'delivery.outcome': outcome });
  }

  /** `scope` is a limit's fixed name ("case-code-lookup"), never its subject. */
  rateLimitRefused(scope: string): void {
    this.refusals.add(1, { 'rate_limit.scope': scope });
  }

  /**
   * Reports the outbox backlog at every collection (once a minute by default). Returns what stops it,
   * to be called before the database closes. A failed read reports nothing that time.
   */
  observeBacklog(read: () => Promise<DeliveryBacklog>): () => void {
    const backlog = this.meter.createObservableGauge('sociaalveilig.delivery.backlog', { description: 'Proactive messages in the outbox, by state', unit: '{message}' });
    const oldest = this.meter.createObservableGauge('sociaalveilig.delivery.oldest_due_age', { description: 'How long the longest-due proactive message has waited', unit: 's' });
    const observe: BatchObservableCallback = async (result) => {
      const b = await read().catch(() => undefined);
      if (!b) return;
      for (const state of ['due', 'waiting', 'sending', 'failed'] as const) result.observe(backlog, b[state], { 'delivery.state': state });
      result.observe(oldest, b.oldestDueSeconds);
    };
    this.meter.addBatchObservableCallback(observe, [backlog, oldest]);
    return () => this.meter.removeBatchObservableCallback(observe, [backlog, oldest]);
  }
}
