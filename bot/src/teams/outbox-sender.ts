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

export interface OutboxSenderDependencies {
  adapter: CloudAdapter;
  botAppId: string;
  outbox: OutboxStore;
  followUp: FollowUpService;
  locale: LocaleSetting;
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
    const { outbox, followUp, logger } = this.deps;
    try {
      const delivery = await followUp.forDelivery(message.signalId, message.messageId);
      if (!delivery) {
        await outbox.markFailedAttempt(message, 'no-route', false);
        return false;
      }
      const reference = delivery.reference as Partial<ConversationReference>;
      const t = stringsFor(chooseLocale(this.deps.locale, reference.locale));
      await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
        await sendCard(context, signalAnswerCard(t, message.signalId, delivery.text));
      });
      await outbox.markSent(message);
      logger.info({ event: 'outbox.sent', kind: message.kind, attempts: message.attempts }, 'proactive message sent');
      return true;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const retry = status === undefined || RETRY_STATUSES.has(status);
      await outbox.markFailedAttempt(message, status ? `http-${status}` : (error as Error).name, retry).catch(() => undefined);
      logger.warn({ event: 'outbox.failed', kind: message.kind, status, attempts: message.attempts, retry }, 'proactive message failed');
      return false;
    }
  }
}
