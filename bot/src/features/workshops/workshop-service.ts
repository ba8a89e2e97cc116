import { randomUUID } from 'node:crypto';
import type { EvaluationEnvelope, PublishedEvaluation, SealedEnvelope } from '../signals';
import { type Candidate, proposeDuo, proposePartner } from './duo';
import type { Job, NoticeRequest } from './notices';
import { checkPlan, type PlanCheck, type PlanInput } from './planning';
import { isFinished, type MyStatus, type Person, type Workshop, type WorkshopHome } from './workshop';

/** A facilitator of the pool as the duo proposal needs them, with their name and Entra id for the request. */
export interface PoolMember extends Candidate {
  displayName: string;
  /** Only facilitators Teams can reach are in the pool. */
  aadObjectId: string;
}

/** The workshop and this person's place in it, read in the transaction that changed them: what their card shows. */
export interface SeenByPerson {
  workshop: Workshop;
  status: MyStatus;
}

/** A registration's outcome; with `seen` whenever the workshop exists, so the card needs no second look. */
export type RegisterResult = (
  | { outcome: 'aangemeld' }
  /** `reason` mix: the session had seats, but not for this role, so the groups stay mixed. */
  | { outcome: 'wachtlijst'; position: number; reason?: 'mix' }
  | { outcome: 'al-aangemeld' }
  | { outcome: 'al-op-wachtlijst'; position: number }
  | { outcome: 'gesloten' }
  /** No duo can be found (see lacksDuo): nobody can register until the organiser picks another moment. */
  | { outcome: 'geen-duo' }
  | { outcome: 'verouderd' }
  | { outcome: 'onbekend' }
) & { seen?: SeenByPerson };

/** A cancellation's outcome; with `seen` whenever the workshop exists, as for a registration. */
export type UnregisterResult = ({ outcome: 'afgemeld'; promoted?: Person } | { outcome: 'niet-aangemeld' } | { outcome: 'gesloten' } | { outcome: 'onbekend' }) & {
  seen?: SeenByPerson;
};

export type AnswerResult =
  | { outcome: 'bevestigd' }
  | { outcome: 'wacht-op-ander' }
  /** Declined or lapsed: `next` are the facilitators asked in their place, none when nobody fits. */
  | { outcome: 'nieuw-voorstel'; next: string[] }
  | { outcome: 'al-beantwoord' }
  | { outcome: 'onbekend' };

export type ChangeResult =
  | { outcome: 'gewijzigd' | 'geannuleerd' }
  | { outcome: 'niet-organisator' | 'gesloten' | 'verouderd' | 'onbekend' }
  /** The same change or cancellation sent again (a double click): it was done once, nothing happens twice. */
  | { outcome: 'al-gewijzigd' | 'al-geannuleerd' }
  /** Fewer seats than people registered: nobody loses a seat they were given. */
  | { outcome: 'te-weinig-plaatsen'; registered: number };

/** accept and decline come from the facilitator; expire when they did not answer in time. */
export type DuoAnswer = 'accept' | 'decline' | 'expire';

/** Picks facilitators for the places of the duo still open, from the pool as it is (locked), never one in `exclude`. */
export type CompleteDuo = (workshop: Workshop, pool: PoolMember[], exclude: string[]) => PoolMember[];

export type ChangeNotices = (workshop: Workshop, involved: Array<{ aadObjectId: string; userId?: string }>) => NoticeRequest[];

export interface NewWorkshopRecord {
  id: string;
  /** The planning form; a second press of its button finds the workshop it made. */
  formId: string;
  organiser: Person;
  home: WorkshopHome;
  plan: Omit<Extract<PlanCheck, { ok: true }>['plan'], 'note'>;
  noteSealed?: string;
  jobs: { kind: Job; dueAt: Date }[];
  notices: NoticeRequest[];
  /** The earlier workshop this one repeats: it joins that workshop's series (only its organiser's). */
  seriesOf?: string;
}

