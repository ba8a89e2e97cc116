import { z } from 'zod';
import { blankAsUndefined, optionalInput } from '../../platform/form-input';
import { typedText } from '../../shared/typed-text';
import { instantOf, wallClockOf } from './local-time';
import { locationOf, MAX_PLACE_LENGTH, type WorkshopLocation } from './planning';
import { type MixRule, mixPossible } from './mixed-groups';
import type { WorkshopHome } from './workshop';
import {
  MAX_ROUNDS,
  MAX_SESSIONS_PER_ROUND,
  type MeetingAudience,
  meetingAudienceSchema,
  SESSION_SEATS,
  type WorkshopLanguage,
  workshopLanguageSchema,
} from '../../shared/workshop-vocabulary';

/**
 * A bijeenkomst (seed 004): a plenary part and rounds of parallel sessions. Each session is a workshop of its own
 * (seats, waiting list, reminders); a person holds at most one session per round. The rules here are pure; the
 * store applies them with the programme locked.
 */

export const MAX_TITLE_LENGTH = 120;
export const MAX_HOST_LENGTH = 120;
export const MAX_ROOM_LENGTH = 80;
export const MAX_MIX_ROLES_LENGTH = 200;
export const MAX_ROLE_LENGTH = 40;
/** The form's defaults for a dialogue (seed 002): groups of 8, at least a third of each role, announced a day before. */
export const MIX_DEFAULTS = { groupSize: 8, minPercent: 33, announceHours: 24 } as const;

const time = z.preprocess(blankAsUndefined, z.string().regex(/^\d{2}:\d{2}$/).optional());
const shortText = (max: number) => optionalInput(typedText().trim().max(max));
const seatsText = z.preprocess(blankAsUndefined, z.string().regex(/^\s*\d{1,4}\s*$/).optional());

/** The form's field names: round r (1-based), session s (1-based). */
export const roundField = (r: number, f: 'From' | 'To') => `r${r}${f}`;
export const sessionField = (r: number, s: number, f: 'Title' | 'Host' | 'Room' | 'Seats' | 'Mixed') => `r${r}s${s}${f}`;

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The planning form as it arrives (Teams sends every input as text); checked for shape here, for sense in checkProgramme. */
export const programmeInputSchema = z
  .object({
    title: typedText().trim().min(1).max(MAX_TITLE_LENGTH),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    location: typedText().trim().min(1).max(MAX_PLACE_LENGTH),
    // A multi-select choice set sends its values joined by commas.
    audiences: z.string().transform((s, ctx) => {
      const parts = [...new Set(s.split(',').map((p) => p.trim()).filter(Boolean))];
      const parsed = z.array(meetingAudienceSchema).min(1).safeParse(parts);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: 'audiences' });
        return z.NEVER;
      }
      return parsed.data;
    }),
    language: workshopLanguageSchema,
    plenaryTitle: shortText(MAX_TITLE_LENGTH),
    // Dialogues in mixed groups: the roles (comma-separated), the group size, the least share, when to announce.
    mixRoles: shortText(MAX_MIX_ROLES_LENGTH),
    mixGroupSize: seatsText,
    mixMinPercent: seatsText,
    mixAnnounceHours: seatsText,
    plenaryFrom: time,
    plenaryTo: time,
    ...Object.fromEntries(range(MAX_ROUNDS).flatMap((r) => [
      [roundField(r, 'From'), time],
      [roundField(r, 'To'), time],
      ...range(MAX_SESSIONS_PER_ROUND).flatMap((s) => [
        [sessionField(r, s, 'Title'), shortText(MAX_TITLE_LENGTH)],
        [sessionField(r, s, 'Host'), shortText(MAX_HOST_LENGTH)],
        [sessionField(r, s, 'Room'), shortText(MAX_ROOM_LENGTH)],
        [sessionField(r, s, 'Seats'), seatsText],
        [sessionField(r, s, 'Mixed'), z.preprocess(blankAsUndefined, z.enum(['true', 'false']).optional())],
      ]),
    ])) as Record<string, z.ZodType<string | undefined>>,
  });
export type ProgrammeInput = z.infer<typeof programmeInputSchema>;

export interface SessionPlan {
  title: string;
  host?: string;
  room?: string;
  seats: number;
  /** A dialogue in mixed groups, by the programme's mix rule. */
  mixed: boolean;
}

/** The programme's mix rule, with when the groups are announced. */
export interface ProgrammeMix extends MixRule {
  announceHours: number;
}

export interface RoundPlan {
  round: number;
  startsAt: Date;
  endsAt: Date;
  sessions: SessionPlan[];
}

export interface ProgrammePlan {
  title: string;
  startsAt: Date;
  endsAt: Date;
  location: WorkshopLocation;
  audiences: MeetingAudience[];
  language: WorkshopLanguage;
  plenary?: { title: string; startsAt: Date; endsAt: Date };
  rounds: RoundPlan[];
  /** Set when a session is a dialogue in mixed groups. */
  mix?: ProgrammeMix;
}

