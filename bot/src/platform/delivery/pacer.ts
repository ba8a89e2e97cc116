import type { DeliveryPaceStore } from './delivery-pace-store';
import type { Pacing } from './teams-limits';

/** The conversation cannot take a message for a while: the message goes back to the queue until then. */
export class SendDeferred extends Error {
  override readonly name = 'SendDeferred';
  constructor(readonly delayMs: number) {
    super('deferred');
  }
}

/** Longest a worker waits for one conversation before giving its message back to the queue. */
const MAX_CONVERSATION_WAIT_MS = 5_000;

/**
 * A process's first requests to the connector are slow (new connections, code not yet compiled), so they
 * may reach Teams late and bunch up with the sends after them. Each of the first ten takes two spacings
 * (measured: three for the first twenty gave a clean round of 5,000 0.945 of the limit, this 0.958, both with
 * three 429s).
 */
const WARM_UP_SENDS = 10;
const WARM_UP_WEIGHT = 2;

export interface PacerDependencies {
  store: DeliveryPaceStore;
  /** A keyed hash of an id: the pace table never holds a Teams id. */
  pseudonym: (subject: string) => Buffer;
  pacing: Pacing;
}

/**
 * Waits, before each request to the Bot Connector, for a send slot that keeps the tenant and the
 * conversation within Teams' limits, shared by every replica through the database.
 */
export class Pacer {
  private sends = 0;

  constructor(private readonly deps: PacerDependencies) {}

  async beforeSend(tenantId: string | undefined, conversationKey: string): Promise<void> {
    const tenant = this.deps.pseudonym(`tenant:${tenantId ?? 'unknown'}`);
    const conversation = this.deps.pseudonym(`conversation:${conversationKey}`);
    let waited = 0;
    for (;;) {
      const weight = this.sends < WARM_UP_SENDS ? WARM_UP_WEIGHT : 1;
      const reservation = await this.deps.store.reserve(tenant, conversation, this.deps.pacing, weight);
      if ('waitMs' in reservation) {
        this.sends++;
        const wake = performance.now() + reservation.waitMs;
        if (reservation.waitMs > 0) await sleep(reservation.waitMs);
        // Woken later than the budget allows (a stalled event loop): the slot may now crowd the next ones,
        // so take a new one instead.
        if (performance.now() - wake <= this.deps.pacing.lateBudgetMs) return;
        continue;
      }
      if (waited + reservation.laterMs > MAX_CONVERSATION_WAIT_MS) throw new SendDeferred(reservation.laterMs);
      waited += reservation.laterMs;
      await sleep(reservation.laterMs);
    }
  }

  /** Teams said 429 for this conversation: every replica holds off it for Retry-After. */
  holdOff(conversationKey: string, ms: number): Promise<void> {
    return this.deps.store.holdOff(this.deps.pseudonym(`conversation:${conversationKey}`), ms);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
