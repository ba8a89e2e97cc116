import { ActivityTypes, CardFactory, type CloudAdapter, type ConversationParameters, type ConversationReference, type TurnContext } from 'botbuilder';
import { placesCard, talkStartCard } from '../signals';
import { isClosed } from './seats';
import { workshopCard } from './workshop-cards';
import type { AdaptiveCardJson } from '../../platform/cards/render';
import type { Workshop } from './workshop';
import type { WorkshopService } from './workshop-service';
import { chooseLocale, type Locale, type LocaleSetting } from '../../platform/i18n/locale';
import type { Installations } from '../../platform/teams/installations';
import type { DueMessage } from '../../platform/delivery/outbox-store';
import type { SocialeKaartRepository } from '../kaart';
import type { Deliverer, SendGate } from '../../platform/delivery/delivery-engine';
import { sendCard } from '../../platform/teams/send-card';
import type { WorkshopFlow } from './workshop-flow';
import { workshopStrings } from './strings';
import { programmeClosed } from './programme';
import { PROGRAMME_NOTICES, programmeCard, type ProgrammeNotice } from './programme-cards';
import type { ProgrammeFlow } from './programme-flow';
import type { ProgrammeService } from './programme-service';

const isProgrammeNotice = (n: string): n is ProgrammeNotice => (PROGRAMME_NOTICES as readonly string[]).includes(n);

type WorkshopNotice = Extract<DueMessage, { kind: 'workshop-notice' }>;

/** Notices that only make sense while the workshop is still to come. */
const BEFORE_THE_START = new Set<WorkshopNotice['notice']>(['reminder-day', 'reminder-hour', 'promoted', 'duo-request', 'duo-confirmed', 'moved']);
type PersonRecipient = Extract<WorkshopNotice['recipient'], { kind: 'person' }>;

export interface WorkshopNoticeDelivererDependencies {
  adapter: CloudAdapter;
  botAppId: string;
  workshops: WorkshopService;
  flow: WorkshopFlow;
  programmes: ProgrammeService;
  programmeFlow: ProgrammeFlow;
  handoutsOf: (workshopId: string) => Promise<Array<{ title: string; url: string }>>;
  installations: Installations;
  kaart: SocialeKaartRepository;
  locale: LocaleSetting;
}

/**
 * Sends workshop notices: the shared invitation card updated in its channel for everyone, and personal
 * cards in a 1:1 chat, opened for the person from a stored reference if they never chatted with the bot.
 * Every card is made from the workshop as it is now.
 */
export class WorkshopNoticeDeliverer implements Deliverer<WorkshopNotice> {
  constructor(private readonly deps: WorkshopNoticeDelivererDependencies) {}

  async deliver(message: WorkshopNotice, gate: SendGate): Promise<'sent' | 'no-route' | 'obsolete'> {
    const workshop = await this.deps.workshops.find(message.workshopId);
    if (!workshop) return 'no-route';
    if (workshop.session && (message.recipient.kind === 'channel' || isProgrammeNotice(message.notice))) return this.deliverForProgramme(workshop, workshop.session.programmeId, message, gate);
    if (message.recipient.kind === 'channel') return this.updateInvitation(workshop, gate);
    if (BEFORE_THE_START.has(message.notice) && isClosed(workshop, new Date())) return 'obsolete';
    const recipient = message.recipient;
    return this.sendToPerson(workshop, recipient, gate, (locale) => this.cardFor(workshop, message.notice, recipient, locale));
  }

  /**
   * A session's notices that speak of its programme: the programme's shared card, or one card to the person with all
   * their sessions (a reminder, the cancellation, a seat that came free).
   */
  private async deliverForProgramme(session: Workshop, programmeId: string, message: WorkshopNotice, gate: SendGate): Promise<'sent' | 'no-route' | 'obsolete'> {
    const programme = await this.deps.programmes.find(programmeId);
    if (!programme) return 'no-route';
    if (message.recipient.kind === 'channel') {
      const locale = chooseLocale(this.deps.locale, undefined);
      const card = programmeCard(this.deps.flow.cardContext(workshopStrings[locale], locale), programme, { kind: 'shared' });
      return this.updateCard(programme, card, gate);
    }
    const notice = message.notice as ProgrammeNotice;
    // A reminder or a seat that came free is about this session: late once it started, not once the plenary did.
    if (notice !== 'cancelled' && isClosed(session, new Date())) return 'obsolete';
    const recipient = message.recipient;
    const choices = await this.deps.programmes.choicesOf(programme.id, recipient.aadObjectId);
    const calendarUrl = this.deps.programmeFlow.calendarUrl(programme.id, recipient.aadObjectId);
    // The groups: the person's group in this dialogue, with the names of who is in it.
    const group = notice === 'groups' ? [...choices.entries()].find(([, c]) => c.sessionId === session.id && c.group !== undefined) : undefined;
    const groups = group ? [{ round: group[0], sessionId: session.id, group: group[1].group!, names: await this.deps.programmes.groupMembers(session.id, group[1].group!, recipient.aadObjectId) }] : undefined;
    return this.sendToPerson(session, recipient, gate, (locale) => {
      const t = workshopStrings[locale];
      const context = this.deps.flow.cardContext(t, locale);
      // Moved up: their own view, so a seat they no longer want can be given up at once ("Geen sessie").
      if (notice === 'promoted' && !programmeClosed(programme, new Date())) {
        return programmeCard(context, programme, { kind: 'personal', choices, isOrganiser: false, outcome: t.programme.notices.promoted, calendarUrl });
      }
      return programmeCard(context, programme, { kind: 'notice', notice, choices, calendarUrl, groups });
    });
  }

