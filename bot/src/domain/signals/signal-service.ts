import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { typedText } from '../form-input';
import type { Referral, RoutingRule } from '../referrals/referral';
import { type RoutingAdvice, route, type StaffedInbox } from '../referrals/routing';
import { anonymitySchema, type Anonymity, categorySchema, organisationSchema, type ReferralRole, wishSchema, type Wish } from './vocabulary';

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
  description: typedText().max(MAX_DESCRIPTION_LENGTH).optional(),
});
export type SignalSubmission = z.infer<typeof signalSubmissionSchema>;

export type SignalStatus = 'geteld' | 'nieuw' | 'in-behandeling' | 'gesloten';

export interface NewSignalRecord {
  id: string;
  caseCodeHmac: Buffer;
  submissionHmac: Buffer;
  organisation: SignalSubmission['organisation'];
  category: SignalSubmission['category'];
  wish: Wish;
  anonymity: Anonymity;
  urgency: RoutingAdvice['urgency'];
  inboxRole: ReferralRole | null;
  status: SignalStatus;
  descriptionSealed: string | null;
  /** The case code itself, sealed, for the handler's desk: only for a signal that goes to an inbox. */
  caseCodeSealed: string | null;
  reporterAadObjectId: string | null;
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
}

/** Storage of signals; the database decides uniqueness of codes and submissions. */
export interface SignalStore {
  insert(record: NewSignalRecord): Promise<'stored' | 'duplicate-submission' | 'duplicate-code'>;
  findByCaseCode(hmacs: Buffer[]): Promise<SignalSummary | undefined>;
  hasSubmission(hmacs: Buffer[]): Promise<boolean>;
  /** Whether the signal with one of these code HMACs is the one this form became. */
  codeBelongsToSubmission(codeHmacs: Buffer[], submissionHmacs: Buffer[]): Promise<boolean>;
  listByReporter(aadObjectId: string): Promise<SignalSummary[]>;
  /** Open signals routed to one role in one organisation, oldest first. */
  inbox(organisation: SignalSubmission['organisation'], role: ReferralRole): Promise<SignalSummary[]>;
}

/** The cryptography the service needs, without saying how (see bot/src/security). */
export interface SignalSealing {
  sealText(text: string, signalId: string): string;
  sealCaseCode(code: string, signalId: string): string;
  sealReplyRoute(reference: object, signalId: string): string;
  caseCodeHmac(code: string): Buffer;
  openReplyRoute(sealed: string, signalId: string): { conversation?: { id?: string } };
  /** The code's HMAC under every key still in use, so codes from before a key rotation are found. */
  caseCodeHmacs(code: string): Buffer[];
  submissionHmac(submissionId: string): Buffer;
  submissionHmacs(submissionId: string): Buffer[];
  /** The case code of a form, for the n-th try (a try moves on only when a code is taken). */
  caseCodeFor(submissionId: string, attempt: number): string;
}

export interface Reporter {
  aadObjectId?: string;
  /** The conversation reference through which an answer can reach the reporter. */
  replyRoute?: object;
}

export type SubmitResult =
  | { outcome: 'stored'; caseCode: string; status: SignalStatus; advice: RoutingAdvice; submission: SignalSubmission; textKept: boolean }
  | { outcome: 'already-submitted' };

/** Only "een gesprek" asks for someone to act; the other wishes are answered by the advice itself. */
const wantsHandler = (wish: Wish) => wish === 'gesprek';

export class SignalService {
  constructor(
    private readonly store: SignalStore,
    private readonly sealing: SignalSealing,
    private readonly directory: () => Promise<{ rules: RoutingRule[]; referrals: Referral[]; staffed: StaffedInbox[] }>,
  ) {}

