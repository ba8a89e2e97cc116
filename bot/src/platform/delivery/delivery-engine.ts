import type { Logger } from '../logging/logger';
import type { DueMessage, OutboxStore } from './outbox-store';
import type { ServiceMetrics } from '../telemetry/service-metrics';
import { Pacer, SendDeferred } from './pacer';
import { isThrottling, retryDecision } from './retry';
import { sendFailureOf } from './send-failure';

/**
 * Handed to a deliverer for one message: it calls `beforeSend` right before every request to the Bot
 * Connector, with the tenant and the conversation (or, to open a 1:1 chat, the person) it goes to.
 */
export interface SendGate {
  beforeSend(tenantId: string | undefined, conversationKey: string): Promise<void>;
}

/**
 * Sends one kind of outbox message through the gate; throws the connector's error when sending fails.
 * 'obsolete': no longer worth sending (a reminder for a workshop that was cancelled or has started).
 * 'no-route': nobody to send it to.
 */
export interface Deliverer<M extends DueMessage = DueMessage> {
  deliver(message: M, gate: SendGate): Promise<'sent' | 'no-route' | 'obsolete'>;
}

export interface DeliveryEngineOptions {
  outbox: OutboxStore;
  pacer: Pacer;
  deliverers: { [K in DueMessage['kind']]: Deliverer<Extract<DueMessage, { kind: K }>> };
  logger: Logger;
  /** Counts how each attempt ended, for the operators. */
  metrics: ServiceMetrics;
  /** How often to look for due messages when the queue was empty. */
  pollMs: number;
  /** Messages in flight at once in this process. */
  concurrency: number;
  /** Tries before a message is marked failed. */
  maxAttempts: number;
  /**
   * A request to the connector that takes longer counts as failed (and is tried again, in doubt). Only the
   * request is timed, from its send slot on: the claim is held by renewing it meanwhile.
   */
  sendTimeoutMs: number;
  /**
   * How long a claim holds unless renewed (DELIVERY_CLAIM_LEASE_SECONDS): this process renews its claims four
   * times per lease, so only a claim of a process that died (or lost the database) goes to another replica.
   */
  claimLeaseMs: number;
}

/** The claim was taken over by another replica (this one was too slow): leave the message to it. */
class ClaimLost extends Error {
  override readonly name = 'ClaimLost';
}

class SendTimeout extends Error {
  override readonly name = 'SendTimeout';
}

/**
 * The delivery engine: workers in every replica claim due outbox messages in the database (FOR UPDATE
 * SKIP LOCKED), wait for a send slot that keeps Teams' limits across replicas, send, and record the
 * result. Throttling and passing faults are retried with backoff and jitter, never sooner than
 * Retry-After; after `maxAttempts` the message is marked failed with its reason.
 */
export class DeliveryEngine {
  private stopped = true;
  /** The sends under way: their number is how many workers are busy. */
  private readonly inFlight = new Set<Promise<void>>();
  /** The claims being sent, each with the moment (a little before) its lease runs out unless renewed again. */
  private readonly held = new Map<DueMessage, number>();
  private heartbeat?: NodeJS.Timeout;
  private renewing = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(private readonly o: DeliveryEngineOptions) {}

  start(): void {
    this.stopped = false;
    this.heartbeat = setInterval(() => void this.renew(), this.o.claimLeaseMs / 4);
    this.heartbeat.unref();
    this.loop = this.run();
  }

  /** Stops claiming, and waits for the messages in flight to be settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    clearInterval(this.heartbeat);
  }

  /** Starts the lease of every claim being sent again: this process is alive and still sending them. */
  private async renew(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    const at = Date.now();
    const claims = [...this.held.keys()];
    try {
      await this.o.outbox.renewClaims(claims);
      for (const claim of claims) if (this.held.has(claim)) this.held.set(claim, at + this.o.claimLeaseMs * CLAIM_MARGIN);
    } catch (error) {
      this.o.logger.warn({ event: 'delivery.renew-failed', error: (error as Error).name }, 'could not renew the claims being sent; trying again soon');
    } finally {
      this.renewing = false;
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const free = this.o.concurrency - this.inFlight.size;
      let claimed: DueMessage[] = [];
      const claimedAt = Date.now();
      if (free > 0) {
        claimed = await this.o.outbox.claimDue(free, [...this.held.keys()]).catch((error: Error) => {
          this.o.logger.warn({ event: 'delivery.claim-failed', error: error.name }, 'could not claim messages; trying again soon');
          return [];
        });
      }
      for (const message of claimed) {
        this.held.set(message, claimedAt + this.o.claimLeaseMs * CLAIM_MARGIN);
        const work = this.send(message).finally(() => {
          this.held.delete(message);
          this.inFlight.delete(work);
          this.wake?.();
        });
        this.inFlight.add(work);
      }
      // Empty queue: wait for the next poll. Busy: claim again once a quarter of the workers are free, so a
      // claim (one query) serves several messages.
      if (claimed.length < free) await this.pause(this.o.pollMs);
      else await this.untilFree(Math.max(1, Math.floor(this.o.concurrency / 4)));
    }
    await Promise.all(this.inFlight);
  }

