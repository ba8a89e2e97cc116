import type { OrganisationEntry } from '../kaart';
import type { Notice } from '../../shared/notices';
import type { PlanInput, PlanProblem } from './planning';
import { AUDIENCES, DEFAULT_LENGTH_MINUTES, DEFAULT_SEATS, WORKSHOP_LANGUAGES } from '../../shared/workshop-vocabulary';
import { duoStateOf, isFinished, lacksDuo, type MyStatus, seatsLeft, type Workshop } from './workshop';
import { longDate, periodText } from '../../shared/dates';
import { format, type Locale } from '../../platform/i18n/locale';
import { renderCard, type AdaptiveCardJson } from '../../platform/cards/render';
import { userText } from '../../platform/cards/user-text';
import workshopCardTemplate from './templates/workshop-card.json';
import workshopListTemplate from './templates/workshop-list.json';
import workshopPlanFormTemplate from './templates/workshop-plan-form.json';
import workshopPlanStartTemplate from './templates/workshop-plan-start.json';
import workshopSeriesTemplate from './templates/workshop-series.json';
import { type WorkshopStrings } from './strings';
import { type Programme, sessionDetails } from './programme';
import { SUPPRESS_BELOW } from '../insights';

/** The Universal Actions of workshop cards; each one's data names the workshop and the card's version. */
export const WORKSHOP_VERBS = [
  'workshop.openForm',
  'workshop.planView',
  'workshop.plan',
  'workshop.planCancel',
  'workshop.refresh',
  'workshop.register',
  'workshop.unregister',
  'workshop.change',
  'workshop.move',
  'workshop.cancel',
  'workshop.cancelConfirmed',
  'workshop.evaluate',
  'workshop.aftercare',
  'workshop.sendFollowUp',
  'workshop.repeat',
  'workshop.series',
  'duo.accept',
  'duo.decline',
  'programme.openForm',
  'programme.planView',
  'programme.plan',
  'programme.planCancel',
  'programme.refresh',
  'programme.choose',
  'programme.participants',
  'programme.cancel',
  'programme.cancelConfirmed',
] as const;
export type WorkshopVerb = (typeof WORKSHOP_VERBS)[number];

export interface CardAction {
  title: string;
  verb: WorkshopVerb;
  data: Record<string, unknown>;
  associatedInputs?: 'Auto' | 'None';
}

/** An Action.Execute, with an Action.Submit carrying the same data for clients without Universal Actions. */
export const execute = (a: CardAction) => ({
  title: a.title,
  verb: a.verb,
  data: a.data,
  associatedInputs: a.associatedInputs ?? 'Auto',
  fallbackData: { ...a.data, verb: a.verb },
});

export const choices = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((value) => ({ title: labels[value], value }));

/** The text on a card when a form is refused or needs confirming. */
export interface FormProblem {
  problems?: readonly PlanProblem[];
  /** Seats outside the pilot's advice, for a workshop online or in a place. */
  seatsWarning?: 'online' | 'place';
  text?: string;
}

/** Where on the form each problem is said: beside the field it is about. */
const FIELD_OF: Record<PlanProblem, 'when' | 'length' | 'location' | 'seats'> = {
  'no-such-time': 'when',
  'date-in-the-past': 'when',
  'in-the-past': 'when',
  'length-out-of-bounds': 'length',
  'seats-out-of-bounds': 'seats',
  'link-not-https': 'location',
};

/**
 * A card shared in a conversation that asks every viewer's client for that viewer's own view (Universal Actions
 * `refresh`). Without `userIds`, so the card names nobody: Teams refreshes it for everyone in a conversation of
 * up to 60 people, and anyone can refresh it from the message's menu; each answer is for the one who asked.
 */
export const refreshedFor = (card: AdaptiveCardJson, verb: WorkshopVerb, data: Record<string, unknown>): AdaptiveCardJson => ({
  ...card,
  refresh: { action: { type: 'Action.Execute', verb, data } },
});

/**
 * The shared card in a channel while the organiser fills the form: each viewer's refresh brings the form to the
 * organiser only. The token binds the form to the organiser without naming them in the card.
 */
