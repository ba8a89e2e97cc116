import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { noticeCard } from '../../platform/cards/cards';
import type { Deliverer, SendGate } from '../../platform/delivery/delivery-engine';
import type { DueMessage } from '../../platform/delivery/outbox-store';
import { chooseLocale, format, type LocaleSetting } from '../../platform/i18n/locale';
import type { Installations } from '../../platform/teams/installations';
import { sendCard } from '../../platform/teams/send-card';
import type { ClockKind } from '../../shared/api/desk';
import { dayOf, longDate, shortDate } from '../../shared/dates';
import { clockOf } from '../../shared/desk-terms';
import { LOKET } from '../../shared/signal-vocabulary';
import type { SignalDeskStore } from './signal-desk';
import { deskStrings } from './strings';

type DeskReminder = Extract<DueMessage, { kind: 'desk-reminder' }>;

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * A counsellor's reminder, in their chat with the bot: which term ends (or ended) by when, for a signal about what,
 * received on which day. Never the signal's code or text: it is a chat, and the tab is where signals are read.
 * Sent only while that term still runs, and only to someone who still reads the signal's inbox: a signal confirmed,
 * closed or passed on since it was queued gets nothing.
 */
export class DeskReminderDeliverer implements Deliverer<DeskReminder> {
  constructor(
    private readonly deps: {
      adapter: CloudAdapter;
      botAppId: string;
      desk: Pick<SignalDeskStore, 'find' | 'placesOf'>;
      installations: Pick<Installations, 'personalReference'>;
      locale: LocaleSetting;
      now?: () => Date;
    },
  ) {}

  async deliver(message: DeskReminder, gate: SendGate): Promise<'sent' | 'no-route' | 'obsolete'> {
    const [kind, state] = message.notice.split(':') as [ClockKind, 'bijna' | 'te-laat'];
    const signal = await this.deps.desk.find(message.signalId);
    const clock = signal && clockOf(signal, signal.terms, dayOf(this.deps.now?.() ?? new Date()));
    if (!signal || !clock || clock.kind !== kind) return 'obsolete';
    // Passed on, or the counsellor no longer reads this inbox: the reminder is not theirs any more.
    const places = await this.deps.desk.placesOf(message.recipient.aadObjectId);
    if (!places.some((p) => p.organisation === signal.organisation && p.role === signal.inboxRole)) return 'obsolete';
    const reference = (await this.deps.installations.personalReference(message.recipient.aadObjectId)) as Partial<ConversationReference> | undefined;
    // A counsellor who never opened a chat with the bot: the inbox in the tab shows the term all the same.
    if (!reference) return 'no-route';
    const locale = chooseLocale(this.deps.locale, reference.locale);
    const t = deskStrings[locale];
    const card = noticeCard(t, {
      title: state === 'te-laat' ? t.reminder.titleLate : t.reminder.titleSoon,
      text: [
        format(t.reminder.kinds[kind], { day: longDate(noon(clock.dueOn), locale), topic: t.signal.categories[signal.category].toLowerCase() }),
        format(t.reminder.received, { day: shortDate(noon(signal.receivedOn), locale) }),
        // At the loket, the term is met where it passes the signal on to. "Laten lezen" or fully anonymous: nobody can
        // be answered, so the term is met by taking it on or closing it.
        ...(signal.inboxRole === LOKET ? [t.reminder.atLoket] : signal.canAnswer ? [] : [t.reminder.cannotAnswer]),
      ].join(' '),
    });
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      await gate.beforeSend(reference.conversation?.tenantId, context.activity.conversation.id);
      await sendCard(context, card);
    });
    return 'sent';
  }
}
