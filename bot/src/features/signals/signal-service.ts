import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { typedText } from '../../shared/typed-text';
import type { Envelope, SignalEnvelope } from './mixing/envelope';
import { dayOf } from '../../shared/dates';
import type { PublishedSignal } from './mixing/mixer';
import { type Referral, route, type RoutingAdvice, type RoutingRule, type StaffedInbox } from '../kaart';
import { anonymitySchema, type Anonymity, categorySchema, organisationSchema, type ReferralRole, type Relation, relationSchema, type SignalStatus, wishSchema, type Wish } from '../../shared/signal-vocabulary';

export const MAX_DESCRIPTION_LENGTH = 2000;
const MAX_CODE_ATTEMPTS = 5;

/** What the reporter chose on the form. The teams layer validates the card submit against this. */
export const signalSubmissionSchema = z.object({
  /** Identifies one form, so pressing "Versturen" twice stores one signal. */
  submissionId: z.string().uuid(),
  organisation: organisationSchema,
  category: categorySchema,
  wish: wishSchema,
  anonymity: anonymitySchema,
  relation: relationSchema.optional(),
  description: typedText().max(MAX_DESCRIPTION_LENGTH).optional(),
});
export type SignalSubmission = z.infer<typeof signalSubmissionSchema>;


export interface NewSignalRecord {
  id: string;
  caseCodeHmac: Buffer;
  submissionHmac: Buffer;
  organisation: SignalSubmission['organisation'];
  category: SignalSubmission['category'];
  wish: Wish;
  anonymity: Anonymity;
  /**
   * Who the other person was (or that nothing was said), sealed under an id of its own: stored apart from the signal
   * until its quarter has settled, then only counted (relation_pending, relation_counts).
   */
  relationPending: { id: string; sealed: string };
  urgency: RoutingAdvice['urgency'];
  inboxRole: ReferralRole | null;
  status: SignalStatus;
  descriptionSealed: string | null;
  /** The case code itself, sealed, for the handler's desk: only for a signal that goes to an inbox. */
  caseCodeSealed: string | null;
  reporterAadObjectId: string | null;
  /** The name a "vertrouwelijk" reporter gave, sealed: for the counsellor who opens the signal. */
  reporterNameSealed: string | null;
  replyRouteSealed: string | null;
}

/** What a reporter may see of a signal: never the text back, never who handles it by name. */
export interface SignalSummary {
  /** Internal: links the follow-up; never shown. */
  id: string;
  category: SignalSubmission['category'];
  wish: Wish;
  anonymity: Anonymity;
  status: SignalStatus;
  organisation: SignalSubmission['organisation'];
  createdAt: Date;
  reporterAadObjectId: string | null;
  /** Internal: to check that a look-up comes from the reporter's own chat; never shown. */
  replyRouteSealed: string | null;
  /** The day a contact person first took it on or answered: its receipt confirmed. */
  takenOnAt: Date | null;
  /** When someone of the desk first opened it (the reporter sees the day). */
  firstOpenedAt: Date | null;
}

/** Storage of signals; the database decides uniqueness of codes and submissions. */
export interface SignalStore {
  insert(record: PublishedSignal): Promise<'stored' | 'duplicate-submission' | 'duplicate-code'>;
  findByCaseCode(hmacs: Buffer[]): Promise<SignalSummary | undefined>;
  /** Whether the signal with one of these code HMACs is the one this form became. */
  codeBelongsToSubmission(codeHmacs: Buffer[], submissionHmacs: Buffer[]): Promise<boolean>;
  listByReporter(aadObjectId: string): Promise<SignalSummary[]>;
  /** Open signals routed to one role in one organisation, oldest first. */
  inbox(organisation: SignalSubmission['organisation'], role: ReferralRole): Promise<SignalSummary[]>;
}