export function planStartCard(t: WorkshopStrings, planning: { formId: string; token: string }, kind: 'workshop' | 'programme' = 'workshop'): AdaptiveCardJson {
  const data = { formId: planning.formId, token: planning.token };
  const card = renderCard(workshopPlanStartTemplate, {
    title: t[kind].planStartTitle,
    text: t[kind].planStartText,
    actions: [execute({ title: t.workshop.openForm, verb: `${kind}.openForm`, data })],
  });
  return refreshedFor(card, `${kind}.planView`, data);
}

export interface PlanFormOptions {
  /** Planning again from this workshop, which the new one joins in a series. */
  repeatOf?: string;
  formId: string;
  /** The planning form's token (see planStartCard). */
  token: string;
  organisations: OrganisationEntry[];
  timeZone: string;
  now: Date;
  /** What was typed before, shown again with the problem. */
  values?: Partial<PlanInput> & { organisation?: string };
  problem?: FormProblem;
  /** Changing an existing workshop instead of planning a new one. */
  change?: { workshopId: string; version: number };
}

export function planFormCard(t: WorkshopStrings, locale: Locale, o: PlanFormOptions): AdaptiveCardJson {
  const w = t.workshop;
  const v = o.values ?? {};
  const problems = o.problem?.problems ?? [];
  const beside = (field: (typeof FIELD_OF)[PlanProblem]) =>
    problems
      .filter((p) => FIELD_OF[p] === field)
      .map((p) => w.problems[p])
      .join(' ');
  const base = { formId: o.formId, token: o.token };
  const submit: CardAction = o.change
    ? { title: w.saveChange, verb: 'workshop.move', data: { workshopId: o.change.workshopId, version: o.change.version } }
    : { title: w.plan, verb: 'workshop.plan', data: o.repeatOf ? { ...base, repeatOf: o.repeatOf } : base };
  const stop: CardAction = o.change
    ? { title: w.cancelChange, verb: 'workshop.refresh', data: { workshopId: o.change.workshopId }, associatedInputs: 'None' }
    : { title: w.cancelPlanning, verb: 'workshop.planCancel', data: base, associatedInputs: 'None' };
  return renderCard(workshopPlanFormTemplate, {
    ...w,
    formTitle: o.change ? w.changeTitle : o.repeatOf ? w.repeatTitle : w.formTitle,
    formIntro: o.change ? w.changeIntro : o.repeatOf ? w.repeatIntro : w.formIntro,
    // On top what concerns the whole form; what concerns a field is said beside it, with a pointer on top.
    problem: o.problem?.text ?? (problems.length > 0 ? w.formProblem : ''),
    whenProblem: beside('when'),
    lengthProblem: beside('length'),
    locationProblem: beside('location'),
    seatsProblem: [beside('seats'), o.problem?.seatsWarning ? w.seatsWarnings[o.problem.seatsWarning] : ''].filter(Boolean).join(' '),
    date: v.date ?? '',
    time: v.time ?? '',
    lengthMinutes: v.lengthMinutes ?? DEFAULT_LENGTH_MINUTES,
    // Prefilled input values: an input shows text as typed, no markdown, so these need no TextRun.
    inputLocation: userText(v.location ?? '', 200),
    audience: v.audience ?? '',
    audiences: choices(AUDIENCES, w.audiences),
    seats: v.seats ?? DEFAULT_SEATS,
    askSeatsConfirm: o.problem?.seatsWarning !== undefined,
    language: v.language ?? locale,
    languages: choices(WORKSHOP_LANGUAGES, w.languages),
    organisation: v.organisation ?? '',
    organisations: o.organisations.map((org) => ({ title: org.name[locale], value: org.code })),
    inputNote: userText(v.note ?? '', 500),
    actions: [execute(submit), execute(stop)],
  });
}

/** Who looks at a workshop card, and what they may do there. */
export type WorkshopView =
  /** The card everyone in the channel sees, naming nobody; each viewer's own status comes with refresh or a click. */
  | { kind: 'shared' }
  /** One person's view: their status, their buttons. */
  | { kind: 'personal'; status: MyStatus; isOrganiser: boolean; calendarUrl?: string; outcome?: string; confirmCancel?: boolean }
  /** A proactive notice about the workshop. */
  | { kind: 'notice'; notice: Exclude<Notice, 'invitation-update' | 'duo-request'>; calendarUrl?: string; name?: string; handouts?: Array<{ title: string; url: string }> }
  /** A facilitator is asked to facilitate. */
  | { kind: 'duo-request'; facilitatorId: string; userNote?: string; outcome?: string };

