import { dangerPlaceElement, FIRST_PLACES, type OrganisationEntry, placeElement, type Referral } from '../kaart';
import type { SignalNotice } from '../../shared/notices';
import type { SignalMessage } from './follow-up';
import { goesToReader, type SignalSubmission, type SignalSummary, type SubmitResult, wantsAnswer } from './signal-service';
import { userText, userTextRun } from '../../platform/cards/user-text';
import { CATEGORIES, type Category, type HandoverReason, LOKET, type Organisation, RELATIONS, WISHES } from '../../shared/signal-vocabulary';
import { format, type Locale } from '../../platform/i18n/locale';
import { noticeCard } from '../../platform/cards/cards';
import { renderCard, type AdaptiveCardJson } from '../../platform/cards/render';
import { longDate, shortDate } from '../../shared/dates';
import { type DeskTerms, DEFAULT_TERMS } from '../../shared/desk-terms';
import type { Clock } from '../../shared/api/desk';
import placesTemplate from './templates/places.json';
import signalAnswerTemplate from './templates/signal-answer.json';
import signalFormTemplate from './templates/signal-form.json';
import signalReceiptTemplate from './templates/signal-receipt.json';
import signalReferredTemplate from './templates/signal-referred.json';
import signalStartTemplate from './templates/signal-start.json';
import signalStatusTemplate from './templates/signal-status.json';
import storyTemplate from './templates/story.json';
import talkStartTemplate from './templates/talk-start.json';
import { type SignalStrings } from './strings';

const choices = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((value) => ({ title: labels[value], value }));

/**
 * Card 1: the organisation and the question that comes before everything: is there acute danger? A story the
 * person typed rides along in the button's data to the form, where they see it; nothing stores it on the way.
 */
export function signalStartCard(t: SignalStrings, locale: Locale, organisations: OrganisationEntry[], description = ''): AdaptiveCardJson {
  return renderCard(signalStartTemplate, {
    ...t.signal,
    organisation: '',
    organisations: organisations.map((o) => ({ title: o.name[locale], value: o.code })),
    userDescription: description,
  });
}

/** A signal form's identity and proof (see security/signal-card-tokens.ts), carried in its send button. */
export interface SignalFormProof {
  submissionId: string;
  issuedAt: number;
  formToken: string;
}

/** Card 2: what it is about, what the person wants, anonymity and an optional description (filled in if they typed one). */
/** `viaLoket`: the organisation's sociaal loket sees a wish for a conversation first, which the form says before sending. */
export function signalFormCard(t: SignalStrings, organisation: Organisation, form: SignalFormProof, description = '', viaLoket = false): AdaptiveCardJson {
  return renderCard(signalFormTemplate, {
    ...t.signal,
    organisation,
    ...form,
    userDescription: description,
    loketNote: viaLoket ? t.signal.loketNote : '',
    categories: choices(CATEGORIES, t.signal.categories),
    wishes: choices(WISHES, t.signal.wishes),
    anonymityChoices: choices(['anoniem', 'volledig-anoniem', 'vertrouwelijk'] as const, t.signal.anonymity),
    relations: choices(RELATIONS, t.signal.relations),
  });
}

/** Met iemand praten: pick a topic and an organisation (after a workshop, with that notice as the intro). */
export function talkStartCard(t: SignalStrings, locale: Locale, organisations: OrganisationEntry[], intro = t.talk.intro): AdaptiveCardJson {
  return renderCard(talkStartTemplate, {
    ...t.talk,
    intro,
    organisationLabel: t.signal.organisationLabel,
    organisationRequired: t.signal.organisationRequired,
    topics: choices(CATEGORIES, t.signal.categories),
    organisations: organisations.map((o) => ({ title: o.name[locale], value: o.code })),
  });
}

/**
 * A list of places with a heading. The emergency card (`urgent`) gives every place in three lines: name, number,
 * when. Any other list ("Met iemand praten", a workshop's follow-up) shows two and the rest behind "meer".
 */
export function placesCard(
  t: SignalStrings,
  locale: Locale,
  content: { title: string; intro: string; places: Referral[]; footnote?: string; urgent?: boolean },
): AdaptiveCardJson {
  const element = content.urgent ? dangerPlaceElement : placeElement;
  const shown = content.urgent ? content.places.length : FIRST_PLACES;
  return renderCard(placesTemplate, {
    title: content.title,
    titleColor: content.urgent ? 'Attention' : 'Default',
    intro: content.intro,
    places: content.places.slice(0, shown).map((p) => element(p, t, locale)),
    hasMore: content.places.length > shown,
    morePlaces: content.places.slice(shown).map((p) => element(p, t, locale)),
    moreLabel: t.talk.more,
    footnote: content.footnote ?? '',
    menuLabel: t.menu,
  });
}

