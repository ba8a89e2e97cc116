import type { DeskHandover, DeskSignal, HandoverRequest, StatusChange } from '../../shared/api/desk';
import { type HandoverReason, LOKET, LOKET_TARGETS, type ReferralRole, type ReferRole, type SignalStatus } from '../../shared/signal-vocabulary';
import type { FollowUpService, SignalMessage } from '../signals';
import { clockOf, type DeskTerms } from '../../shared/desk-terms';
import { dayOf } from '../../shared/dates';

/** An inbox a counsellor staffs: a referral role in an organisation. */
export interface Place {
  organisation: string;
  role: ReferralRole;
}

export interface OpenedSignal extends DeskSignal {
  description: string | null;
  /** The name a "vertrouwelijk" reporter gave (Teams' display name), opened only here, where the read is audited. */
  reporterName: string | null;
  messages: SignalMessage[];
  handoverTo: ReferralRole[];
  handovers: DeskHandover[];
}

/** A desk signal as stored: its texts still sealed, its reference and clock not yet worked out. */
export type StoredDeskSignal = Omit<DeskSignal, 'reference' | 'clock'> & {
  descriptionSealed: string | null;
  caseCodeSealed: string | null;
  reporterNameSealed: string | null;
  acknowledgedOn: string | null;
  terms: DeskTerms;
};

export interface SignalDeskStore {
  placesOf(aadObjectId: string): Promise<Place[]>;
  /** Open signals of these places, those with unread replies first; or the closed ones, newest first. */
  inbox(places: Place[], state: 'open' | 'closed'): Promise<StoredDeskSignal[]>;
  find(id: string): Promise<StoredDeskSignal | undefined>;
  /**
   * Records the read (who, when, and how far the conversation went) and returns nothing else: the audit is written
   * before anything is shown.
   */
  recordRead(signalId: string, readerAadObjectId: string): Promise<void>;
  /** The sociaal loket's look at a signal, which opens nothing sealed: audited, but no read (see open). */
  recordView(signalId: string, viewerAadObjectId: string): Promise<void>;
  /**
   * Sets the status. When it changes to closed, or from closed back to open, the reporter is told in their chat
   * (through the sealed route, as answers are), in the same transaction. False when it did not change.
   */
  /** Only while the signal is still at `inboxRole`: a click that crosses a handover changes nothing. */
  setStatus(signalId: string, change: StatusChange, inboxRole: string): Promise<boolean>;
  /** The inboxes of an organisation that someone staffs. */
  staffedRoles(organisation: string): Promise<ReferralRole[]>;
  handovers(signalId: string): Promise<DeskHandover[]>;
  /**
   * Moves an open signal from one inbox of its organisation to another, records who did it, and tells the reporter
   * (through the sealed route), in one transaction. False when it is no longer open at `from`: a double click, or
   * someone else moved or closed it first.
   */
  handOver(signalId: string, from: ReferralRole, to: ReferralRole, reason: HandoverReason, by: string): Promise<boolean>;
  /** The open signals waiting in one inbox. */
  openAt(organisation: string, role: ReferralRole): Promise<string[]>;
  /**
   * Closes an open signal as referred to a Rijk-wide place, records who did it, and tells the reporter where to turn
   * (through the sealed route), in one transaction. False when it is no longer open at `from`.
   */
  refer(signalId: string, from: ReferralRole, to: ReferRole, by: string): Promise<boolean>;
}

/** What the desk opens, and only for a counsellor of the signal's place. */
export interface DeskSealing {
  openText(sealed: string, signalId: string): string;
  openCaseCode(sealed: string, signalId: string): string;
  openReporterName(sealed: string, signalId: string): string;
}

export type DeskAccess<T> = { outcome: 'ok'; value: T } | { outcome: 'not-found' | 'forbidden' };

/**
 * The Signalen desk of the tab: the inbox of the places a counsellor staffs, opening a signal (audited),
 * answering through the follow-up service, and changing its status. Access is by place: a counsellor of
 * another organisation or role is refused.
 */