export interface WorkshopCardContext {
  t: WorkshopStrings;
  locale: Locale;
  timeZone: string;
  now: Date;
}

export function workshopCard(c: WorkshopCardContext, w: Workshop, view: WorkshopView): AdaptiveCardJson {
  const s = c.t.workshop;
  const ref = { workshopId: w.id, version: w.version };
  // Registering, changing and answering end with a cancellation or the start.
  const open = w.status !== 'geannuleerd' && w.startsAt.getTime() > c.now.getTime();
  // Without a duo nobody can register; everyone reads why, and the organiser what to do next.
  const noDuo = open && lacksDuo(w);
  const actions: CardAction[] = [];
  const links: Array<{ title: string; url: string }> = [];
  let banner = w.status === 'geannuleerd' ? s.cancelledBanner : isFinished(w, c.now) ? s.finishedBanner : '';
  let bannerColor = 'Attention';
  let myStatus = '';
  let hint = '';
  let ratings: Array<{ title: string; value: string }> = [];
  let title = s.invitationTitle;

  if (view.kind === 'shared') {
    if (open) {
      if (noDuo) banner = s.noDuoBanner;
      else {
        hint = s.baseHint;
        actions.push({ title: s.register, verb: 'workshop.register', data: ref });
      }
      // Where Teams does not refresh by itself (over 60 members, or a client without refresh), a click shows one's own view.
      actions.push({ title: s.showMyStatus, verb: 'workshop.refresh', data: { workshopId: w.id } });
    }
  } else if (view.kind === 'personal') {
    if (noDuo) banner = view.isOrganiser ? s.noDuoOrganiser : s.noDuoBanner;
    if (view.outcome) {
      banner = view.outcome;
      bannerColor = 'Good';
    }
    myStatus = statusLine(c.t, view.status);
    if (open) {
      if (view.confirmCancel) {
        banner = s.cancelConfirm;
        bannerColor = 'Attention';
        actions.push({ title: s.cancelYes, verb: 'workshop.cancelConfirmed', data: ref });
        actions.push({ title: s.cancelBack, verb: 'workshop.refresh', data: { workshopId: w.id } });
      } else {
        if (view.status.status === 'niet-aangemeld' && !noDuo) actions.push({ title: s.register, verb: 'workshop.register', data: ref });
        if (view.status.status === 'aangemeld') actions.push({ title: s.unregister, verb: 'workshop.unregister', data: ref });
        if (view.status.status === 'wachtlijst') actions.push({ title: s.leaveWaitingList, verb: 'workshop.unregister', data: ref });
        if (view.isOrganiser) {
          actions.push({ title: s.change, verb: 'workshop.change', data: ref });
          actions.push({ title: s.cancelWorkshop, verb: 'workshop.cancel', data: ref });
        }
      }
    }
    // The organiser plans the same workshop again (every quarter's MT-dag), before or after it, and sees the series.
    if (view.isOrganiser && !view.confirmCancel && !w.session) {
      actions.push({ title: s.repeat, verb: 'workshop.repeat', data: { workshopId: w.id } });
      if (w.seriesId) actions.push({ title: s.seriesView, verb: 'workshop.series', data: { workshopId: w.id } });
    }
    if (view.status.status === 'aangemeld' && w.status !== 'geannuleerd') {
      if (view.calendarUrl) links.push({ title: s.calendar, url: view.calendarUrl });
      if (w.location.kind === 'online') links.push({ title: s.joinOnline, url: w.location.url });
    }
  } else if (view.kind === 'notice') {
    banner = format(s.notices[view.notice], { date: longDate(w.startsAt, c.locale, c.timeZone) });
    bannerColor = view.notice === 'cancelled' || view.notice === 'duo-not-found' ? 'Attention' : 'Good';
    // The organiser's way on: another moment, in the change form (the duo is looked for again there).
    if (view.notice === 'duo-not-found' && noDuo) actions.push({ title: s.chooseOtherDate, verb: 'workshop.change', data: ref });
    if (view.notice === 'facilitator-after') actions.push({ title: s.sendFollowUp, verb: 'workshop.sendFollowUp', data: { workshopId: w.id } });
    if (view.notice === 'evaluation') {
      ratings = ['1', '2', '3', '4', '5'].map((value) => ({ title: value, value }));
      // The handouts the facilitators chose, to read again afterwards.
      for (const h of view.handouts ?? []) links.push({ title: userText(h.title, 120), url: h.url });
      actions.push({ title: s.evaluate, verb: 'workshop.evaluate', data: { workshopId: w.id } });
      // A session has no facilitators to call anyone back: it offers no aftercare button.
      if (!w.session) actions.push({ title: s.aftercare, verb: 'workshop.aftercare', data: { workshopId: w.id }, associatedInputs: 'None' });
    }
    if (['promoted', 'reminder-day', 'reminder-hour', 'moved', 'duo-confirmed'].includes(view.notice) && w.status !== 'geannuleerd') {
      if (view.calendarUrl) links.push({ title: s.calendar, url: view.calendarUrl });
      if (w.location.kind === 'online' && !isFinished(w, c.now)) links.push({ title: s.joinOnline, url: w.location.url });
    }
  } else {
    title = s.duoRequestTitle;
    banner = view.outcome ?? s.duoRequestText;
    bannerColor = view.outcome ? 'Good' : 'Default';
    if (!view.outcome && open) {
      actions.push({ title: s.accept, verb: 'duo.accept', data: { workshopId: w.id, facilitatorId: view.facilitatorId } });
      actions.push({ title: s.decline, verb: 'duo.decline', data: { workshopId: w.id, facilitatorId: view.facilitatorId } });
    }
  }

  const card = renderCard(workshopCardTemplate, {
    title: w.session && view.kind !== 'duo-request' ? c.t.programme.invitationTitle : title,
    // A session of a bijeenkomst: its title and host were typed by the organiser, so only in a TextRun.
    hasSession: Boolean(w.session),
    userSession: w.session ? userText(sessionLine(c.t, w.session), 400) : '',
    banner,
    bannerColor,
    facts: factsOf(c, w),
    whereLabel: s.where,
    userWhere: userText(w.location.kind === 'online' ? `${s.online}: ${w.location.url}` : w.location.text, 300),
    // The organiser's note for the duo, or the name of who asks for a follow-up conversation: typed or chosen by
    // a person, so only in a TextRun.
    noteLabel: view.kind === 'notice' ? s.aftercareFrom : s.noteLabel,
    userNote: view.kind === 'duo-request' ? userText(view.userNote ?? '', 500) : view.kind === 'notice' ? userText(view.name ?? '', 200) : '',
    hasNote: (view.kind === 'duo-request' && Boolean(view.userNote)) || (view.kind === 'notice' && Boolean(view.name)),
    myStatus,
    hint,
    ratings,
    ratingLabel: s.ratingLabel,
    ratingRequired: s.ratingRequired,
    takeawayLabel: s.takeawayLabel,
    actions: actions.map(execute),
    links,
  });
  // The shared card and one's own view stay current: every refresh answers the viewer's own view.
  return view.kind === 'shared' || view.kind === 'personal' ? refreshedFor(card, 'workshop.refresh', { workshopId: w.id }) : card;
}