/** Someone typed their story instead of a command: a warm answer, and the offer to raise it with that text. */
export function storyCard(t: SignalStrings, story: string, maxLength: number): AdaptiveCardJson {
  const fits = story.trim().length <= maxLength;
  return renderCard(storyTemplate, {
    title: t.story.title,
    text: fits ? t.story.text : t.story.tooLong,
    urgent: t.welcome.urgent,
    signalLabel: t.story.signal,
    userDescription: fits ? story.trim() : '',
    talkLabel: t.welcome.actions.talk,
    menuLabel: t.menu,
  });
}

/** Some things a civil servant must report: said whenever "alleen laten weten" is chosen for such a concern. */
const MUST_SOMETIMES_REPORT: readonly Category[] = ['integriteit', 'misstand'];

/** "24 uur", "1 minuut": how long something may take, in words. */
export function durationWords(t: SignalStrings, ms: number): string {
  const hours = Math.ceil(ms / 3_600_000);
  if (ms >= 3_600_000) return hours === 1 ? t.duration.hour : format(t.duration.hours, { n: hours });
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return minutes === 1 ? t.duration.minute : format(t.duration.minutes, { n: minutes });
}

/**
 * What holds for the code of a signal in an inbox: tied to this chat where an answer can come back to it; without
 * that way back ("laten lezen") the code alone opens the status, and the person is told so. (Fully anonymous
 * "een gesprek" says it in its own sentence.)
 */
function codeNoteOf(t: SignalStrings, submission: SignalSubmission, handled: boolean): string {
  if (!handled || submission.anonymity === 'vertrouwelijk') return '';
  if (submission.wish === 'laten-lezen') return t.signal.codeAnyone;
  return submission.anonymity === 'anoniem' ? t.signal.codeOnlyHere : '';
}

/** Card 3: the receipt, sent only after the signal is committed. */
export function signalReceiptCard(t: SignalStrings, locale: Locale, stored: Extract<SubmitResult, { outcome: 'stored' }>, terms: DeskTerms = DEFAULT_TERMS): AdaptiveCardJson {
  const { submission, advice } = stored;
  const handled = stored.status !== 'geteld';
  // The place that holds the signal: the first one a counsellor staffs, not necessarily the first named.
  const place = (advice.places.find((p) => p.role === advice.inboxRole) ?? advice.places[0]!).name[locale];
  const next = (() => {
    if (!goesToReader(submission.wish)) return format(t.signal.next[submission.wish], { place });
    // Nobody staffs these places: nobody reads it here and no answer comes; the person goes to them.
    if (!handled) return submission.wish === 'laten-lezen' ? t.signal.nextNoReader : t.signal.nextNoInbox;
    if (submission.wish === 'laten-lezen') return format(t.signal.next['laten-lezen'], { place });
    // The organisation's sociaal loket takes it first: it sees the topic, not the text, and brings it where it fits.
    if (advice.inboxRole === LOKET) return `${t.signal.nextLoket} ${submission.anonymity === 'volledig-anoniem' ? t.signal.nextLoketFullyAnonymous : t.signal.nextLoketHere}`;
    // Fully anonymous: the signal is in the inbox, but an answer cannot come to this chat.
    return format(submission.anonymity === 'volledig-anoniem' ? t.signal.nextFullyAnonymous : t.signal.next.gesprek, { place });
  })();
  // The form says which wishes keep a text; only a wish for a reader that found none could not be told in advance.
  const textDropped = goesToReader(submission.wish) && Boolean(submission.description?.trim()) && !stored.textKept;
  // Honest about the wait: an anonymous signal for someone's inbox reaches it with the mixer's next batch.
  const arrival = stored.arrival.via === 'mixer' && handled ? ` ${format(t.signal.arrivalMixed, { within: durationWords(t, stored.arrival.withinMs) })}` : '';
  // When to expect what: only where an answer can come back to this chat.
  const expect = handled && answerCanCome(submission) ? ` ${expectationOf(t, submission.category, terms)}` : '';
  return renderCard(signalReceiptTemplate, {
    ...t.signal,
    caseCode: stored.caseCode,
    codeNote: codeNoteOf(t, submission, handled),
    next: next + arrival + expect,
    fullyAnonymous: textDropped ? t.signal.textNotKept : '',
    // Nobody comes back to the person on these wishes: the duty to report and acting on an urgent concern are theirs.
    reportingDuty: (submission.wish === 'alleen-laten-weten' || submission.wish === 'laten-lezen') && MUST_SOMETIMES_REPORT.includes(submission.category) ? t.signal.reportingDuty : '',
    urgentAdvice: advice.urgency === 'normaal' ? '' : handled && wantsAnswer(submission.wish) ? t.signal.urgentAdviceHandled : t.signal.urgentAdvice,
    places: advice.places.map((p) => placeElement(p, t, locale)),
    urgent: t.welcome.urgent,
    menuLabel: t.menu,
  });
}

/** Someone will answer in this chat: the wish asked for it and the person did not cut every way back. */
const answerCanCome = (s: { wish: SignalSubmission['wish']; anonymity: SignalSubmission['anonymity'] }) => wantsAnswer(s.wish) && s.anonymity !== 'volledig-anoniem';