/** The cryptography the service needs, without saying how (see bot/src/platform/crypto). */
export interface SignalSealing {
  sealText(text: string, signalId: string): string;
  sealCaseCode(code: string, signalId: string): string;
  sealReplyRoute(reference: object, signalId: string): string;
  sealReporterName(name: string, signalId: string): string;
  sealRelation(relation: Relation | null, pendingId: string): string;
  caseCodeHmac(code: string): Buffer;
  openReplyRoute(sealed: string, signalId: string): { conversation?: { id?: string } };
  /** The code's HMAC under every key still in use, so codes from before a key rotation are found. */
  caseCodeHmacs(code: string): Buffer[];
  submissionHmac(submissionId: string): Buffer;
  submissionHmacs(submissionId: string): Buffer[];
  /** The case code of a form, for the n-th try (a try moves on only when a code is taken). */
  caseCodeFor(submissionId: string, attempt: number): string;
}

export type SignalRecordFields = Omit<SignalEnvelope, 'publishAfter' | 'kind'> & { reporterAadObjectId: string | null; reporterName: string | null };

export interface Reporter {
  aadObjectId?: string;
  /** The name Teams gives for the person; kept (sealed) only for a "vertrouwelijk" signal. */
  name?: string;
  /** The conversation reference through which an answer can reach the reporter. */
  replyRoute?: object;
}

/** How a stored signal reaches its desk: at once (with a name, nothing to hide), or through the mixer. */
export type Arrival = { via: 'direct' } | { via: 'mixer'; withinMs: number };

export type SubmitResult =
  | { outcome: 'stored'; caseCode: string; status: SignalStatus; advice: RoutingAdvice; submission: SignalSubmission; textKept: boolean; arrival: Arrival }
  | { outcome: 'already-submitted'; caseCode?: string };

/** What the signal service asks of the mixer (domain/mixing): anonymous signals go through it. */
export interface SignalMixer {
  readonly policy: { maxDelayMs: number };
  enqueue(
    envelope: Omit<SignalEnvelope, 'publishAfter'>,
    repeatKey: string,
    o: { caseCode: string; publishedAs: Buffer[]; codeHmacs: Buffer[] },
  ): Promise<'stored' | 'repeat' | 'code-taken'>;
  isCodeWaiting(caseCode: string): Promise<boolean>;
  waiting(): Promise<Envelope[]>;
}

/** A counsellor reads the signal: for "een gesprek", and for "laten lezen" (read, nobody contacts the person). */
export const goesToReader = (wish: Wish) => wish === 'gesprek' || wish === 'laten-lezen';

/** Only "een gesprek" asks for an answer: the only wish that keeps a way back to the person. */
export const wantsAnswer = (wish: Wish) => wish === 'gesprek';

/** What makes a second press of the same form a repeat, for the mixer's guard. */
const formRepeatKey = (submissionId: string) => `signal-form:${submissionId}`;

/**
 * The row a signal becomes, with its sealed parts bound to its id: for a named signal at once, for an anonymous
 * one when the mixer publishes it (with a new id, so nothing in the row was known when the person sent it).
 */
export function signalRecord(e: SignalRecordFields, id: string, sealing: SignalSealing): PublishedSignal {
  const pendingId = randomUUID();
  return {
    id,
    caseCodeHmac: sealing.caseCodeHmac(e.caseCode),
    submissionHmac: sealing.submissionHmac(e.submissionId),
    organisation: e.organisation,
    category: e.category,
    wish: e.wish,
    anonymity: e.anonymity,
    relationPending: { id: pendingId, sealed: sealing.sealRelation(e.relation ?? null, pendingId) },
    urgency: e.urgency as RoutingAdvice['urgency'],
    inboxRole: e.inboxRole as ReferralRole | null,
    status: e.status,
    descriptionSealed: e.description === null ? null : sealing.sealText(e.description, id),
    // The handler quotes the code the reporter holds; a signal nobody handles needs no readable code.
    caseCodeSealed: e.status === 'nieuw' ? sealing.sealCaseCode(e.caseCode, id) : null,
    reporterAadObjectId: e.reporterAadObjectId,
    reporterNameSealed: e.reporterName ? sealing.sealReporterName(e.reporterName, id) : null,
    replyRouteSealed: e.replyRoute === null ? null : sealing.sealReplyRoute(e.replyRoute, id),
    createdOn: e.day,
  };
}

