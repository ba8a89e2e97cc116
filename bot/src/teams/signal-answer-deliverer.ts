import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { signalAnswerCard } from '../cards/signal-cards';
import type { Deliverer, SendGate } from '../delivery/delivery-engine';
import type { FollowUpService } from '../domain/signals/follow-up';
import { chooseLocale, type LocaleSetting, stringsFor } from '../i18n/locale';
import type { DueMessage } from '../storage/outbox-store';
import { sendCard } from './send-card';

/** An answer of a handler, opened from its sealed route only to send it. */
export class SignalAnswerDeliverer implements Deliverer<Extract<DueMessage, { kind: 'signal-answer' }>> {
  constructor(private readonly deps: { adapter: CloudAdapter; botAppId: string; followUp: FollowUpService; locale: LocaleSetting }) {}

  async deliver(message: Extract<DueMessage, { kind: 'signal-answer' }>, gate: SendGate): Promise<'sent' | 'no-route' | 'obsolete'> {
    const delivery = await this.deps.followUp.forDelivery(message.signalId, message.messageId);
    if (!delivery) return 'no-route';
    const reference = delivery.reference as Partial<ConversationReference>;
    const t = stringsFor(chooseLocale(this.deps.locale, reference.locale));
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      await gate.beforeSend(reference.conversation?.tenantId, reference.conversation?.id ?? '');
      await sendCard(context, signalAnswerCard(t, message.signalId, delivery.text));
    });
    return 'sent';
  }
}