/** What is wrong with a plan, and where on the form: the whole programme, the plenary part, a round or one session. */
export type ProgrammeProblem =
  | { code: 'no-such-date' | 'date-in-the-past' | 'link-not-https' | 'no-rounds' | 'overlap' }
  | { code: 'plenary-time' | 'plenary-in-the-past'; round?: undefined }
  | { code: 'round-time' | 'round-without-sessions' | 'round-in-the-past'; round: number }
  | { code: 'session-without-title' | 'seats-out-of-bounds' | 'mix-impossible' | 'groups-too-late'; round: number; session: number }
  /** The mix: 2 to 4 different roles, a group size of 4 to 12, a least share of 10 to 50 percent, announced 1 to 168 hours before. */
  | { code: 'mix-roles' | 'mix-numbers' };

export type ProgrammeCheck = { ok: true; plan: ProgrammePlan } | { ok: false; problems: ProgrammeProblem[] };

/** A round's or session's field: the schema checks them by name, which its inferred type does not list. */
const field = (input: ProgrammeInput, key: string): string | undefined => {
  const value = (input as unknown as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
};

/** Checks a planning form for sense; `now` and the time zone come from the caller so tests can fix them. */
export function checkProgramme(input: ProgrammeInput, now: Date, timeZone: string): ProgrammeCheck {
  const problems: ProgrammeProblem[] = [];
  const at = (hhmm: string) => instantOf(input.date, hhmm, timeZone);
  if (!instantOf(input.date, '12:00', timeZone)) return { ok: false, problems: [{ code: 'no-such-date' }] };
  const pastDay = input.date < wallClockOf(now, timeZone).date;
  if (pastDay) problems.push({ code: 'date-in-the-past' });
  const location = locationOf(input.location);
  if (!location) problems.push({ code: 'link-not-https' });

  let plenary: ProgrammePlan['plenary'];
  if (input.plenaryTitle || input.plenaryFrom || input.plenaryTo) {
    const startsAt = input.plenaryFrom ? at(input.plenaryFrom) : undefined;
    const endsAt = input.plenaryTo ? at(input.plenaryTo) : undefined;
    if (!input.plenaryTitle || !startsAt || !endsAt || endsAt <= startsAt) problems.push({ code: 'plenary-time' });
    // Born started, a programme could take no choice and no cancellation: refused like a round in the past.
    else if (startsAt <= now && !pastDay) problems.push({ code: 'plenary-in-the-past' });
    else plenary = { title: input.plenaryTitle, startsAt, endsAt };
  }

  const rounds: RoundPlan[] = [];
  // Each session's place on the form, where its problems are said (blank sessions before it are not in the plan).
  const formNumber = new Map<SessionPlan, number>();
  for (const r of range(MAX_ROUNDS)) {
    const from = field(input, roundField(r, 'From'));
    const to = field(input, roundField(r, 'To'));
    const sessions: SessionPlan[] = [];
    let used = Boolean(from || to);
    for (const s of range(MAX_SESSIONS_PER_ROUND)) {
      const title = field(input, sessionField(r, s, 'Title'));
      const host = field(input, sessionField(r, s, 'Host'));
      const room = field(input, sessionField(r, s, 'Room'));
      const seatsText = field(input, sessionField(r, s, 'Seats'));
      // The seats field always holds a number (the form fills in 20): a session counts once something else is typed.
      if (!title && !host && !room) continue;
      used = true;
      const seats = seatsText === undefined ? NaN : Number(seatsText.trim());
      if (!title) problems.push({ code: 'session-without-title', round: r, session: s });
      if (!(seats >= SESSION_SEATS.min && seats <= SESSION_SEATS.max)) problems.push({ code: 'seats-out-of-bounds', round: r, session: s });
      if (!title) continue;
      const session = { title, host, room, seats, mixed: field(input, sessionField(r, s, 'Mixed')) === 'true' };
      sessions.push(session);
      formNumber.set(session, s);
    }
    if (!used) continue;
    const startsAt = from ? at(from) : undefined;
    const endsAt = to ? at(to) : undefined;
    if (!startsAt || !endsAt || endsAt <= startsAt) problems.push({ code: 'round-time', round: r });
    // A day that has passed is said once, for the date; a time today that has passed, for its round.
    else if (startsAt <= now && !pastDay) problems.push({ code: 'round-in-the-past', round: r });
    if (sessions.length === 0 && !problems.some((p) => 'round' in p && p.round === r && 'session' in p)) problems.push({ code: 'round-without-sessions', round: r });
    if (startsAt && endsAt) rounds.push({ round: r, startsAt, endsAt, sessions });
  }
  if (rounds.length === 0 && !problems.some((p) => 'round' in p && p.round !== undefined)) problems.push({ code: 'no-rounds' });
  const mix = rounds.some((r) => r.sessions.some((x) => x.mixed)) ? mixOf(input, problems) : undefined;
  if (mix) {
    for (const r of rounds) {
      for (const x of r.sessions.filter((x) => x.mixed)) {
        const session = formNumber.get(x)!;
        if (!mixPossible(x.seats, mix)) problems.push({ code: 'mix-impossible', round: r.round, session });
        else if (r.startsAt.getTime() - mix.announceHours * 3_600_000 <= now.getTime()) problems.push({ code: 'groups-too-late', round: r.round, session });
      }
    }
  }
  if (problems.length === 0 && overlaps([...(plenary ? [plenary] : []), ...rounds])) problems.push({ code: 'overlap' });
  if (problems.length > 0 || !location) return { ok: false, problems };

  const parts = [...(plenary ? [plenary] : []), ...rounds];
  return {
    ok: true,
    plan: {
      title: input.title,
      startsAt: new Date(Math.min(...parts.map((p) => p.startsAt.getTime()))),
      endsAt: new Date(Math.max(...parts.map((p) => p.endsAt.getTime()))),
      location,
      audiences: input.audiences,
      language: input.language,
      plenary,
      ...(mix ? { mix } : {}),
      // Numbered as shown to people: a blank round 2 between rounds 1 and 3 makes round 3 the second.
      rounds: rounds.map((r, i) => ({ ...r, round: i + 1 })),
    },
  };
}

/** The mix rule as typed; a problem said for the roles or the numbers when they cannot make one. */
function mixOf(input: ProgrammeInput, problems: ProgrammeProblem[]): ProgrammeMix | undefined {
  const roles = [...new Set((input.mixRoles ?? '').split(',').map((r) => r.trim()).filter(Boolean))];
  const number = (text: string | undefined, fallback: number) => (text === undefined ? fallback : Number(text.trim()));
  const groupSize = number(input.mixGroupSize, MIX_DEFAULTS.groupSize);
  const minPercent = number(input.mixMinPercent, MIX_DEFAULTS.minPercent);
  const announceHours = number(input.mixAnnounceHours, MIX_DEFAULTS.announceHours);
  let ok = true;
  if (roles.length < 2 || roles.length > 4 || roles.some((r) => r.length > MAX_ROLE_LENGTH)) {
    problems.push({ code: 'mix-roles' });
    ok = false;
  }
  if (!(groupSize >= 4 && groupSize <= 12 && minPercent >= 10 && minPercent <= 50 && announceHours >= 1 && announceHours <= 168)) {
    problems.push({ code: 'mix-numbers' });
    ok = false;
  }
  return ok ? { roles, groupSize, minPercent, announceHours } : undefined;
}

/** Whether any two parts of the day (the plenary, the rounds) share a moment; rounds must also follow each other in order. */
function overlaps(parts: Array<{ startsAt: Date; endsAt: Date; round?: number }>): boolean {
  const rounds = parts.filter((p) => p.round !== undefined);
  for (let i = 1; i < rounds.length; i++) if (rounds[i]!.startsAt < rounds[i - 1]!.endsAt) return true;
  return parts.some((a, i) => parts.some((b, j) => i < j && a.startsAt < b.endsAt && b.startsAt < a.endsAt));
}

/** A person's place in one round: the session they hold a seat in or wait for. */
export interface RoundChoice {
  sessionId: string;
  status: 'aangemeld' | 'wachtlijst';
}

/**
 * What choosing `target` (a session, or none) in a round means, given what the person holds there now: nothing when
 * it is what they hold; else leave what they hold (its seat is freed at once) and join the target.
 */
export function choiceChange(current: RoundChoice | undefined, target: string | null): { leave?: string; join?: string } | 'unchanged' {
  if ((current?.sessionId ?? null) === target) return 'unchanged';
  return { ...(current ? { leave: current.sessionId } : {}), ...(target ? { join: target } : {}) };
}

/** A session as the programme's card shows it: its place in the round and its seats. */
export interface ProgrammeSession {
  id: string;
  title: string;
  host?: string;
  room?: string;
  seats: number;
  registered: number;
  waiting: number;
  /** A dialogue in mixed groups: choosing it asks one's role. */
  mixed: boolean;
}

/** A planned bijeenkomst with its sessions, as cards read it: its plan, where it lives, its state and its seats. */
export interface Programme extends Omit<ProgrammePlan, 'rounds'>, Omit<WorkshopHome, 'organisation'> {
  id: string;
  organiser: { aadObjectId: string; userId: string };
  status: 'gepland' | 'geannuleerd';
  /** Counts the organiser's changes; a card showing an older version is outdated. */
  version: number;
  rounds: Array<{ round: number; startsAt: Date; endsAt: Date; sessions: ProgrammeSession[] }>;
}

/** A person's places in a programme, per round, with the place on a waiting list where they wait. */
export type MyChoices = Map<number, RoundChoice & { position?: number; role?: string; group?: number }>;

/** Taking part ends at the start of the programme, as a workshop's does; a cancelled one takes nobody. */
export const programmeClosed = (p: Pick<Programme, 'status' | 'startsAt'>, now: Date) => p.status === 'geannuleerd' || p.startsAt.getTime() <= now.getTime();

/** "door Anna de Vries · zaal Utrecht 2": who leads a session and where, as far as the organiser said. */
export function sessionDetails(words: { hostPrefix: string; roomPrefix: string }, x: { host?: string; room?: string }): string {
  return [x.host ? `${words.hostPrefix} ${x.host}` : '', x.room ? `${words.roomPrefix} ${x.room}` : ''].filter(Boolean).join(' · ');
}