export class SignalService {
  constructor(
    private readonly store: SignalStore,
    private readonly sealing: SignalSealing,
    private readonly directory: () => Promise<{ rules: RoutingRule[]; referrals: Referral[]; staffed: StaffedInbox[] }>,
    private readonly mixer: SignalMixer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * A reporter looks a signal up by its code. A "vertrouwelijk" signal shows only to the person who
   * sent it; for anyone else it is as if the code does not exist, so a code reveals nothing it should not.
   * A signal still waiting in the mixer is found too, by the same rules.
   */
  async lookUp(caseCode: string, requester: { aadObjectId?: string; conversationId: string }): Promise<LookedUp | undefined> {
    const hmacs = this.sealing.caseCodeHmacs(caseCode);
    // A publication moves a signal from the mixer to its table in one transaction: published between the first two
    // looks, it is found by the third (the cheap look comes first, so the usual look-up opens no envelope).
    const found =
      (await this.store.findByCaseCode(hmacs)) ?? (await this.waitingSignal(caseCode)) ?? (await this.store.findByCaseCode(hmacs));
    if (!found) return undefined;
    switch (found.anonymity) {
      case 'vertrouwelijk':
        return requester.aadObjectId && found.reporterAadObjectId === requester.aadObjectId ? found : undefined;
      case 'anoniem':
        // With a reply route the code works only in the chat the signal came from: a code seen over a
        // shoulder opens nothing. Without one (counted signals) the code is all there is.
        return !found.replyRouteSealed || this.routeConversation(found) === requester.conversationId ? found : undefined;
      default:
        // Volledig anoniem: no route to check against, so the code is the only key (its receipt says so).
        return found;
    }
  }

  /**
   * The inbox of a referral role in an organisation (the tab's "Signalen" shows it). An anonymous
   * signal carries no identity here either: only a "vertrouwelijk" one names its reporter's object id.
   */
  async inbox(organisation: SignalSubmission['organisation'], role: ReferralRole): Promise<SignalSummary[]> {
    return this.store.inbox(organisation, role);
  }

  /** Mijn gegevens: the signals that carry my name. Anonymous ones cannot be tied to anyone. */
  async mine(aadObjectId: string): Promise<SignalSummary[]> {
    return this.store.listByReporter(aadObjectId);
  }

  async submit(input: SignalSubmission, reporter: Reporter): Promise<SubmitResult> {
    const submission = signalSubmissionSchema.parse(input);
    const { rules, referrals, staffed } = await this.directory();
    const advice = route(submission, rules, referrals, staffed);
    const handled = goesToReader(submission.wish) && advice.hasInbox;
    const description = submission.description?.trim() || null;
    const named = submission.anonymity === 'vertrouwelijk';
    const fields = {
      day: dayOf(this.clock()),
      submissionId: submission.submissionId,
      organisation: submission.organisation,
      category: submission.category,
      wish: submission.wish,
      anonymity: submission.anonymity,
      relation: submission.relation ?? null,
      urgency: advice.urgency,
      inboxRole: handled ? advice.inboxRole : null,
      status: handled ? ('nieuw' as const) : ('geteld' as const),
      // Least data: only someone who will read it gets the text; for the other wishes nobody would.
      description: handled ? description : null,
      // Least data: a name only when the person chose it, a reply route only when someone will answer.
      reporterAadObjectId: named ? (reporter.aadObjectId ?? null) : null,
      // Only for someone who opens it (a signal nobody reads keeps none), and only beside the object id by which
      // Mijn gegevens finds and deletes it.
      reporterName: named && handled && reporter.aadObjectId ? reporter.name?.trim().slice(0, 200) || null : null,
      replyRoute:
        handled && wantsAnswer(submission.wish) && submission.anonymity !== 'volledig-anoniem' && reporter.replyRoute
          ? (reporter.replyRoute as Record<string, unknown>)
          : null,
    };
    const arrival: Arrival = named ? { via: 'direct' } : { via: 'mixer', withinMs: this.mixer.policy.maxDelayMs };
    const stored = (caseCode: string): SubmitResult => ({
      outcome: 'stored',
      caseCode,
      status: fields.status,
      advice,
      submission,
      textKept: fields.description !== null,
      arrival,
    });

    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const caseCode = this.sealing.caseCodeFor(submission.submissionId, attempt);
      if (named) {
        // A name is no secret to hide: the signal is stored at once.
        const result = await this.store.insert(signalRecord({ ...fields, caseCode }, randomUUID(), this.sealing));
        if (result === 'stored') return stored(caseCode);
        if (result === 'duplicate-submission') return this.receiptAgain(submission.submissionId);
        continue;
      }
      const { reporterAadObjectId: _none, reporterName: _nameless, ...anonymous } = fields;
      // Whether the form was published already, and whether a published signal holds this code, are looked at with
      // the envelope, under the publishing lock: the first press may be published in between.
      const result = await this.mixer.enqueue({ kind: 'signal', ...anonymous, caseCode }, formRepeatKey(submission.submissionId), {
        caseCode,
        publishedAs: this.sealing.submissionHmacs(submission.submissionId),
        codeHmacs: this.sealing.caseCodeHmacs(caseCode),
      });
      if (result === 'stored') return stored(caseCode);
      if (result === 'repeat') return this.receiptAgain(submission.submissionId);
    }
    throw new Error(`could not find a free case code in ${MAX_CODE_ATTEMPTS} attempts`);
  }

