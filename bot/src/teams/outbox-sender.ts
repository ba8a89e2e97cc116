import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { signalAnswerCard } from '../cards/signal-cards';
import type { FollowUpService } from '../domain/signals/follow-up';
import { chooseLocale, type LocaleSetting, stringsFor } from '../i18n/locale';
import type { Logger } from '../logging/logger';
import { type DueMessage, OutboxStore } from '../storage/outbox-store';
import { sendCard } from './send-card';

/** Statuses worth another try (Teams' throttling and passing server trouble); 403 means blocked: never retry. */
const RETRY_STATUSES = new Set([412, 429, 502, 503, 504]);
const BATCH = 20;

/**
 * Sends one kind of outbox message; throws with the connector's `statusCode` when sending fails.
 * 'obsolete': no longer worth sending (a reminder for a workshop that was cancelled or has started).
 */
export interface Deliverer<M extends DueMessage = DueMessage> {
  deliver(message: M): Promise<'sent' | 'no-route' | 'obsolete'>;
}

export interface OutboxSenderDependencies {
  outbox: OutboxStore;
  deliverers: { [K in DueMessage['kind']]: Deliverer<Extract<DueMessage, { kind: K }>> };
  logger: Logger;
  pollMs: number;
}

/**
 * Sends what the outbox holds, proactively, through the Bot Connector. Rows are claimed in the
 * database, so replicas share the work. (Rate limiting per tenant and conversation comes with the
 * delivery engine; until then a batch is small and sent one by one.)
 */
export class OutboxSender {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly deps: OutboxSenderDependencies) {}

  start(): void {
    this.timer = setInterval(() => {
      // A slow round is not queued behind: the next interval after it finishes takes the rest.
      if (this.running) return;
      this.running = this.tick()
        .catch(() => undefined)
        .finally(() => (this.running = undefined));
    }, this.deps.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: claim due messages and send them. Returns how many were sent. */
  async tick(): Promise<number> {
    const due = await this.deps.outbox.claimDue(BATCH);
    let sent = 0;
    for (const message of due) if (await this.deliver(message)) sent++;
    return sent;
  }

  private async deliver(message: DueMessage): Promise<boolean> {
    const { outbox, logger } = this.deps;
    try {
      if (!(await outbox.renewClaim(message))) return false;
      const deliverer = this.deps.deliverers[message.kind] as Deliverer;
      const result = await deliverer.deliver(message);
      if (result === 'no-route') {
        await outbox.markFailedAttempt(message, 'no-route', false);
        return false;
      }
      await outbox.markSent(message);
      logger.info({ event: result === 'sent' ? 'outbox.sent' : 'outbox.obsolete', kind: message.kind, attempts: message.attempts }, 'proactive message settled');
      return result === 'sent';
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const retry = status === undefined || RETRY_STATUSES.has(status);
      await outbox.markFailedAttempt(message, status ? `http-${status}` : (error as Error).name, retry).catch(() => undefined);
      logger.warn({ event: 'outbox.failed', kind: message.kind, status, attempts: message.attempts, retry }, 'proactive message failed');
      return false;
    }
  }
}

/** An answer of a handler, opened from its sealed route only to send it. */
export class SignalAnswerDeliverer implements Deliverer<Extract<DueMessage, { kind: 'signal-answer' }>> {
  constructor(
    private readonly deps: { adapter: CloudAdapter; botAppId: string; followUp: FollowUpService; locale: LocaleSetting },
  ) {}

  async deliver(message: Extract<DueMessage, { kind: 'signal-answer' }>): Promise<'sent' | 'no-route' | 'obsolete'> {
    const delivery = await this.deps.followUp.forDelivery(message.signalId, message.messageId);
    if (!delivery) return 'no-route';
    const reference = delivery.reference as Partial<ConversationReference>;
    const t = stringsFor(chooseLocale(this.deps.locale, reference.locale));
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      await sendCard(context, signalAnswerCard(t, message.signalId, delivery.text));
    });
    return 'sent';
  }
}
