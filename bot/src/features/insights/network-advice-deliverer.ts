import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { renderCard } from '../../platform/cards/render';
import type { Deliverer, SendGate } from '../../platform/delivery/delivery-engine';
import type { DueMessage } from '../../platform/delivery/outbox-store';
import { chooseLocale, format, type LocaleSetting } from '../../platform/i18n/locale';
import type { Installations } from '../../platform/teams/installations';
import { sendCard } from '../../platform/teams/send-card';
import type { DatabaseNetworkStore } from './network-store';
import { insightsStrings } from './strings';
import adviceTemplate from './templates/network-advice.json';

type NetworkAdviceMessage = Extract<DueMessage, { kind: 'network-advice' }>;

/** A Teams link to the tab's Cijfers netwerk: the app's first personal tab, opened at that page (subEntityId). */
export function networkFiguresLink(teamsAppId: string): string {
  return `https://teams.microsoft.com/l/entity/${teamsAppId}/planning?context=${encodeURIComponent(JSON.stringify({ subEntityId: 'netwerk' }))}`;
}

/**
 * The network coordinator's card of a rise (seed 003): the organisation, the topic, the two quarters' counts as
 * Inzicht publishes them, and where to look further. Sent only while the person is still kept for that organisation.
 */
export class NetworkAdviceDeliverer implements Deliverer<NetworkAdviceMessage> {
  constructor(
    private readonly deps: {
      adapter: CloudAdapter;
      botAppId: string;
      store: Pick<DatabaseNetworkStore, 'advice' | 'isKeptFor'>;
      installations: Pick<Installations, 'personalReference'>;
      locale: LocaleSetting;
      teamsAppId?: string;
    },
  ) {}

  async deliver(message: NetworkAdviceMessage, gate: SendGate): Promise<'sent' | 'no-route' | 'obsolete'> {
    const advice = await this.deps.store.advice(message.notice);
    if (!advice || !(await this.deps.store.isKeptFor(message.recipient.aadObjectId, advice.scope))) return 'obsolete';
    const reference = (await this.deps.installations.personalReference(message.recipient.aadObjectId)) as Partial<ConversationReference> | undefined;
    // Someone who never opened a chat with the bot: the tab shows the same figures.
    if (!reference) return 'no-route';
    const locale = chooseLocale(this.deps.locale, reference.locale);
    const t = insightsStrings[locale];
    const topic = t.signal.categories[advice.category as keyof typeof t.signal.categories] ?? advice.category;
    const organisation = advice.organisationName[locale];
    const quarter = (key: string) => format(t.advice.quarter, { quarter: key.slice(-1), year: key.slice(0, 4) });
    const factor = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(advice.now / advice.before);
    const card = renderCard(adviceTemplate, {
      title: format(t.advice.title, { topic }),
      text: format(t.advice.text, { organisation, factor, topic }),
      invite: t.advice.invite,
      organisationLabel: t.advice.organisation,
      organisation,
      topicLabel: t.advice.topic,
      topic,
      previousQuarter: quarter(advice.previousQuarter),
      before: String(advice.before),
      quarter: quarter(advice.quarter),
      now: String(advice.now),
      where: t.advice.where,
      openLabel: t.advice.open,
      link: this.deps.teamsAppId ? networkFiguresLink(this.deps.teamsAppId) : '',
      menuLabel: t.menu,
    });
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      await gate.beforeSend(reference.conversation?.tenantId, context.activity.conversation.id);
      await sendCard(context, card);
    });
    return 'sent';
  }
}
