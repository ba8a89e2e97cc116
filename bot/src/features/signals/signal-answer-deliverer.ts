import { randomUUID } from 'node:crypto';
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { signalAnswerCard, signalNoticeCard, signalReferredCard } from './signal-cards';
import type { Deliverer, SendGate } from '../../platform/delivery/delivery-engine';
import { placeFor, type SocialeKaartRepository } from '../kaart';
import type { FollowUpService } from './follow-up';
import { type ReferralRole, RIJK } from '../../shared/signal-vocabulary';
import { chooseLocale, type LocaleSetting } from '../../platform/i18n/locale';
import type { SignalCardTokens } from './signal-card-tokens';
import type { DueMessage } from '../../platform/delivery/outbox-store';
import { sendCard } from '../../platform/teams/send-card';
import { signalStrings } from './strings';

/** An answer of a handler, or the notice that a signal was closed or reopened, sent through the sealed route. */
export class SignalAnswerDeliverer implements Deliverer<Extract<DueMessage, { kind: 'signal-answer' }>> {
  constructor(
    private readonly deps: {
      adapter: CloudAdapter;
      botAppId: string;
      followUp: FollowUpService;
      tokens: SignalCardTokens;
      kaart: Pick<SocialeKaartRepository, 'referrals'>;
      locale: LocaleSetting;
    },
  ) {}

  async deliver(message: Extract<DueMessage, { kind: 'signal-answer' }>, gate: SendGate): Promise<'sent' | 'no-route' | 'obsolete'> {
    const delivery = await this.deps.followUp.forDelivery(message.signalId, message.messageId);
    if (!delivery) return 'no-route';
    const reference = delivery.reference as Partial<ConversationReference>;
    const locale = chooseLocale(this.deps.locale, reference.locale);
    const t = signalStrings[locale];
    // The answer says who answers: the place the signal went to ("Vertrouwenspersoon BZK schrijft:").
    const place = delivery.place && placeFor(await this.deps.kaart.referrals(), delivery.place.organisation, delivery.place.role as ReferralRole)?.name[locale];
    const conversationId = reference.conversation?.id ?? '';
    // Paced under the signal, not the chat: a send slot keyed by the chat would let whoever reads the pace table
    // match a counsellor's answers to the chat (and person) they went to, over time. Answers are written by hand,
    // far below a chat's limit even beside other messages to it.
    const replyFormId = randomUUID();
    const reply = { replyFormId, replyToken: this.deps.tokens.reply(message.signalId, conversationId, replyFormId) };
    const referredTo = message.notice?.startsWith('verwezen:') ? (message.notice.slice('verwezen:'.length) as ReferralRole) : undefined;
    const card = referredTo
      ? signalReferredCard(t, locale, delivery.caseCode, placeFor(await this.deps.kaart.referrals(), delivery.place?.organisation ?? RIJK, referredTo))
      : message.notice !== null
        ? signalNoticeCard(t, message.notice, delivery.caseCode, place ?? undefined)
        : signalAnswerCard(t, { signalId: message.signalId, caseCode: delivery.caseCode, ...reply }, delivery.text ?? '', place ?? undefined);
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      await gate.beforeSend(reference.conversation?.tenantId, `signal:${message.signalId}`);
      await sendCard(context, card);
    });
    return 'sent';
  }
}