  /**
   * The same form sent again (a second press, or a retry after a receipt that never arrived): nothing is stored
   * twice, and the code is worked out again from the form, so the person still has it.
   */
  private async receiptAgain(submissionId: string): Promise<SubmitResult> {
    const submissionHmacs = this.sealing.submissionHmacs(submissionId);
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const caseCode = this.sealing.caseCodeFor(submissionId, attempt);
      const codeHmacs = this.sealing.caseCodeHmacs(caseCode);
      // Published, waiting, or published between those two looks (see lookUp).
      const published = () => this.store.codeBelongsToSubmission(codeHmacs, submissionHmacs);
      if ((await published()) || (await this.mixer.isCodeWaiting(caseCode)) || (await published())) {
        return { outcome: 'already-submitted', caseCode };
      }
    }
    // Stored under a key since rotated away: the form is known, its code can no longer be worked out.
    return { outcome: 'already-submitted' };
  }

  /** A signal still in the mixer, as the reporter may see it: received, on its way to the desk. */
  private async waitingSignal(caseCode: string): Promise<LookedUp | undefined> {
    const envelope = (await this.mixer.waiting()).find((e): e is SignalEnvelope => e.kind === 'signal' && e.caseCode === caseCode);
    if (!envelope) return undefined;
    return {
      id: '',
      category: envelope.category,
      wish: envelope.wish,
      anonymity: envelope.anonymity,
      status: envelope.status,
      organisation: envelope.organisation,
      createdAt: new Date(`${envelope.day}T00:00:00Z`),
      reporterAadObjectId: null,
      replyRouteSealed: null,
      takenOnAt: null,
      firstOpenedAt: null,
      waitingRoute: envelope.replyRoute,
    };
  }

  private routeConversation(found: LookedUp): string | undefined {
    if (found.waitingRoute) return (found.waitingRoute as { conversation?: { id?: string } }).conversation?.id;
    return found.replyRouteSealed ? this.sealing.openReplyRoute(found.replyRouteSealed, found.id).conversation?.id : undefined;
  }
}

/** A looked-up signal: published (with its id), or still waiting in the mixer (no id yet, its route still open in memory). */
export type LookedUp = SignalSummary & { waitingRoute?: Record<string, unknown> | null };
