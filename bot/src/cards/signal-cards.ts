import type { OrganisationEntry, Referral } from '../domain/referrals/referral';
import type { SignalMessage } from '../domain/signals/follow-up';
import type { SignalSummary, SubmitResult } from '../domain/signals/signal-service';
import { userText, userTextRun } from './user-text';
import { CATEGORIES, type Organisation, WISHES } from '../domain/signals/vocabulary';
import { format, type Locale, type Strings } from '../i18n/locale';
import { noticeCard } from './cards';
import { placeElement } from './place-element';
import { renderCard, type AdaptiveCardJson } from './render';
import { templates } from './templates';
import { shortDate } from '../i18n/dates';

const choices = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((value) => ({ title: labels[value], value }));

/** Card 1: the organisation and the question that comes before everything: is there acute danger? */
export function signalStartCard(t: Strings, locale: Locale, organisations: OrganisationEntry[]): AdaptiveCardJson {
  return renderCard(templates['signal-start'], {
    ...t.signal,
    organisation: '',
    organisations: organisations.map((o) => ({ title: o.name[locale], value: o.code })),
  });
}

/** A signal form's identity and proof (see security/signal-card-tokens.ts), carried in its send button. */
export interface SignalFormProof {
  submissionId: string;
  issuedAt: number;
  formToken: string;
}

/** Card 2: what it is about, what the person wants, anonymity and an optional description. */
export function signalFormCard(t: Strings, organisation: Organisation, form: SignalFormProof): AdaptiveCardJson {
  return renderCard(templates['signal-form'], {
    ...t.signal,
    organisation,
    ...form,
    categories: choices(CATEGORIES, t.signal.categories),
    wishes: choices(WISHES, t.signal.wishes),
    anonymityChoices: choices(['anoniem', 'volledig-anoniem', 'vertrouwelijk'] as const, t.signal.anonymity),
  });
}

/** Met iemand praten: pick a topic and an organisation. */
export function talkStartCard(t: Strings, locale: Locale, organisations: OrganisationEntry[]): AdaptiveCardJson {
  return renderCard(templates['talk-start'], {
    ...t.talk,
    organisationLabel: t.signal.organisationLabel,
    organisationRequired: t.signal.organisationRequired,
    topics: choices(CATEGORIES, t.signal.categories),
    organisations: organisations.map((o) => ({ title: o.name[locale], value: o.code })),
  });
}

/** A list of places with a heading: the emergency card and "met iemand praten". */
export function placesCard(
  t: Strings,
  locale: Locale,
  content: { title: string; intro: string; places: Referral[]; footnote?: string; urgent?: boolean },
): AdaptiveCardJson {
  return renderCard(templates.places, {
    title: content.title,
    titleColor: content.urgent ? 'Attention' : 'Default',
    intro: content.intro,
    places: content.places.map((p) => placeElement(p, t, locale)),
    footnote: content.footnote ?? '',
    menuLabel: t.menu,
  });
}

/** "24 uur", "1 minuut": how long something may take, in words. */
export function durationWords(t: Strings, ms: number): string {
  const hours = Math.ceil(ms / 3_600_000);
  if (ms >= 3_600_000) return hours === 1 ? t.duration.hour : format(t.duration.hours, { n: hours });
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? t.duration.minute : format(t.duration.minutes, { n: minutes });
}

/** Card 3: the receipt, sent only after the signal is committed. */
export function signalReceiptCard(t: Strings, locale: Locale, stored: Extract<SubmitResult, { outcome: 'stored' }>): AdaptiveCardJson {
  const { submission, advice } = stored;
  const first = advice.places[0]!;
  const unreachable = submission.anonymity === 'volledig-anoniem' && submission.wish === 'gesprek';
  const textDropped = Boolean(submission.description?.trim()) && !stored.textKept;
  const next = unreachable ? format(t.signal.nextFullyAnonymous, { place: first.name[locale] }) : format(t.signal.next[submission.wish], { place: first.name[locale] });
  // Honest about the wait: an anonymous signal for someone's inbox reaches it with the mixer's next batch.
  const arrival = stored.arrival.via === 'mixer' && stored.status === 'nieuw' ? ` ${format(t.signal.arrivalMixed, { within: durationWords(t, stored.arrival.withinMs) })}` : '';
  return renderCard(templates['signal-receipt'], {
    ...t.signal,
    caseCode: stored.caseCode,
    // Fully anonymous: the signal is in the inbox, but an answer cannot come to this chat.
    next: next + arrival,
    fullyAnonymous: textDropped ? t.signal.textNotKept : '',
    urgentAdvice: advice.urgency === 'normaal' ? '' : t.signal.urgentAdvice,
    places: advice.places.map((p) => placeElement(p, t, locale)),
    urgent: t.welcome.urgent,
    menuLabel: t.menu,
  });
}