/** One workshop of a series with what it counted: participants (kept after retention) and its evaluations. */
export interface SeriesEntry {
  workshop: Workshop;
  participants: number;
  evaluations: number;
  ratingSum: number;
}

/** Storage of workshops. Seats, the waiting list and the duo's answers are decided inside the database. */
export interface WorkshopStore {
  /**
   * Stores the workshop with its jobs and notices, and asks the duo that `propose` picks from the pool as it
   * is inside the same transaction (the pool locked, so two plans at once cannot book one facilitator twice).
   * For a form planned before, returns that workshop's id and changes nothing.
   */
  create(record: NewWorkshopRecord, propose: (pool: PoolMember[]) => PoolMember[], duoNotices: (duo: PoolMember[]) => NoticeRequest[], now: Date): Promise<string>;
  find(id: string): Promise<Workshop | undefined>;
  openNote(workshop: Workshop): Promise<string | undefined>;
  register(id: string, person: Person, cardVersion: number | undefined, now: Date, notices: NoticeRequest[]): Promise<RegisterResult>;
  unregister(id: string, person: Person, now: Date, promotedNotice: (p: Person) => NoticeRequest, notices: NoticeRequest[]): Promise<UnregisterResult>;
  statusOf(id: string, aadObjectId: string): Promise<MyStatus>;
  /** Registered participants (not the waiting list). */
  participants(id: string): Promise<Person[]>;
  /**
   * Records a facilitator's answer. On a decline, `complete` picks who is asked instead inside the same
   * transaction (or none), and the notices for them and for the organiser are queued with it. The same answer
   * again is answered as the first was, and changes nothing.
   */
  answer(
    id: string,
    facilitatorId: string,
    answer: DuoAnswer,
    complete: CompleteDuo,
    notices: (workshop: Workshop, outcome: AnswerResult) => NoticeRequest[],
    now: Date,
  ): Promise<AnswerResult>;
  /**
   * `notices` gets the changed workshop and everyone involved: the registered, the waiting list and the duo.
   * More seats move the first on the waiting list up, each told by `promotedNotice`. A duo still incomplete at
   * the new moment is completed by `complete` (a Sunday moved to a weekday finds its facilitators), each asked by
   * `duoNotices`. The same change sent again changes nothing.
   */
  move(
    id: string,
    organiserAad: string,
    cardVersion: number,
    plan: NewWorkshopRecord['plan'],
    jobs: NewWorkshopRecord['jobs'],
    notices: ChangeNotices,
    promotedNotice: (p: Person) => NoticeRequest,
    duo: { complete: CompleteDuo; notices: (asked: PoolMember[]) => NoticeRequest[] },
    now: Date,
  ): Promise<ChangeResult>;
  cancel(id: string, organiserAad: string, cardVersion: number, notices: ChangeNotices, now: Date): Promise<ChangeResult>;
  /** Open Rijk-wide workshops from now on, soonest first. */
  openRijksbreed(now: Date, limit: number): Promise<Workshop[]>;
  /** Workshops this person is registered or waiting for, from now on. */
  mine(aadObjectId: string, now: Date): Promise<Array<{ workshop: Workshop; status: MyStatus }>>;
  /**
   * Notes that this participant evaluated (false when they had already) and hands the evaluation, without the
   * person, to the mixer as its envelope: one transaction, so the note and the envelope exist together or not at all.
   */
  evaluate(id: string, aadObjectId: string, envelope: SealedEnvelope): Promise<boolean>;
  /** Whether this facilitator is one of the workshop's accepted duo. */
  isFacilitator(id: string, aadObjectId: string): Promise<boolean>;
  /** Whether this person is the pool's facilitator `facilitatorId` and was ever asked for this workshop, whatever they answered. */
  wasAsked(id: string, facilitatorId: string, aadObjectId: string): Promise<boolean>;
  enqueue(id: string, notices: NoticeRequest[]): Promise<void>;
  claimInvitation(id: string): Promise<boolean>;
  setInvitation(id: string, activityId: string | null): Promise<void>;
  /** The workshops of a series, first first. */
  series(seriesId: string): Promise<SeriesEntry[]>;
  /** Requests still open that were sent before `askedBefore`. */
  unansweredSince(askedBefore: Date): Promise<Array<{ workshopId: string; facilitatorId: string }>>;
}

