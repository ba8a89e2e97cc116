import type { Anonymity, Category, HandoverReason, Outcome, ReferralRole, SignalStatus, Urgency, Wish } from '../signal-vocabulary';

/** The Signalen page's answers (GET /api/signals, GET /api/signals/:id), as the service sends them and the tab reads them. */

/** Which term runs: confirming receipt, feedback (a misstand), handling (integrity), or a first reaction. */
export const CLOCK_KINDS = ['bevestigen', 'terugkoppelen', 'afhandelen', 'eerste-reactie'] as const;
export type ClockKind = (typeof CLOCK_KINDS)[number];
export type ClockState = 'op-tijd' | 'bijna' | 'te-laat';

/** The term that applies to an open signal (shared/desk-terms.ts): what, by which day, and how near that is. */
export interface Clock {
  kind: ClockKind;
  dueOn: string;
  state: ClockState;
}

/** A signal as a handler sees it in the inbox: never a reply route, a name only for "vertrouwelijk". */
export interface DeskSignal {
  id: string;
  /** The case code the reporter got in their receipt, so both speak of the same code; older signals: a short reference. */
  reference: string;
  organisation: string;
  inboxRole: ReferralRole;
  category: Category;
  wish: Wish;
  anonymity: Anonymity;
  urgency: Urgency;
  status: SignalStatus;
  /** The day it came in. */
  receivedOn: string;
  /** Only for "vertrouwelijk" (the reporter chose to give their name), and only when the signal is opened. */
  reporterAadObjectId: string | null;
  canAnswer: boolean;
  /** Closing or reopening is told to the reporter: only where a way back to their chat exists. */
  reporterTold: boolean;
  /** Replies of the reporter that came after anyone of the desk last opened the signal. */
  unreadReplies: number;
  /** The day it was closed; null while open. */
  closedOn: string | null;
  /** The term that runs now; null when none does (closed, or a first reaction given outside a legal term). */
  clock: Clock | null;
  /** How it ended, as the desk said when closing it; null while open. */
  outcome: Outcome | null;
}

/** POST /api/signals/:id/status: taking on or reopening, or closing, which says how it ended. */
export type StatusChange = { status: 'in-behandeling' } | { status: 'gesloten'; outcome: Outcome };

/** A message of the conversation about a signal, as sent: the day only, as an ISO string. */
export interface DeskMessage {
  author: 'reporter' | 'handler';
  text: string;
  createdAt: string;
  /** A reporter's reply still in the mixer: on its way, not yet with the handler. */
  onItsWay?: boolean;
}

/** A move of the signal from one desk of its organisation to another: which, why, and on which day (not by whom). */
export interface DeskHandover {
  from: ReferralRole;
  to: ReferralRole;
  reason: HandoverReason;
  on: string;
}

/** An opened signal, as sent: its text, the name a "vertrouwelijk" reporter gave, and the conversation. */
export interface OpenedDeskSignal extends DeskSignal {
  description: string | null;
  reporterName: string | null;
  messages: DeskMessage[];
  /** The other desks of its organisation that someone staffs: where it can be handed. */
  handoverTo: ReferralRole[];
  handovers: DeskHandover[];
}

/** POST /api/signals/:id/handover: to another staffed desk of the signal's organisation, with a reason from the list. */
export interface HandoverRequest {
  to: ReferralRole;
  reason: HandoverReason;
}