function statusLine(t: WorkshopStrings, status: MyStatus): string {
  if (status.status === 'wachtlijst') return format(t.workshop.myStatus.wachtlijst, { position: status.position });
  return t.workshop.myStatus[status.status];
}

export function whenText(c: WorkshopCardContext, w: Pick<Workshop, 'startsAt' | 'endsAt'>): string {
  return periodText(w.startsAt, w.endsAt, c.locale, c.timeZone);
}

/** Who facilitates, for the card: only who accepted is named. */
export function duoText(t: WorkshopStrings, w: Workshop): string {
  const duo = duoStateOf(w);
  if (duo.kind === 'confirmed') return duo.names.join(' & ');
  if (duo.kind === 'one-confirmed') return format(t.workshop.duoOneConfirmed, { name: duo.name });
  return duo.kind === 'asked' ? t.workshop.duoPending : t.workshop.duoNone;
}

/** The calendar entry's description: a sentence for each case of the duo, then where it came from. */
export function calendarDescription(t: WorkshopStrings, w: Workshop): string {
  const duo = duoStateOf(w);
  const values: Record<string, string> = duo.kind === 'confirmed' ? { first: duo.names[0], second: duo.names[1] } : duo.kind === 'one-confirmed' ? { name: duo.name } : {};
  return `${format(t.workshop.calendarDuo[duo.kind], values)} ${t.workshop.calendarFooter}`;
}