export interface WorkshopSealing {
  sealNote(text: string, workshopId: string): string;
  sealTakeaway(text: string, workshopId: string, evaluationId: string): string;
}

/** An evaluation leaves through the mixer (domain/mixing): sealed here, stored with the participant's note. */
export interface EvaluationMixer {
  prepare(envelope: Omit<EvaluationEnvelope, 'publishAfter'>, repeatKey: string): SealedEnvelope;
}

/** The row an evaluation becomes when the mixer publishes it: no person, its takeaway sealed to its new id. */
export function publishedEvaluation(e: EvaluationEnvelope, id: string, sealing: WorkshopSealing): PublishedEvaluation {
  return { id, workshopId: e.workshopId, rating: e.rating, takeawaySealed: e.takeaway === null ? null : sealing.sealTakeaway(e.takeaway, e.workshopId, id) };
}

export interface WorkshopSettings {
  timeZone: string;
  /** Hours a facilitator has to answer a request before the next is asked. */
  duoAnswerHours: number;
}

const HOUR = 60 * 60 * 1000;

/** Planning, the duo, registration and changes: the rules, with the database deciding what must be atomic. */
export class WorkshopService {
  constructor(
    private readonly store: WorkshopStore,
    private readonly sealing: WorkshopSealing,
    private readonly settings: WorkshopSettings,
    private readonly evaluations: EvaluationMixer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Plans a workshop: checks the form, proposes a duo, queues their requests and the reminders. */
  async plan(
    formId: string,
    input: PlanInput,
    organiser: Person,
    home: WorkshopHome,
    seriesOf?: string,
  ): Promise<{ outcome: 'gepland'; workshop: Workshop } | Exclude<PlanCheck, { ok: true }>> {
    const check = checkPlan(input, this.clock(), this.settings.timeZone);
    if (!check.ok) return check;
    const { note, ...plan } = check.plan;
    const id = randomUUID();
    const storedId = await this.store.create(
      {
        id,
        formId,
        organiser,
        home,
        plan,
        noteSealed: note ? this.sealing.sealNote(note, id) : undefined,
        jobs: jobsFor(plan.startsAt, plan.endsAt, this.clock()),
        // The planning card in the channel becomes the invitation for everyone.
        notices: [invitationUpdate(id)],
        seriesOf,
      },
      (pool) => proposeDuo(pool, { startsAt: plan.startsAt, endsAt: plan.endsAt, language: plan.language, teamOrganisation: home.organisation }) ?? [],
      (duo) =>
        duo.length > 0
          ? duo.map((f) => duoRequest(id, f))
          : [{ notice: 'duo-not-found', recipient: personOf(organiser), idempotencyKey: `duo-not-found:${id}:0` }],
      this.clock(),
    );
    const workshop = await this.store.find(storedId);
    if (!workshop) throw new Error('workshop vanished after it was stored');
    return { outcome: 'gepland', workshop };
  }

  find(id: string): Promise<Workshop | undefined> {
    return this.store.find(id);
  }

  statusOf(id: string, aadObjectId: string): Promise<MyStatus> {
    return this.store.statusOf(id, aadObjectId);
  }

  /** The series of a workshop, for its organiser only; undefined for anyone else or a workshop in no series. */
  async series(id: string, organiser: Person): Promise<{ workshop: Workshop; entries: SeriesEntry[] } | undefined> {
    const workshop = await this.store.find(id);
    if (!workshop?.seriesId || workshop.organiser.aadObjectId !== organiser.aadObjectId) return undefined;
    // Only its organiser ever adds to a series (the store checks it), so every entry is theirs, those whose people
    // retention forgot too.
    return { workshop, entries: await this.store.series(workshop.seriesId) };
  }

  /** Who may download the workshop's calendar file: the registered, the organiser and the accepted duo. */
  async calendarHolders(workshop: Workshop): Promise<Array<{ aadObjectId: string }>> {
    const duo = workshop.duo.filter((m) => m.status === 'geaccepteerd' && m.aadObjectId).map((m) => ({ aadObjectId: m.aadObjectId! }));
    return [...(await this.store.participants(workshop.id)), workshop.organiser, ...duo];
  }

  openNote(workshop: Workshop): Promise<string | undefined> {
    return this.store.openNote(workshop);
  }

  /** A seat if one is free, else the waiting list; the shared card is refreshed for everyone through the outbox. */
  register(id: string, person: Person, cardVersion?: number): Promise<RegisterResult> {
    return this.store.register(id, person, cardVersion, this.clock(), [invitationUpdate(id)]);
  }

  /** Frees the seat; the first on the waiting list moves up and is told personally. */
  unregister(id: string, person: Person): Promise<UnregisterResult> {
    return this.store.unregister(id, person, this.clock(), promotedNotice(id), [invitationUpdate(id)]);
  }

  /** Takes the right to post a workshop's invitation: true for the first to ask while it has none. */
  claimInvitation(id: string): Promise<boolean> {
    return this.store.claimInvitation(id);
  }

  /** The message that shows the invitation, or none (a post that failed: the claim is let go). */
  setInvitation(id: string, activityId: string | null): Promise<void> {
    return this.store.setInvitation(id, activityId);
  }

  /** Whether this person is one of the workshop's accepted facilitators. */
  isFacilitator(id: string, aadObjectId: string): Promise<boolean> {
    return this.store.isFacilitator(id, aadObjectId);
  }

  wasAsked(id: string, facilitatorId: string, aadObjectId: string): Promise<boolean> {
    return this.store.wasAsked(id, facilitatorId, aadObjectId);
  }

  /** A facilitator accepts or declines (or let the time pass); a decline asks the next one who fits beside the partner. */
  answerRequest(id: string, facilitatorId: string, answer: DuoAnswer): Promise<AnswerResult> {
    return this.store.answer(id, facilitatorId, answer, completeDuo, (workshop, result) => this.answerNotices(workshop, result), this.clock());
  }

  /** The organiser moves the workshop: everyone involved is told, the reminders follow the new time. */
  async move(id: string, organiser: Person, cardVersion: number, input: PlanInput): Promise<ChangeResult | Exclude<PlanCheck, { ok: true }>> {
    const check = checkPlan({ ...input, seatsConfirmed: true }, this.clock(), this.settings.timeZone);
    if (!check.ok) return check;
    const { note: _note, ...plan } = check.plan;
    return this.store.move(
      id,
      organiser.aadObjectId,
      cardVersion,
      plan,
      jobsFor(plan.startsAt, plan.endsAt, this.clock()),
      everyoneInvolved('moved'),
      promotedNotice(id),
      { complete: completeDuo, notices: (asked) => asked.map((f) => duoRequest(id, f)) },
      this.clock(),
    );
  }

  cancel(id: string, organiser: Person, cardVersion: number): Promise<ChangeResult> {
    return this.store.cancel(id, organiser.aadObjectId, cardVersion, everyoneInvolved('cancelled'), this.clock());
  }

  openRijksbreed(limit = 10): Promise<Workshop[]> {
    return this.store.openRijksbreed(this.clock(), limit);
  }

  mine(aadObjectId: string) {
    return this.store.mine(aadObjectId, this.clock());
  }

  /** Gives up every seat and waiting place for workshops still to come (deleting one's data): the list moves up. */
  async giveUpUpcoming(person: Person): Promise<number> {
    let given = 0;
    for (const { workshop } of await this.store.mine(person.aadObjectId, this.clock())) {
      if ((await this.unregister(workshop.id, person)).outcome === 'afgemeld') given++;
    }
    return given;
  }

  /** A rating and one takeaway, kept without the person. Only after the workshop, once per person. */
  async evaluate(id: string, person: Person, rating: number, takeaway?: string): Promise<'bewaard' | 'al-gedaan' | 'niet-deelnemer' | 'te-vroeg'> {
    const workshop = await this.store.find(id);
    if (!workshop) return 'niet-deelnemer';
    if (!isFinished(workshop, this.clock())) return 'te-vroeg';
    const status = await this.store.statusOf(id, person.aadObjectId);
    if (status.status !== 'aangemeld') return 'niet-deelnemer';
    // The registration's note stops a second evaluation; the envelope needs no guard that names the person.
    const envelope = this.evaluations.prepare({ kind: 'evaluation', workshopId: id, rating, takeaway: takeaway ?? null }, `evaluation:${randomUUID()}`);
    return (await this.store.evaluate(id, person.aadObjectId, envelope)) ? 'bewaard' : 'al-gedaan';
  }

  /** A facilitator sends every participant the referral options after a heavy session. */
  async sendFollowUp(id: string, facilitator: Person): Promise<'verstuurd' | 'geen-begeleider'> {
    if (!(await this.store.isFacilitator(id, facilitator.aadObjectId))) return 'geen-begeleider';
    const participants = await this.store.participants(id);
    await this.store.enqueue(
      id,
      participants.map((p) => ({ notice: 'follow-up', recipient: personOf(p), idempotencyKey: `follow-up:${id}:${p.aadObjectId}` })),
    );
    return 'verstuurd';
  }

  /** "Ik wil graag een nagesprek": the facilitators hear it (and who asks, to call them back), the channel does not. */
  async askAftercare(id: string, participant: Person & { name: string }): Promise<'gevraagd' | 'niet-deelnemer' | 'geen-begeleiders'> {
    const workshop = await this.store.find(id);
    const status = await this.store.statusOf(id, participant.aadObjectId);
    if (!workshop || status.status !== 'aangemeld') return 'niet-deelnemer';
    const facilitators = workshop.duo.filter((m) => m.status === 'geaccepteerd' && m.aadObjectId);
    // Nobody to ask (a session, led by its host): said so, never "asked".
    if (facilitators.length === 0) return 'geen-begeleiders';
    // The facilitator learns who asks (they will call them); the key makes one request per person.
    await this.store.enqueue(
      id,
      facilitators.map((f) => ({
        notice: 'nagesprek',
        recipient: { kind: 'person', aadObjectId: f.aadObjectId!, about: { name: participant.name } },
        idempotencyKey: `nagesprek:${id}:${participant.aadObjectId}:${f.facilitatorId}`,
      })),
    );
    return 'gevraagd';
  }

  /**
   * A facilitator sends a place from the sociale kaart to a registered participant of a workshop they
   * facilitate; the bot delivers it in the participant's 1:1 chat. The same place reaches a person once.
   */
  async sendPlace(id: string, facilitatorAad: string, participantAad: string, placeId: string): Promise<'verstuurd' | 'niet-begeleider' | 'niet-deelnemer'> {
    if (!(await this.store.isFacilitator(id, facilitatorAad))) return 'niet-begeleider';
    const participant = (await this.store.participants(id)).find((p) => p.aadObjectId === participantAad);
    if (!participant) return 'niet-deelnemer';
    await this.store.enqueue(id, [
      { notice: 'place', recipient: { ...personOf(participant), place: placeId }, idempotencyKey: `place:${id}:${participantAad}:${placeId}` },
    ]);
    return 'verstuurd';
  }

  /** Requests nobody answered within the configured hours: they lapse, and the next facilitator is asked. */
  async expireUnanswered(): Promise<number> {
    const before = new Date(this.clock().getTime() - this.settings.duoAnswerHours * HOUR);
    const open = await this.store.unansweredSince(before);
    for (const { workshopId, facilitatorId } of open) await this.answerRequest(workshopId, facilitatorId, 'expire');
    return open.length;
  }

  private answerNotices(workshop: Workshop, result: AnswerResult): NoticeRequest[] {
    const organiser = personOf(workshop.organiser);
    if (result.outcome === 'bevestigd') return [{ notice: 'duo-confirmed', recipient: organiser, idempotencyKey: `duo-confirmed:${workshop.id}` }, invitationUpdate(workshop.id)];
    if (result.outcome !== 'nieuw-voorstel') return [];
    if (result.next.length === 0) return [{ notice: 'duo-not-found', recipient: organiser, idempotencyKey: `duo-not-found:${workshop.id}:${Date.now()}` }];
    return workshop.duo
      .filter((m) => result.next.includes(m.facilitatorId) && m.aadObjectId)
      .map((m) => duoRequest(workshop.id, { id: m.facilitatorId, aadObjectId: m.aadObjectId! }));
  }
}

/**
 * The open places of the duo, filled by the pool's rules (duo.ts): beside the facilitator who stays, or a whole
 * new pair when nobody does; none when nobody fits.
 */
const completeDuo: CompleteDuo = (workshop, pool, exclude) => {
  if (workshop.duo.length >= 2) return [];
  const request = { startsAt: workshop.startsAt, endsAt: workshop.endsAt, language: workshop.language, teamOrganisation: workshop.organisation, exclude };
  const [stays] = workshop.duo;
  if (!stays) return proposeDuo(pool, request) ?? [];
  const partner = pool.find((p) => p.id === stays.facilitatorId);
  const next = partner && proposePartner(pool, partner, request);
  return next ? [next] : [];
};

/** Everyone involved hears of a move or cancellation once per change; the shared card updates too. */
const everyoneInvolved =
  (notice: 'moved' | 'cancelled'): ChangeNotices =>
  (w, involved) => [
    ...involved.map((p): NoticeRequest => ({
      notice,
      recipient: { kind: 'person', aadObjectId: p.aadObjectId, userId: p.userId },
      idempotencyKey: `${notice}:${w.id}:v${w.version}:${p.aadObjectId}`,
    })),
    invitationUpdate(w.id),
  ];

function duoRequest(workshopId: string, f: { id: string; aadObjectId: string }): NoticeRequest {
  return { notice: 'duo-request', recipient: { kind: 'person', aadObjectId: f.aadObjectId }, idempotencyKey: `duo-request:${workshopId}:${f.id}` };
}

/** A reminder whose moment has passed at planning time would arrive too late to help: it is not scheduled. */
export function jobsFor(startsAt: Date, endsAt: Date, now: Date): NewWorkshopRecord['jobs'] {
  const jobs: NewWorkshopRecord['jobs'] = [
    { kind: 'reminder-day', dueAt: new Date(startsAt.getTime() - 24 * HOUR) },
    { kind: 'reminder-hour', dueAt: new Date(startsAt.getTime() - HOUR) },
  ];
  return [...jobs.filter((j) => j.dueAt.getTime() > now.getTime()), { kind: 'evaluation', dueAt: endsAt }];
}

/** A person moved up from the waiting list; they may move up again after leaving and coming back, hence the time. */
export const promotedNotice =
  (workshopId: string) =>
  (promoted: Person): NoticeRequest => ({
    notice: 'promoted',
    recipient: personOf(promoted),
    idempotencyKey: `promoted:${workshopId}:${promoted.aadObjectId}:${Date.now()}`,
  });

function invitationUpdate(workshopId: string): NoticeRequest {
  return { notice: 'invitation-update', recipient: { kind: 'channel' }, idempotencyKey: `invitation-update:${workshopId}` };
}

const personOf = (p: Person): Extract<NoticeRequest['recipient'], { kind: 'person' }> => ({ kind: 'person', aadObjectId: p.aadObjectId, userId: p.userId });