export class SignalDesk {
  constructor(
    private readonly store: SignalDeskStore,
    private readonly followUp: FollowUpService,
    private readonly sealing: DeskSealing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The open signals of the counsellor's places (unread replies first, then overdue clocks), and the closed ones (newest first). */
  async inbox(counsellor: string): Promise<{ open: DeskSignal[]; closed: DeskSignal[] }> {
    const places = await this.store.placesOf(counsellor);
    if (places.length === 0) return { open: [], closed: [] };
    const list = async (state: 'open' | 'closed') => (await this.store.inbox(places, state)).map(({ descriptionSealed: _d, reporterNameSealed: _n, ...s }) => ({
        // Who it is comes only with an opening, which is recorded: the list says "with name", not whose.
        ...this.withReference(s),
        reporterAadObjectId: null,
      }));
    return { open: byClock(await list('open')), closed: await list('closed') };
  }

  /**
   * Opening is audited first: if the audit cannot be written, nothing is shown. The sociaal loket opens nothing
   * sealed (no text, no name, no conversation): it sees what its list shows, and brings the signal where it fits.
   */
  async open(signalId: string, counsellor: string): Promise<DeskAccess<OpenedSignal>> {
    const found = await this.allowed(signalId, counsellor);
    if (found.outcome !== 'ok') return found;
    const { descriptionSealed, reporterNameSealed, ...signal } = found.value;
    const reads = signal.inboxRole !== LOKET;
    await (reads ? this.store.recordRead(signalId, counsellor) : this.store.recordView(signalId, counsellor));
    return {
      outcome: 'ok',
      value: {
        ...this.withReference(signal),
        // Who sent it is for the place that reads it, as is answering.
        ...(reads ? {} : { reporterAadObjectId: null, canAnswer: false }),
        description: reads && descriptionSealed ? this.sealing.openText(descriptionSealed, signalId) : null,
        reporterName: reads && reporterNameSealed ? this.sealing.openReporterName(reporterNameSealed, signalId) : null,
        messages: reads ? await this.followUp.conversation(signalId) : [],
        handoverTo: handoverTargets(await this.store.staffedRoles(signal.organisation), signal.inboxRole),
        handovers: await this.store.handovers(signalId),
      },
    };
  }

  /**
   * Hands an open signal to another desk of its organisation that someone staffs; the sending desk no longer sees
   * it. 'not-here': no such desk, or the signal is closed or already moved (nothing changed).
   */
  async handOver(signalId: string, counsellor: string, request: HandoverRequest): Promise<DeskAccess<'handed-over' | 'not-here'>> {
    const found = await this.allowed(signalId, counsellor);
    if (found.outcome !== 'ok') return found;
    const signal = found.value;
    const targets = handoverTargets(await this.store.staffedRoles(signal.organisation), signal.inboxRole);
    const open = signal.status === 'nieuw' || signal.status === 'in-behandeling';
    // The loket gives its own reason, and only the loket gives it.
    const reasonFits = (signal.inboxRole === LOKET) === (request.reason === 'loket');
    if (!open || !reasonFits || !targets.includes(request.to)) return { outcome: 'ok', value: 'not-here' };
    const moved = await this.store.handOver(signalId, signal.inboxRole, request.to, request.reason, counsellor);
    return { outcome: 'ok', value: moved ? 'handed-over' : 'not-here' };
  }

  /**
   * Closes an open signal with a Rijk-wide place for the person to contact themselves (nothing goes there): the
   * reporter is told which place and how to reach it. 'not-here': closed or moved meanwhile (nothing changed).
   */
  async refer(signalId: string, counsellor: string, to: ReferRole): Promise<DeskAccess<'referred' | 'not-here'>> {
    const found = await this.allowed(signalId, counsellor);
    if (found.outcome !== 'ok') return found;
    const referred = await this.store.refer(signalId, found.value.inboxRole, to, counsellor);
    return { outcome: 'ok', value: referred ? 'referred' : 'not-here' };
  }

  /** 'at-loket': the loket does not answer, it has not read the signal; the place it brings it to does. */
  async answer(signalId: string, counsellor: string, text: string) {
    const found = await this.allowed(signalId, counsellor);
    if (found.outcome !== 'ok') return found;
    if (found.value.inboxRole === LOKET) return { outcome: 'ok' as const, value: 'at-loket' as const };
    return { outcome: 'ok' as const, value: await this.followUp.answer(signalId, text, found.value.inboxRole) };
  }

  /** Takes a signal on, closes it with how it ended, or opens a closed one again (while retention keeps it); the reporter is told. */
  async setStatus(signalId: string, counsellor: string, change: StatusChange): Promise<DeskAccess<SignalStatus | 'at-loket'>> {
    const found = await this.allowed(signalId, counsellor);
    if (found.outcome !== 'ok') return found;
    // Taking on or closing is for the place that reads it: the loket passes it on.
    if (found.value.inboxRole === LOKET) return { outcome: 'ok', value: 'at-loket' };
    await this.store.setStatus(signalId, change, found.value.inboxRole);
    return { outcome: 'ok', value: change.status };
  }

  /**
   * The coordinator hands on every open signal of an inbox nobody staffs any more (someone left) to a staffed desk of
   * the same organisation, each as a handover ("afwezig"), so each reporter is told. 'not-allowed': the inbox is
   * staffed (its own counsellors pass signals on), or nobody staffs the target.
   */
  async handOnInbox(organisation: string, from: ReferralRole, to: ReferralRole, coordinator: string): Promise<number | 'not-allowed'> {
    const staffed = await this.store.staffedRoles(organisation);
    if (staffed.includes(from) || !staffed.includes(to)) return 'not-allowed';
    let moved = 0;
    for (const id of await this.store.openAt(organisation, from)) {
      if (await this.store.handOver(id, from, to, 'afwezig', coordinator)) moved += 1;
    }
    return moved;
  }

  /**
   * The case code the reporter holds. Signals stored before the code was kept sealed (migration 011) have none:
   * they keep the short reference of their id, which the reporter never saw. Nor does the sociaal loket see the code:
   * typed in a chat with the bot, it would show the conversation (of a fully anonymous signal, to anyone).
   */
  private withReference({ caseCodeSealed, acknowledgedOn, terms, ...signal }: Omit<StoredDeskSignal, 'descriptionSealed' | 'reporterNameSealed'>): DeskSignal {
    const reference = caseCodeSealed && signal.inboxRole !== LOKET ? this.sealing.openCaseCode(caseCodeSealed, signal.id) : signal.id.slice(0, 8).toUpperCase();
    return { ...signal, reference, clock: clockOf({ ...signal, acknowledgedOn }, terms, dayOf(this.now())) };
  }

  private async allowed(signalId: string, counsellor: string): Promise<DeskAccess<StoredDeskSignal>> {
    const signal = await this.store.find(signalId);
    if (!signal) return { outcome: 'not-found' };
    const places = await this.store.placesOf(counsellor);
    const mine = places.some((p) => p.organisation === signal.organisation && p.role === signal.inboxRole);
    return mine ? { outcome: 'ok', value: signal } : { outcome: 'forbidden' };
  }
}

/**
 * Where a desk may pass a signal on: the other staffed desks of its organisation, never to the loket (it receives only
 * from routing, so nothing goes back and forth); from the loket, only to a desk whose work is to read it.
 */
function handoverTargets(staffed: readonly ReferralRole[], from: ReferralRole): ReferralRole[] {
  const targets = staffed.filter((role) => role !== from && role !== LOKET);
  return from === LOKET ? targets.filter((role) => (LOKET_TARGETS as readonly string[]).includes(role)) : targets;
}

const CLOCK_ORDER = { 'te-laat': 0, bijna: 1, 'op-tijd': 2 } as const;

/** Unread replies first, then a clock that has run out, then one that runs out soon; otherwise the store's order (urgency, age). */
function byClock(open: DeskSignal[]): DeskSignal[] {
  const rank = (s: DeskSignal) => (s.unreadReplies > 0 ? -1 : s.clock ? CLOCK_ORDER[s.clock.state] : 2);
  return open.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map(({ s }) => s);
}