const STATUS_MESSAGES = 5;
const STATUS_MESSAGE_CHARS = 1000;


/**
 * What a reporter sees when they type their code: where it stands and the answers, never their first text back.
 * `waitingWithinMs`: the signal is still in the mixer, on its way to its desk within this long.
 */
export function signalStatusCard(
  t: Strings,
  locale: Locale,
  caseCode: string,
  s: SignalSummary,
  messages: SignalMessage[] = [],
  waitingWithinMs?: number,
): AdaptiveCardJson {
  const state =
    waitingWithinMs !== undefined && s.status === 'nieuw' ? format(t.status.onItsWay, { within: durationWords(t, waitingWithinMs) }) : t.status.states[s.status];
  return renderCard(templates['signal-status'], {
    messagesHeading: t.followUp.messagesHeading,
    // The latest few, each bounded, so the card stays far below Teams' 28 KB however long the exchange.
    messages: messages.slice(-STATUS_MESSAGES).map((m) => ({
      type: 'RichTextBlock',
      spacing: 'Small',
      inlines: [
        {
          type: 'TextRun',
          text: `${m.author === 'handler' ? t.followUp.fromHandler : t.followUp.fromReporter} (${shortDate(m.createdAt, locale)}${m.onItsWay ? `, ${t.followUp.onItsWay}` : ''}): `,
          weight: 'Bolder',
        },
        userTextRun(m.text, STATUS_MESSAGE_CHARS),
      ],
    })),
    title: format(t.status.title, { code: caseCode }),
    facts: [
      { title: t.status.category, value: t.signal.categories[s.category] },
      { title: t.status.wish, value: t.signal.wishes[s.wish] },
      { title: t.status.state, value: state },
      { title: t.status.received, value: shortDate(s.createdAt, locale) },
    ],
    explanation: s.status === 'gesloten' ? t.status.explanationClosed : t.status.explanation,
    menuLabel: t.menu,
  });
}

/** A handler's answer, delivered to the reporter, with a box to write back whose token proves it came from here. */
export function signalAnswerCard(
  t: Strings,
  reply: { signalId: string; caseCode?: string; replyFormId: string; replyToken: string },
  answer: string,
): AdaptiveCardJson {
  const { caseCode, ...data } = reply;
  return renderCard(templates['signal-answer'], {
    ...t.followUp,
    answerAbout: caseCode ? format(t.followUp.answerAbout, { code: caseCode }) : '',
    userAnswer: userText(answer, 4000),
    ...data,
  });
}

/** The reporter is told that their signal was closed, or opened again, by their contact person. */
export function signalNoticeCard(t: Strings, notice: 'gesloten' | 'heropend', caseCode: string | undefined): AdaptiveCardJson {
  const text = notice === 'gesloten' ? t.followUp.closedNotice : t.followUp.reopenedNotice;
  // Signals from before codes were kept sealed have none: the sentence then goes without it.
  return noticeCard(t, {
    title: t.followUp.answerTitle,
    text: format(text, { code: caseCode ?? '' }).replace(/ {2,}/g, ' '),
    footnote: notice === 'gesloten' ? t.welcome.urgent : undefined,
  });
}

/** The form, once sent, in place of itself: nothing left to press twice. */
export function signalSentCard(t: Strings): AdaptiveCardJson {
  return noticeCard(t, { title: t.signal.sentTitle, text: t.signal.sentText });
}

/** Mijn gegevens: what is kept about this person, and one confirmed button to delete it. */
export function myDataCard(t: Strings, locale: Locale, mine: { installations: number; signals: SignalSummary[]; registrations: number; organised: number }): AdaptiveCardJson {
  return renderCard(templates['my-data'], {
    ...t.myData,
    facts: [
      { title: t.myData.installations, value: String(mine.installations) },
      { title: t.myData.confidentialSignals, value: String(mine.signals.length) },
      { title: t.myData.registrations, value: String(mine.registrations) },
      { title: t.myData.organised, value: String(mine.organised) },
    ],
    signals: mine.signals.map((s) =>
      format(t.myData.signalLine, { date: shortDate(s.createdAt, locale), category: t.signal.categories[s.category], state: t.status.states[s.status] }),
    ),
    menuLabel: t.menu,
  });
}