  /** The invitation in the channel, as everyone sees it, naming nobody; each viewer's refresh brings their own view. */
  private async updateInvitation(workshop: Workshop, gate: SendGate): Promise<'sent' | 'no-route'> {
    const locale = chooseLocale(this.deps.locale, undefined);
    return this.updateCard(workshop, workshopCard(this.deps.flow.cardContext(workshopStrings[locale], locale), workshop, { kind: 'shared' }), gate);
  }

  /** Replaces the shared card where it was posted; a workshop or programme planned in personal chat has none. */
  private async updateCard(
    workshop: Pick<Workshop, 'channelConversationId' | 'invitationActivityId' | 'serviceUrl' | 'tenantId'>,
    card: AdaptiveCardJson,
    gate: SendGate,
  ): Promise<'sent' | 'no-route'> {
    if (!workshop.channelConversationId || !workshop.invitationActivityId) return 'sent';
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: workshop.serviceUrl,
      conversation: { id: workshop.channelConversationId, isGroup: true, conversationType: 'channel', tenantId: workshop.tenantId, name: '' },
      bot: { id: this.deps.botAppId, name: '' },
    };
    const activityId = workshop.invitationActivityId;
    const channel = workshop.channelConversationId;
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      await gate.beforeSend(workshop.tenantId, channel);
      await context.updateActivity({ id: activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
    });
    return 'sent';
  }

  private async sendToPerson(
    workshop: Workshop,
    recipient: PersonRecipient,
    gate: SendGate,
    cardIn: (locale: Locale) => AdaptiveCardJson | undefined | Promise<AdaptiveCardJson | undefined>,
  ): Promise<'sent' | 'obsolete'> {
    const stored = (await this.deps.installations.personalReference(recipient.aadObjectId)) as Partial<ConversationReference> | undefined;
    const locale = chooseLocale(this.deps.locale, stored?.locale);
    const card = await cardIn(locale);
    // A duo request already answered, or otherwise nothing left to say.
    if (!card) return 'obsolete';
    const send = async (context: TurnContext) => {
      await gate.beforeSend(workshop.tenantId, context.activity.conversation.id);
      await sendCard(context, card);
    };
    if (stored) {
      await this.deps.adapter.continueConversationAsync(this.deps.botAppId, stored, send);
      return 'sent';
    }
    // Never chatted with the bot: open the 1:1 chat from what Teams told us (tenant and user id).
    const parameters = {
      isGroup: false,
      bot: { id: this.deps.botAppId, name: '' },
      members: [{ id: recipient.userId ?? recipient.aadObjectId, name: '' }],
      tenantId: workshop.tenantId,
      channelData: { tenant: { id: workshop.tenantId } },
    } as ConversationParameters;
    // Opening the chat is a request to the connector too: paced like a send, keyed by the person.
    await gate.beforeSend(workshop.tenantId, `new-chat:${recipient.aadObjectId}`);
    await this.deps.adapter.createConversationAsync(this.deps.botAppId, 'msteams', workshop.serviceUrl, undefined as unknown as string, parameters, send);
    return 'sent';
  }

  private async cardFor(workshop: Workshop, notice: WorkshopNotice['notice'], recipient: PersonRecipient, locale: Locale): Promise<AdaptiveCardJson | undefined> {
    const t = workshopStrings[locale];
    const context = this.deps.flow.cardContext(t, locale);
    switch (notice) {
      case 'invitation-update':
        return undefined;
      case 'duo-request': {
        const member = workshop.duo.find((m) => m.aadObjectId === recipient.aadObjectId);
        if (!member || member.status !== 'gevraagd') return undefined;
        return workshopCard(context, workshop, { kind: 'duo-request', facilitatorId: member.facilitatorId, userNote: await this.deps.workshops.openNote(workshop) });
      }
      case 'follow-up':
        return this.followUpCard(locale);
      case 'place':
        return this.placeCard(recipient.place, locale);
      case 'nagesprek':
        return workshopCard(context, workshop, { kind: 'notice', notice, name: recipient.about?.name });
      case 'evaluation':
        return workshopCard(context, workshop, { kind: 'notice', notice, handouts: await this.deps.handoutsOf(workshop.id) });
      default:
        return workshopCard(context, workshop, { kind: 'notice', notice, calendarUrl: this.deps.flow.calendarUrl(workshop, recipient.aadObjectId) });
    }
  }

  /** One place a facilitator passes on; none when the coordinator removed it meanwhile. */
  private async placeCard(placeId: string | undefined, locale: Locale): Promise<AdaptiveCardJson | undefined> {
    const place = (await this.deps.kaart.referrals()).find((p) => p.id === placeId);
    if (!place) return undefined;
    const t = workshopStrings[locale];
    return placesCard(t, locale, { title: t.workshop.invitationTitle, intro: t.workshop.notices.place, places: [place], footnote: t.welcome.urgent });
  }

  /**
   * After a heavy session: the participant chooses the topic and their own organisation, since the team's
   * organisation is not necessarily theirs (people join from across the Rijk).
   */
  private async followUpCard(locale: Locale): Promise<AdaptiveCardJson> {
    const t = workshopStrings[locale];
    return talkStartCard(t, locale, await this.deps.kaart.organisations(), t.workshop.notices['follow-up']);
  }
}
