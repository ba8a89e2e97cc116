import { randomUUID } from 'node:crypto';
import type { NoticeRequest } from './notices';
import { checkProgramme, type MyChoices, type Programme, type ProgrammeCheck, type ProgrammeInput, type ProgrammePlan, type ProgrammeSession } from './programme';
import type { Person, WorkshopHome } from './workshop';
import type { NewWorkshopRecord } from './workshop-service';
import { jobsFor, promotedNotice } from './workshop-service';

export interface NewProgrammeRecord {
  id: string;
  /** The planning form; a second press of its button finds the programme it made. */
  formId: string;
  organiser: Person;
  home: Omit<WorkshopHome, 'organisation'>;
  plan: ProgrammePlan;
  /** Each session's reminders and evaluation, from its round's times. */
  jobsFor: (startsAt: Date, endsAt: Date) => NewWorkshopRecord['jobs'];
}

/** What a person's choices did, round by round; or why nothing changed. */
export type ChooseResult =
  | {
      outcome: 'gekozen';
      rounds: Array<{ round: number; outcome: 'aangemeld' | 'afgemeld' | 'ongewijzigd' } | { round: number; outcome: 'wachtlijst'; position: number; reason?: 'mix'; sessionId: string }>;
    }
  /** Cancelled or started; a card older than the programme; no such programme; a session not of that round; a dialogue without one's role. */
  | { outcome: 'gesloten' | 'verouderd' | 'onbekend' | 'geen-sessie' | 'rol-nodig' | 'groepen-gemaakt' };

export type ProgrammeCancelResult = 'geannuleerd' | 'al-geannuleerd' | 'niet-organisator' | 'gesloten' | 'verouderd' | 'onbekend';

/** Who registered for one session and who waits, in the order of the list: for the organiser only. */
export interface SessionParticipants {
  round: number;
  session: ProgrammeSession;
  registered: string[];
  waiting: string[];
  /** A dialogue's groups, once divided: the names in each. */
  groups?: Array<{ number: number; names: string[]; short: boolean }>;
}

/** Storage of programmes. Choices are decided inside the database, the programme locked, each session as a workshop. */
export interface ProgrammeStore {
  /** Stores the programme, its sessions and their jobs; for a form planned before, returns that programme's id. */
  create(record: NewProgrammeRecord): Promise<string>;
  find(id: string): Promise<Programme | undefined>;
  /** Open Rijk-wide programmes from now on, soonest first. */
  openRijksbreed(now: Date, limit: number): Promise<Programme[]>;
  choicesOf(id: string, aadObjectId: string): Promise<MyChoices>;
  /**
   * Applies a person's choice per round in one transaction: what they held in a round is given up first (its seat
   * goes to the first who waits, told by `promotedNotice`), then the chosen session gives a seat or a place on its list.
   */
  choose(
    id: string,
    person: Person,
    choices: Array<{ round: number; sessionId: string | null }>,
    cardVersion: number,
    now: Date,
    promotedNotice: (sessionId: string) => (p: Person) => NoticeRequest,
    role?: string,
  ): Promise<ChooseResult>;
  /** Per session, the names of who registered and who waits; undefined for anyone but the organiser. */
  participants(id: string, organiserAad: string): Promise<SessionParticipants[] | undefined>;
  /** The names of a dialogue's group but `except`'s, in the order they registered: told to its members. */
  groupMembers(sessionId: string, group: number, except: string): Promise<string[]>;
  /** Everyone with a seat in a session of the programme, with those sessions: who may download its calendar file. */
  seatHolders(id: string): Promise<Array<{ aadObjectId: string; sessions: string[] }>>;
  cancel(id: string, organiserAad: string, cardVersion: number, now: Date, notices: (involved: Person[], version: number) => NoticeRequest[]): Promise<ProgrammeCancelResult>;
}

/** Planning a bijeenkomst, choosing sessions, and the organiser's view. */
export class ProgrammeService {
  constructor(
    private readonly store: ProgrammeStore,
    private readonly settings: { timeZone: string },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async plan(formId: string, input: ProgrammeInput, organiser: Person, home: NewProgrammeRecord['home']): Promise<{ outcome: 'gepland'; programme: Programme } | Exclude<ProgrammeCheck, { ok: true }>> {
    const check = checkProgramme(input, this.clock(), this.settings.timeZone);
    if (!check.ok) return check;
    const now = this.clock();
    const id = await this.store.create({ id: randomUUID(), formId, organiser, home, plan: check.plan, jobsFor: (s, e) => jobsFor(s, e, now) });
    const programme = await this.store.find(id);
    if (!programme) throw new Error('programme vanished after it was stored');
    return { outcome: 'gepland', programme };
  }

  find(id: string): Promise<Programme | undefined> {
    return this.store.find(id);
  }

  openRijksbreed(limit: number): Promise<Programme[]> {
    return this.store.openRijksbreed(this.clock(), limit);
  }

  choicesOf(id: string, aadObjectId: string): Promise<MyChoices> {
    return this.store.choicesOf(id, aadObjectId);
  }

  /** One session (or none) per round; the shared card is refreshed for everyone through the outbox. */
  choose(id: string, person: Person, choices: Array<{ round: number; sessionId: string | null }>, cardVersion: number, role?: string): Promise<ChooseResult> {
    return this.store.choose(id, person, choices, cardVersion, this.clock(), promotedNotice, role);
  }

  participants(id: string, organiser: Person): Promise<SessionParticipants[] | undefined> {
    return this.store.participants(id, organiser.aadObjectId);
  }

  seatHolders(id: string): Promise<Array<{ aadObjectId: string; sessions: string[] }>> {
    return this.store.seatHolders(id);
  }

  groupMembers(sessionId: string, group: number, except: string): Promise<string[]> {
    return this.store.groupMembers(sessionId, group, except);
  }

  /** Everyone with a seat or a place on a list hears it once; every session is cancelled with the programme. */
  cancel(id: string, organiser: Person, cardVersion: number): Promise<ProgrammeCancelResult> {
    return this.store.cancel(id, organiser.aadObjectId, cardVersion, this.clock(), (involved, version) =>
      involved.map((p) => ({
        notice: 'cancelled',
        recipient: { kind: 'person', aadObjectId: p.aadObjectId, userId: p.userId },
        idempotencyKey: `cancelled:programme:${id}:v${version}:${p.aadObjectId}`,
      })),
    );
  }
}
