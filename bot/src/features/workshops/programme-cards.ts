import { MAX_ROUNDS, MAX_SESSIONS_PER_ROUND, MEETING_AUDIENCES, WORKSHOP_LANGUAGES } from '../../shared/workshop-vocabulary';
import { clockTime, periodText } from '../../shared/dates';
import { format, type Locale } from '../../platform/i18n/locale';
import { renderCard, type AdaptiveCardJson } from '../../platform/cards/render';
import { userText } from '../../platform/cards/user-text';
import { MIX_DEFAULTS, type MyChoices, type Programme, programmeClosed, type ProgrammeProblem, type ProgrammeSession, roundField, sessionDetails, sessionField } from './programme';
import type { SessionParticipants } from './programme-service';
import { type CardAction, choices, execute, refreshedFor, type WorkshopCardContext } from './workshop-cards';
import type { WorkshopStrings } from './strings';
import programmeCardTemplate from './templates/programme-card.json';
import programmePlanFormTemplate from './templates/programme-plan-form.json';
import programmeParticipantsTemplate from './templates/programme-participants.json';

/** The default a session's seats field shows: a room at a network meeting. */
const DEFAULT_SESSION_SEATS = 20;

export interface ProgrammeFormOptions {
  formId: string;
  token: string;
  /** What was typed before, shown again with the problems: the form's fields by name. */
  values?: Record<string, string>;
  problems?: readonly ProgrammeProblem[];
  /** A problem with the whole form (not saved, not valid). */
  text?: string;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The planning form: the programme, the plenary part and up to three rounds of four sessions. */
export function programmeFormCard(t: WorkshopStrings, locale: Locale, o: ProgrammeFormOptions): AdaptiveCardJson {
  const p = t.programme;
  const v = o.values ?? {};
  const problems = o.problems ?? [];
  const said = (pick: (x: ProgrammeProblem) => boolean) =>
    problems
      .filter(pick)
      .map((x) => format(p.problems[x.code], 'session' in x ? { session: x.session } : {}))
      .join(' ');
  const base = { formId: o.formId, token: o.token };
  return renderCard(programmePlanFormTemplate, {
    ...p,
    problem: o.text ?? (problems.length > 0 ? p.formProblem : ''),
    dateProblem: said((x) => x.code === 'no-such-date' || x.code === 'date-in-the-past' || x.code === 'no-rounds' || x.code === 'overlap'),
    locationProblem: said((x) => x.code === 'link-not-https'),
    plenaryProblem: said((x) => x.code === 'plenary-time' || x.code === 'plenary-in-the-past'),
    mixProblem: said((x) => x.code === 'mix-roles' || x.code === 'mix-numbers'),
    inputMixRoles: userText(v.mixRoles ?? '', 200),
    mixGroupSize: Number(v.mixGroupSize) || MIX_DEFAULTS.groupSize,
    mixMinPercent: Number(v.mixMinPercent) || MIX_DEFAULTS.minPercent,
    mixAnnounceHours: Number(v.mixAnnounceHours) || MIX_DEFAULTS.announceHours,
    inputTitle: userText(v.title ?? '', 120),
    date: v.date ?? '',
    inputLocation: userText(v.location ?? '', 200),
    audiences: v.audiences ?? '',
    audienceChoices: choices(MEETING_AUDIENCES, p.audiences),
    language: v.language ?? locale,
    languages: choices(WORKSHOP_LANGUAGES, t.workshop.languages),
    inputPlenaryTitle: userText(v.plenaryTitle ?? '', 120),
    plenaryFrom: v.plenaryFrom ?? '',
    plenaryTo: v.plenaryTo ?? '',
    rounds: range(MAX_ROUNDS).map((r) => ({
      heading: format(p.roundHeading, { round: r }),
      fromId: roundField(r, 'From'),
      toId: roundField(r, 'To'),
      fromLabel: p.fromLabel,
      toLabel: p.toLabel,
      from: v[roundField(r, 'From')] ?? '',
      to: v[roundField(r, 'To')] ?? '',
      problem: said((x) => 'round' in x && x.round === r && !('session' in x)),
      sessions: range(MAX_SESSIONS_PER_ROUND).map((s) => ({
        heading: format(p.sessionHeading, { session: s }),
        titleId: sessionField(r, s, 'Title'),
        hostId: sessionField(r, s, 'Host'),
        roomId: sessionField(r, s, 'Room'),
        seatsId: sessionField(r, s, 'Seats'),
        titleLabel: p.sessionTitleLabel,
        hostLabel: p.hostLabel,
        roomLabel: p.roomLabel,
        seatsLabel: p.seatsLabel,
        inputTitle: userText(v[sessionField(r, s, 'Title')] ?? '', 120),
        inputHost: userText(v[sessionField(r, s, 'Host')] ?? '', 120),
        inputRoom: userText(v[sessionField(r, s, 'Room')] ?? '', 80),
        seats: Number(v[sessionField(r, s, 'Seats')]) || DEFAULT_SESSION_SEATS,
        mixedId: sessionField(r, s, 'Mixed'),
        mixedLabel: p.mixedLabel,
        mixed: v[sessionField(r, s, 'Mixed')] === 'true' ? 'true' : 'false',
        problem: said((x) => 'session' in x && x.round === r && x.session === s),
      })),
    })),
    actions: [
      execute({ title: p.plan, verb: 'programme.plan', data: base }),
      execute({ title: p.cancelPlanning, verb: 'programme.planCancel', data: base, associatedInputs: 'None' }),
    ],
  });
}

/** Who looks at a programme card, and what they may do there. */
export type ProgrammeView =
  /** In the channel, naming nobody: each viewer's refresh brings their own view. */
  | { kind: 'shared' }
  /** One person's view: their choices per round, and the organiser's buttons. */
  | { kind: 'personal'; choices: MyChoices; isOrganiser: boolean; outcome?: string; confirmCancel?: boolean; calendarUrl?: string }
  /** A reminder or the cancellation, in personal chat, with their sessions. */
  | { kind: 'notice'; notice: ProgrammeNotice; choices: MyChoices; calendarUrl?: string; groups?: Array<{ round: number; sessionId: string; group: number; names: string[] }> };

/** The notices about a session that speak of the whole programme: one card with the person's sessions. */
export const PROGRAMME_NOTICES = ['reminder-day', 'reminder-hour', 'cancelled', 'promoted', 'groups'] as const;
export type ProgrammeNotice = (typeof PROGRAMME_NOTICES)[number];

/** A round's list says "no session" with this value (a choice needs one). */
export const NO_SESSION = 'geen';

/** The name of a session's choice in a round's list; the input's id names the round. */
export const roundInput = (round: number) => `round${round}`;

export function programmeCard(c: WorkshopCardContext, p: Programme, view: ProgrammeView): AdaptiveCardJson {
  const s = c.t.programme;
  const open = !programmeClosed(p, c.now);
  const ref = { programmeId: p.id, version: p.version };
  const actions: CardAction[] = [];
  const links: Array<{ title: string; url: string }> = [];
  let banner = p.status === 'geannuleerd' ? s.cancelledBanner : !open ? s.finishedBanner : '';
  let bannerColor = 'Attention';
  let hint = '';
  const mine = view.kind === 'shared' ? undefined : view.choices;
  const choosing = view.kind === 'personal' && open && !view.confirmCancel;
  // The calendar file holds the sessions with a seat: a place on a waiting list is not in it.
  const hasSeat = [...(mine?.values() ?? [])].some((c) => c.status === 'aangemeld');

  if (view.kind === 'shared') {
    if (open) {
      hint = s.sharedHint;
      actions.push({ title: s.showMine, verb: 'programme.refresh', data: { programmeId: p.id } });
    }
  } else if (view.kind === 'personal') {
    if (view.outcome) {
      banner = view.outcome;
      bannerColor = 'Good';
    }
    if (view.confirmCancel && open) {
      banner = s.cancelConfirm;
      bannerColor = 'Attention';
      actions.push({ title: s.cancelYes, verb: 'programme.cancelConfirmed', data: ref, associatedInputs: 'None' });
      actions.push({ title: s.back, verb: 'programme.refresh', data: { programmeId: p.id }, associatedInputs: 'None' });
    } else if (open) {
      hint = s.personalHint;
      actions.push({ title: s.save, verb: 'programme.choose', data: ref });
    }
    if (view.isOrganiser) {
      actions.push({ title: s.participants, verb: 'programme.participants', data: { programmeId: p.id }, associatedInputs: 'None' });
      if (open && !view.confirmCancel) actions.push({ title: s.cancel, verb: 'programme.cancel', data: ref, associatedInputs: 'None' });
    }
    if (view.calendarUrl && hasSeat && p.status !== 'geannuleerd') links.push({ title: c.t.workshop.calendar, url: view.calendarUrl });
  } else {
    banner = s.notices[view.notice];
    bannerColor = view.notice === 'cancelled' ? 'Attention' : 'Good';
    // A seat that came free can be given up again from the card: the programme's own view does that.
    // On the cancellation too: opened, the file takes the entries out of the person's calendar.
    if (view.calendarUrl && hasSeat) links.push({ title: view.notice === 'cancelled' ? s.calendarRemove : c.t.workshop.calendar, url: view.calendarUrl });
  }
  if (p.location.kind === 'online' && hasSeat && open) links.push({ title: c.t.workshop.joinOnline, url: p.location.url });

  const sessionTitle = (id: string) => p.rounds.flatMap((r) => r.sessions).find((x) => x.id === id)?.title ?? '';
  const isDialogue = (id: string) => p.rounds.some((r) => r.sessions.some((x) => x.id === id && x.mixed));
  const myLines = mine
    ? [...mine.entries()]
        .sort(([a], [b]) => a - b)
        .map(([round, choice]) => ({
          userLine: userText(
            choice.status === 'aangemeld'
              ? format(s.mySession, { round, title: sessionTitle(choice.sessionId) })
              : isDialogue(choice.sessionId)
                ? format(s.myWaitingDialogue, { round, title: sessionTitle(choice.sessionId) })
                : format(s.myWaiting, { round, title: sessionTitle(choice.sessionId), position: choice.position ?? 0 }),
            300,
          ),
        }))
    : [];
  // The groups of one's dialogues, with who is in them: told when they are made.
  const groupLines = view.kind === 'notice' ? (view.groups ?? []).map((g) => ({ userLine: userText(format(s.myGroup, { round: g.round, title: sessionTitle(g.sessionId), group: g.group, names: g.names.join(', ') }), 2000) })) : [];

  const card = renderCard(programmeCardTemplate, {
    kindTitle: s.invitationTitle,
    userTitle: userText(p.title, 120),
    banner,
    bannerColor,
    facts: [
      { title: s.when, value: periodText(p.startsAt, p.endsAt, c.locale, c.timeZone) },
      { title: s.audience, value: p.audiences.map((a) => s.audiences[a]).join(', ') },
      { title: s.language, value: c.t.workshop.languages[p.language] },
    ],
    whereLabel: s.where,
    userWhere: userText(p.location.kind === 'online' ? `${s.online}: ${p.location.url}` : p.location.text, 300),
    hasPlenary: Boolean(p.plenary),
    plenaryLine: p.plenary ? `${s.plenary} ${clockTime(p.plenary.startsAt, c.timeZone)}–${clockTime(p.plenary.endsAt, c.timeZone)}` : '',
    userPlenary: userText(p.plenary?.title ?? '', 120),
    rounds: p.rounds.map((r) => ({
      line: format(s.roundLine, { round: r.round, time: `${clockTime(r.startsAt, c.timeZone)}–${clockTime(r.endsAt, c.timeZone)}` }),
      sessions: r.sessions.map((x) => ({
        userTitle: userText(x.title, 120),
        hasDetails: Boolean(x.host || x.room),
        userDetails: userText(sessionDetails(s, x), 260),
        seatsLine: [seatsLine(s, x), x.mixed && p.mix ? format(s.mixedSession, { size: p.mix.groupSize }) : ''].filter(Boolean).join(' · '),
      })),
      hasChoice: choosing,
      inputId: roundInput(r.round),
      chooseLabel: format(s.chooseLabel, { round: r.round }),
      current: mine?.get(r.round)?.sessionId ?? NO_SESSION,
      choices: [
        { userChoice: s.noSession, value: NO_SESSION },
        ...r.sessions.map((x) => ({
          userChoice: userText(format(x.registered < x.seats ? s.choiceFree : s.choiceFull, { title: x.title, left: x.seats - x.registered }), 160),
          value: x.id,
        })),
      ],
    })),
    mine: [...myLines, ...groupLines],
    hasRole: choosing && p.mix !== undefined,
    roleLabel: s.roleLabel,
    currentRole: [...(mine?.values() ?? [])].find((x) => x.role)?.role ?? '',
    roles: (p.mix?.roles ?? []).map((r) => ({ userChoice: userText(r, 40), value: r })),
    myNone: view.kind === 'personal' && myLines.length === 0 ? s.myNone : '',
    hint,
    actions: actions.map(execute),
    links,
  });
  return view.kind === 'notice' ? card : refreshedFor(card, 'programme.refresh', { programmeId: p.id });
}

/** Seats as a workshop's card shows them: the free ones, or full; how many wait, the organiser sees in the list of names. */
function seatsLine(s: WorkshopStrings['programme'], x: ProgrammeSession): string {
  return x.registered < x.seats ? format(s.seatsFree, { left: x.seats - x.registered, seats: x.seats }) : s.seatsFull;
}

/** The organiser's list: per session, who registered and who waits, in the list's order. */
export function participantsCard(c: WorkshopCardContext, p: Programme, sessions: SessionParticipants[]): AdaptiveCardJson {
  const s = c.t.programme;
  return renderCard(programmeParticipantsTemplate, {
    title: s.participantsTitle,
    userProgramme: userText(p.title, 120),
    intro: s.participantsIntro,
    waitingLabel: s.waitingNames,
    sessions: sessions.map((x) => ({
      round: format(s.roundHeading, { round: x.round }),
      userTitle: userText(x.session.title, 120),
      counts: [format(s.registeredLine, { count: x.registered.length }), format(s.waitingLine, { count: x.waiting.length })].join(' · '),
      userRegistered: userText(x.registered.length > 0 ? x.registered.join(', ') : s.nobody, 6000),
      hasWaiting: x.waiting.length > 0,
      userWaiting: userText(x.waiting.join(', '), 3000),
      groups: (x.groups ?? []).map((g) => ({ label: format(g.short ? s.groupShort : s.groupLine, { number: g.number }), userNames: userText(g.names.join(', '), 1000) })),
    })),
    actions: [execute({ title: s.back, verb: 'programme.refresh', data: { programmeId: p.id }, associatedInputs: 'None' })],
  });
}