/** The terms in the receipt's words: the law's for a misstand, the organisation's otherwise (shared/desk-terms.ts). */
function expectationOf(t: SignalStrings, category: SignalSubmission['category'], terms: DeskTerms): string {
  if (category === 'misstand') return t.signal.expect.misstand;
  if (category === 'integriteit') return format(t.signal.expect.integriteit, { weeks: terms.integrityWeeks });
  return format(t.signal.expect.other, { days: terms.firstReactionWorkingDays });
}

const STATUS_MESSAGES = 5;
const STATUS_MESSAGE_CHARS = 1000;


/**
 * What a reporter sees when they type their code: where it stands and the answers, never their first text back.
 * `waitingWithinMs`: the signal is still in the mixer, on its way to its desk within this long.
 */
export function signalStatusCard(
  t: SignalStrings,
  locale: Locale,
  caseCode: string,
  s: SignalSummary,
  messages: SignalMessage[] = [],
  waitingWithinMs?: number,
  clock: Clock | null = null,
): AdaptiveCardJson {
  const atDesk = s.status === 'nieuw' || s.status === 'in-behandeling';
  const expectation = clock && answerCanCome(s) ? format(clock.state === 'te-laat' ? t.status.expectLate : t.status.expect[clock.kind], { day: longDate(new Date(`${clock.dueOn}T12:00:00Z`), locale) }) : '';
  const state =
    waitingWithinMs !== undefined && s.status === 'nieuw' ? format(t.status.onItsWay, { within: durationWords(t, waitingWithinMs) }) : t.status.states[s.status];
  return renderCard(signalStatusTemplate, {
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
      ...(atDesk && waitingWithinMs === undefined
        ? [{ title: t.status.opened, value: s.firstOpenedAt ? format(t.status.openedOn, { day: shortDate(s.firstOpenedAt, locale) }) : t.status.notOpened }]
        : []),
    ],
    expectation,
    explanation: s.status === 'gesloten' ? t.status.explanationClosed : s.wish === 'laten-lezen' ? t.status.explanationReadOnly : t.status.explanation,
    menuLabel: t.menu,
  });
}

/**
 * A handler's answer, delivered to the reporter, with a box to write back whose token proves it came from here;
 * it says which place answers, when known.
 */
export function signalAnswerCard(
  t: SignalStrings,
  reply: { signalId: string; caseCode?: string; replyFormId: string; replyToken: string },
  answer: string,
  place?: string,
): AdaptiveCardJson {
  const { caseCode, ...data } = reply;
  return renderCard(signalAnswerTemplate, {
    ...t.followUp,
    answerIntro: place ? format(t.followUp.answerIntro, { place }) : t.followUp.answerIntroUnnamed,
    answerAbout: caseCode ? format(t.followUp.answerAbout, { code: caseCode }) : '',
    userAnswer: userText(answer, 4000),
    ...data,
  });
}

/**
 * The reporter is told that a contact person took their signal on, closed it, opened it again, or passed it on to
 * another desk (`place`: the one it is at now), and why; never who did it.
 */
export function signalNoticeCard(t: SignalStrings, notice: SignalNotice, caseCode: string | undefined, place?: string): AdaptiveCardJson {
  const text = notice.startsWith('overgedragen:')
    ? format(t.followUp.handedOverNotice, { place: place ?? t.followUp.handedOverUnnamed, reason: t.followUp.handoverReasons[notice.slice('overgedragen:'.length) as HandoverReason], code: '{code}' })
    : { opgepakt: t.followUp.takenOnNotice, gesloten: t.followUp.closedNotice, heropend: t.followUp.reopenedNotice }[notice as 'opgepakt' | 'gesloten' | 'heropend'];
  // Signals from before codes were kept sealed have none: the sentence then goes without it.
  return noticeCard(t, {
    title: t.followUp.answerTitle,
    text: format(text, { code: caseCode ?? '' }).replace(/ {2,}/g, ' '),
    footnote: notice === 'gesloten' ? t.welcome.urgent : undefined,
  });
}

/**
 * The reporter's signal was closed here with a Rijk-wide place that fits it better: which place, that nothing was
 * sent there, and how to reach it. Without the place in the kaart (removed since), the words alone.
 */
export function signalReferredCard(t: SignalStrings, locale: Locale, caseCode: string | undefined, place: Referral | undefined): AdaptiveCardJson {
  return renderCard(signalReferredTemplate, {
    title: t.followUp.answerTitle,
    text: format(t.followUp.referredNotice, { code: caseCode ?? '', place: place?.name[locale] ?? t.followUp.referredUnnamed }).replace(/ {2,}/g, ' '),
    how: t.followUp.referredHow,
    places: place ? [placeElement(place, t, locale)] : [],
    urgent: t.welcome.urgent,
    menuLabel: t.menu,
  });
}

/** The form, once sent, in place of itself: nothing left to press twice. */
export function signalSentCard(t: SignalStrings): AdaptiveCardJson {
  return noticeCard(t, { title: t.signal.sentTitle, text: t.signal.sentText });
}