  private async untilFree(workers: number): Promise<void> {
    while (!this.stopped && this.o.concurrency - this.inFlight.size < workers) await this.pause(60_000);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /**
   * Records how a send ended. The send is over: a database that fails to take the record must not make it count
   * as a failed send, which would send the message again, so the record is tried again for as long as the claim
   * holds (nobody else sends it meanwhile; the record is fenced by the attempt). Still not written by then (the
   * database stays away, so the claim is not renewed either, or the engine stops), the claim lapses and the
   * message is sent again, in doubt, as after a crash.
   */
  private async record(message: DueMessage, write: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        return await write();
      } catch (error) {
        if (Date.now() + RECORD_PAUSE_MS >= (this.held.get(message) ?? 0) || this.stopped) {
          this.o.logger.warn({ event: 'delivery.unrecorded', kind: message.kind, error: (error as Error).name }, 'the end of a send was not recorded: the message will be tried again');
          return;
        }
        await new Promise((r) => setTimeout(r, RECORD_PAUSE_MS));
      }
    }
  }

  private async send(message: DueMessage): Promise<void> {
    const { outbox, logger, metrics } = this.o;
    let conversation: string | undefined;
    // The request under way is timed from its send slot on (not the database round trips and the wait before it,
    // which a busy machine stretches): a request that times out has left, and may reach Teams all the same.
    let requestTimer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let timeOut!: (error: SendTimeout) => void;
    const timeout = new Promise<never>((_, reject) => (timeOut = reject));
    const gate: SendGate = {
      beforeSend: async (tenantId, conversationKey) => {
        clearTimeout(requestTimer);
        // A worker past its timeout has been settled as failed (and will be tried again): it must not send now.
        if (timedOut) throw new ClaimLost();
        conversation = conversationKey;
        // Marked before the wait for a slot, so nothing but the request itself follows the slot: a database
        // round trip after it would let sends bunch up. A row marked this way counts as in doubt a little early.
        const markedAt = Date.now();
        if (!(await outbox.markSending(message))) throw new ClaimLost();
        this.held.set(message, markedAt + this.o.claimLeaseMs * CLAIM_MARGIN);
        await this.o.pacer.beforeSend(tenantId, conversationKey);
        requestTimer = setTimeout(() => {
          timedOut = true;
          timeOut(new SendTimeout('timeout'));
        }, this.o.sendTimeoutMs);
      },
    };
    try {
      const deliverer = this.o.deliverers[message.kind] as Deliverer;
      const result = await Promise.race([deliverer.deliver(message, gate), timeout]).finally(() => clearTimeout(requestTimer));
      if (result === 'no-route') {
        await this.record(message, () => outbox.markFailedAttempt(message, 'no-route'));
        metrics.delivery(message.kind, 'no-route');
        logger.warn({ event: 'delivery.no-route', kind: message.kind }, 'proactive message has nobody to go to');
        return;
      }
      await this.record(message, () => outbox.markSent(message));
      metrics.delivery(message.kind, result);
      logger.debug({ event: result === 'sent' ? 'delivery.sent' : 'delivery.obsolete', kind: message.kind, attempts: message.attempts }, 'proactive message settled');
    } catch (error) {
      if (error instanceof ClaimLost) return;
      if (error instanceof SendDeferred) {
        await outbox.defer(message, error.delayMs).catch(() => undefined);
        metrics.delivery(message.kind, 'deferred');
        return;
      }
      const failure = sendFailureOf(error);
      const decision = retryDecision(failure, message, this.o.maxAttempts);
      if (failure.status === 429 && conversation) await this.o.pacer.holdOff(conversation, (failure.retryAfterSeconds ?? 1) * 1000).catch(() => undefined);
      const inDoubt = error instanceof SendTimeout;
      await outbox.markFailedAttempt(message, decision.reason, decision.retry ? decision.delayMs : undefined, isThrottling(failure), inDoubt).catch(() => undefined);
      metrics.delivery(message.kind, decision.retry ? 'retry' : 'failed');
      logger.warn(
        { event: decision.retry ? 'delivery.retry' : 'delivery.failed', kind: message.kind, status: failure.status, reason: decision.reason, attempts: message.attempts },
        decision.retry ? 'proactive message will be tried again' : 'proactive message given up',
      );
    }
  }
}

/** Writing down how a send ended: the pause between tries, and the share of the lease the tries may use. */
const RECORD_PAUSE_MS = 1_000;
const CLAIM_MARGIN = 0.9;