/** "Ronde 2: Met andere ogen · door Anna · zaal 3". */
function sessionLine(t: WorkshopStrings, session: NonNullable<Workshop['session']>): string {
  const details = sessionDetails(t.programme, session);
  return `${format(t.programme.roundHeading, { round: session.round })}: ${session.title}${details ? ` (${details})` : ''}`;
}

function factsOf(c: WorkshopCardContext, w: Workshop) {
  const s = c.t.workshop;
  // A session is led by its host (named beside its title), not by a duo, and open to the programme's audience.
  const facts = [
    { title: s.when, value: whenText(c, w) },
    ...(w.session ? [] : [{ title: s.audience, value: s.audiences[w.audience] }]),
    { title: s.language, value: s.languages[w.language] },
    ...(w.session ? [] : [{ title: s.duo, value: duoText(c.t, w) }]),
    { title: s.seats, value: format(s.seatsValue, { left: seatsLeft(w), seats: w.seats }) },
  ];
  if (w.waiting > 0) facts.push({ title: s.waiting, value: format(s.waitingValue, { count: w.waiting }) });
  return facts;
}

/** "workshops" in personal chat: what I registered for, and open Rijk-wide workshops to join. */
export function workshopListCard(
  c: WorkshopCardContext,
  mine: Array<{ workshop: Workshop; status: MyStatus }>,
  open: Workshop[],
  programmes: Programme[] = [],
): AdaptiveCardJson {
  const s = c.t.workshop;
  return renderCard(workshopListTemplate, {
    title: s.listTitle,
    mineHeading: s.mine,
    noneMine: s.noneMine,
    // A session names itself: its title was typed by its organiser, so the line is a TextRun.
    mine: mine.map((m) => ({
      userLine: userText(`${whenText(c, m.workshop)}${m.workshop.session ? ` · ${sessionLine(c.t, m.workshop.session)}` : ''}: ${statusLine(c.t, m.status)}`, 400),
    })),
    programmesHeading: c.t.programme.listHeading,
    programmes: programmes.map((p) => ({
      userTitle: userText(p.title, 120),
      line: `${whenText(c, p)} · ${p.audiences.map((a) => c.t.programme.audiences[a]).join(', ')}`,
      viewLabel: c.t.programme.view,
      data: { programmeId: p.id },
      fallbackData: { programmeId: p.id, verb: 'programme.refresh' },
    })),
    openHeading: s.openRijksbreed,
    noneOpen: s.noneOpen,
    open: open.map((w) => {
      const data = { workshopId: w.id, version: w.version };
      return {
        line: `${whenText(c, w)} · ${s.audiences[w.audience]} · ${format(s.seatsValue, { left: seatsLeft(w), seats: w.seats })}`,
        registerLabel: s.register,
        data,
        fallbackData: { ...data, verb: 'workshop.register' },
      };
    }),
    planHint: s.planHint,
    menuLabel: c.t.menu,
  });
}

/**
 * The organiser's series: each workshop's day, how many took part, and the average rating where at least 5 rated it
 * (as Inzicht: fewer could point at who rated what).
 */
export function seriesCard(c: WorkshopCardContext, current: Workshop, entries: Array<{ workshop: Workshop; participants: number; evaluations: number; ratingSum: number }>): AdaptiveCardJson {
  const s = c.t.workshop;
  return renderCard(workshopSeriesTemplate, {
    title: s.seriesTitle,
    intro: s.seriesIntro,
    facts: entries.map((e) => ({
      title: whenText(c, e.workshop),
      value: [
        e.workshop.status === 'geannuleerd' ? s.seriesCancelled : format(s.seriesParticipants, { count: e.participants }),
        e.evaluations >= SUPPRESS_BELOW
          ? format(s.seriesRating, { rating: (Math.round((10 * e.ratingSum) / e.evaluations) / 10).toLocaleString(c.locale === 'nl' ? 'nl-NL' : 'en-GB'), count: e.evaluations })
          : s.seriesFewRatings,
      ].join(' · '),
    })),
    actions: [execute({ title: s.cancelBack, verb: 'workshop.refresh', data: { workshopId: current.id }, associatedInputs: 'None' })],
  });
}