  /**
   * A reporter looks a signal up by its code. A "vertrouwelijk" signal shows only to the person who
   * sent it; for anyone else it is as if the code does not exist, so a code reveals nothing it should not.
   */
  async lookUp(caseCode: string, requester: { aadObjectId?: string; conversationId: string }): Promise<SignalSummary | undefined> {
    const found = await this.store.findByCaseCode(this.sealing.caseCodeHmacs(caseCode));
    if (!found) return undefined;
    switch (found.anonymity) {
      case 'vertrouwelijk':
        return requester.aadObjectId && found.reporterAadObjectId === requester.aadObjectId ? found : undefined;
      case 'anoniem':
        // With a reply route the code works only in the chat the signal came from: a code seen over a
        // shoulder opens nothing. Without one (counted signals) the code is all there is.
        return !found.replyRouteSealed || this.sealing.openReplyRoute(found.replyRouteSealed, found.id).conversation?.id === requester.conversationId
          ? found
          : undefined;
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

  /** Whether this form was sent already (a second press of its button). */
  async wasSubmitted(submissionId: string): Promise<boolean> {
    return this.store.hasSubmission(this.sealing.submissionHmacs(submissionId));
  }

  /** Mijn gegevens: the signals that carry my name. Anonymous ones cannot be tied to anyone. */
  async mine(aadObjectId: string): Promise<SignalSummary[]> {
    return this.store.listByReporter(aadObjectId);
  }

  async submit(input: SignalSubmission, reporter: Reporter): Promise<SubmitResult> {
    const submission = signalSubmissionSchema.parse(input);
    const { rules, referrals, staffed } = await this.directory();
    const advice = route(submission, rules, referrals, staffed);
    const handled = wantsHandler(submission.wish) && advice.hasInbox;
    const description = submission.description?.trim();

    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const id = randomUUID();
      const caseCode = this.sealing.caseCodeFor(submission.submissionId, attempt);
      const record: NewSignalRecord = {
        id,
        caseCodeHmac: this.sealing.caseCodeHmac(caseCode),
        submissionHmac: this.sealing.submissionHmac(submission.submissionId),
        organisation: submission.organisation,
        category: submission.category,
        wish: submission.wish,
        anonymity: submission.anonymity,
        urgency: advice.urgency,
        inboxRole: handled ? advice.inboxRole : null,
        status: handled ? 'nieuw' : 'geteld',
        // Least data: only someone who will read it gets the text; for the other wishes nobody would.
        descriptionSealed: handled && description ? this.sealing.sealText(description, id) : null,
        // The handler quotes the code the reporter holds; a signal nobody handles needs no readable code.
        caseCodeSealed: handled ? this.sealing.sealCaseCode(caseCode, id) : null,
        // Least data: a name only when the person chose it, a reply route only when someone will answer.
        reporterAadObjectId: submission.anonymity === 'vertrouwelijk' ? (reporter.aadObjectId ?? null) : null,
        replyRouteSealed:
          handled && submission.anonymity !== 'volledig-anoniem' && reporter.replyRoute
            ? this.sealing.sealReplyRoute(reporter.replyRoute, id)
            : null,
      };
      const result = await this.store.insert(record);
      if (result === 'stored') {
        return { outcome: 'stored', caseCode, status: record.status, advice, submission, textKept: record.descriptionSealed !== null };
      }
      if (result === 'duplicate-submission') return this.receiptAgain(submission, advice, handled, Boolean(description));
    }
    throw new Error(`could not find a free case code in ${MAX_CODE_ATTEMPTS} attempts`);
  }

  /**
   * The same form sent again (a second press, or a retry after a receipt that never arrived): the
   * code is worked out again from the form, so the person still gets it. Nothing is stored twice.
   */
  private async receiptAgain(submission: SignalSubmission, advice: RoutingAdvice, handled: boolean, hadText: boolean): Promise<SubmitResult> {
    const submissionHmacs = this.sealing.submissionHmacs(submission.submissionId);
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      const caseCode = this.sealing.caseCodeFor(submission.submissionId, attempt);
      if (await this.store.codeBelongsToSubmission(this.sealing.caseCodeHmacs(caseCode), submissionHmacs)) {
        return { outcome: 'stored', caseCode, status: handled ? 'nieuw' : 'geteld', advice, submission, textKept: handled && hadText };
      }
    }
    // Stored under a key since rotated away: the form is known, its code can no longer be worked out.
    return { outcome: 'already-submitted' };
  }
}
