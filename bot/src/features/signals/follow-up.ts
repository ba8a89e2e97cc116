import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { typedText } from '../../shared/typed-text';
import type { Envelope, ReplyEnvelope } from './mixing/envelope';
import { dayOf } from '../../shared/dates';
import type { PublishedReply } from './mixing/mixer';
import type { SignalStatus } from '../../shared/signal-vocabulary';
import { wantsAnswer } from './signal-service';
import type { Wish } from '../../shared/signal-vocabulary';

export const MAX_MESSAGE_LENGTH = 4000;
export const messageTextSchema = typedText().trim().min(1).max(MAX_MESSAGE_LENGTH);

export type MessageAuthor = 'reporter' | 'handler';

export interface SignalMessage {
  author: MessageAuthor;
  text: string;
  /** The day only. */
  createdAt: Date;
  /** A reporter's reply still in the mixer: on its way, not yet with the handler. */
  onItsWay?: boolean;
}

/** What the follow-up needs to know of a signal, with its sealed parts still sealed. */
export interface SignalForFollowUp {
  id: string;
  status: SignalStatus;
  wish: Wish;
  reporterAadObjectId: string | null;
  replyRouteSealed: string | null;
  caseCodeSealed: string | null;
  /** The inbox it went to: whose name the answer card says ("{place} schrijft:"). */
  place: { organisation: string; role: string } | null;
}

export interface FollowUpStore {
  signal(id: string): Promise<SignalForFollowUp | undefined>;
  /**
   * Stores the message and, when there is a reply route, queues its delivery: one transaction. With a
   * submission HMAC, a second message with the same one stores nothing ('repeat').
   */
  /** `atInbox`: a handler's answer, only while the signal is still at that desk ('moved' when it was passed on meanwhile). */
  addMessage(m: { id: string; signalId: string; author: MessageAuthor; bodySealed: string; deliver: boolean; submissionHmac?: Buffer; atInbox?: string }): Promise<'stored' | 'repeat' | 'moved'>;
  /** Whether a published reply carries one of these HMACs. */
  hasReply(submissionHmacs: Buffer[]): Promise<boolean>;
  /** The next place in the order of all messages. */
  nextSeq(): Promise<number>;
  /** In the order they were written (their sequence). */
  messages(signalId: string): Promise<Array<{ id: string; author: MessageAuthor; bodySealed: string; createdAt: Date; seq: number }>>;
  message(signalId: string, messageId: string): Promise<{ id: string; author: MessageAuthor; bodySealed: string } | undefined>;
}

/** What the follow-up asks of the mixer: an anonymous reporter's reply goes through it. */
export interface ReplyMixer {
  readonly policy: { maxDelayMs: number };
  enqueue(envelope: Omit<ReplyEnvelope, 'publishAfter'>, repeatKey: string, o: { publishedAs: Buffer[] }): Promise<'stored' | 'repeat' | 'code-taken'>;
  waiting(): Promise<Envelope[]>;
}

/** A message is sealed bound to its id, its signal and its author: moved or relabelled, it will not open. */
export interface MessageBinding {
  messageId: string;
  signalId: string;
  author: MessageAuthor;
}

export interface FollowUpSealing {
  sealMessage(text: string, binding: MessageBinding): string;
  openMessage(sealed: string, binding: MessageBinding): string;
  openReplyRoute(sealed: string, signalId: string): { conversation?: { id?: string } };
  openCaseCode(sealed: string, signalId: string): string;
  submissionHmac(value: string): Buffer;
  submissionHmacs(value: string): Buffer[];
}

/** not-wanted: the person chose "laten lezen", which promised that nobody contacts them. */
export type AnswerResult = 'queued' | 'stored-no-route' | 'not-found' | 'closed' | 'not-wanted' | 'moved';
/** stored: with the handler now (a named reporter); on-its-way: in the mixer; repeat: this reply was sent before. */
export type ReplyResult = 'stored' | 'on-its-way' | 'repeat' | 'not-yours' | 'closed';

/** What makes a second press of the same reply a repeat: its card and its text. */
const replyRepeatKey = (signalId: string, replyFormId: string, text: string) => `signal-reply:${signalId}:${replyFormId}:${text}`;

/** The row an anonymous reporter's reply becomes when the mixer publishes it, sealed to its new id. */
export function publishedReply(e: ReplyEnvelope, id: string, sealing: FollowUpSealing): PublishedReply {
  return {
    id,
    signalId: e.signalId,
    bodySealed: sealing.sealMessage(e.text, { messageId: id, signalId: e.signalId, author: 'reporter' }),
    seq: e.seq,
    // An envelope sealed before it named its card carries the whole key.
    submissionHmac: sealing.submissionHmac(e.replyFormId === undefined ? (e.repeatKey ?? '') : replyRepeatKey(e.signalId, e.replyFormId, e.text)),
    createdOn: e.day,
  };
}

/** Two-way follow-up: a handler answers a signal; the reporter answers back, still anonymous. */
export class FollowUpService {
  constructor(
    private readonly store: FollowUpStore,
    private readonly sealing: FollowUpSealing,
    private readonly mixer: ReplyMixer,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** How long an anonymous reporter's reply may take to reach the handler. */
  get replyDelayMs(): number {
    return this.mixer.policy.maxDelayMs;
  }

  /** A handler's answer. It reaches the reporter through the outbox when the signal has a reply route. */
  /** `atInbox`: the desk the handler answers from; an answer that crosses a handover of the signal is not sent. */
  async answer(signalId: string, text: string, atInbox?: string): Promise<AnswerResult> {
    const body = messageTextSchema.parse(text);
    if (!z.string().uuid().safeParse(signalId).success) return 'not-found';
    const signal = await this.store.signal(signalId);
    // Only signals in an inbox are answered; a counted one was never meant to be followed up.
    if (!signal || signal.status === 'geteld') return 'not-found';
    if (signal.status === 'gesloten') return 'closed';
    if (!wantsAnswer(signal.wish)) return 'not-wanted';
    const id = randomUUID();
    const deliver = signal.replyRouteSealed !== null;
    const bodySealed = this.sealing.sealMessage(body, { messageId: id, signalId, author: 'handler' });
    if ((await this.store.addMessage({ id, signalId, author: 'handler', bodySealed, deliver, atInbox })) === 'moved') return 'moved';
    return deliver ? 'queued' : 'stored-no-route';
  }

  /**
   * The reporter answers back on the card that brought the handler's answer. Only the conversation
   * the signal's sealed route points to may do so: a forged submit from elsewhere changes nothing.
   * A named reporter's reply is stored at once; an anonymous reporter's goes through the mixer, so it
   * cannot be tied to the turn that sent it (and so to who reported the signal).
   */
  async replyFromReporter(
    signalId: string,
    text: string,
    from: { conversationId: string; aadObjectId?: string },
    replyFormId: string,
  ): Promise<ReplyResult> {
    const body = messageTextSchema.parse(text);
    const signal = await this.store.signal(signalId);
    if (!signal || !this.isReporter(signal, from)) return 'not-yours';
    if (signal.status === 'gesloten') return 'closed';
    const repeatKey = replyRepeatKey(signalId, replyFormId, body);
    if (await this.store.hasReply(this.sealing.submissionHmacs(repeatKey))) return 'repeat';
    if (signal.reporterAadObjectId) {
      const id = randomUUID();
      const bodySealed = this.sealing.sealMessage(body, { messageId: id, signalId, author: 'reporter' });
      const stored = await this.store.addMessage({ id, signalId, author: 'reporter', bodySealed, deliver: false, submissionHmac: this.sealing.submissionHmac(repeatKey) });
      return stored === 'stored' ? 'stored' : 'repeat';
    }
    const queued = await this.mixer.enqueue(
      { kind: 'reply', day: dayOf(this.clock()), signalId, seq: await this.store.nextSeq(), text: body, replyFormId },
      repeatKey,
      // The same reply may have been published between the check above and now: checked again with the envelope.
      { publishedAs: this.sealing.submissionHmacs(repeatKey) },
    );
    return queued === 'stored' ? 'on-its-way' : 'repeat';
  }

  /**
   * What an outbox row sends: where the reporter is, the signal's code, and the handler's text (none for a notice
   * that the signal was closed or reopened). Opened only to send.
   */
  async forDelivery(
    signalId: string,
    messageId: string | null,
  ): Promise<{ reference: object; text?: string; caseCode?: string; place: SignalForFollowUp['place'] } | undefined> {
    const signal = await this.store.signal(signalId);
    const message = messageId === null ? undefined : await this.store.message(signalId, messageId);
    if (!signal?.replyRouteSealed || (messageId !== null && !message)) return undefined;
    return {
      reference: this.sealing.openReplyRoute(signal.replyRouteSealed, signal.id),
      text: message && this.sealing.openMessage(message.bodySealed, { messageId: message.id, signalId, author: message.author }),
      // The reporter may have raised more than one: the answer names the code it belongs to (signals from before
      // migration 011 have none sealed).
      caseCode: signal.caseCodeSealed ? this.sealing.openCaseCode(signal.caseCodeSealed, signal.id) : undefined,
      place: signal.place,
    };
  }

  /** The messages of a signal, in order. For the reporter, `withOwnWaiting` adds their replies still in the mixer. */
  async conversation(signalId: string, withOwnWaiting = false): Promise<SignalMessage[]> {
    const rows = await this.store.messages(signalId);
    const published = rows.map((r) => ({
      seq: r.seq,
      message: {
        author: r.author,
        text: this.sealing.openMessage(r.bodySealed, { messageId: r.id, signalId, author: r.author }),
        createdAt: r.createdAt,
      } as SignalMessage,
    }));
    const waiting = withOwnWaiting
      ? (await this.mixer.waiting())
          .filter((e): e is ReplyEnvelope => e.kind === 'reply' && e.signalId === signalId)
          .map((e) => ({ seq: e.seq, message: { author: 'reporter', text: e.text, createdAt: new Date(`${e.day}T00:00:00Z`), onItsWay: true } as SignalMessage }))
      : [];
    return [...published, ...waiting].sort((a, b) => a.seq - b.seq).map((m) => m.message);
  }

  private isReporter(signal: SignalForFollowUp, from: { conversationId: string; aadObjectId?: string }): boolean {
    if (signal.reporterAadObjectId) return signal.reporterAadObjectId === from.aadObjectId;
    if (!signal.replyRouteSealed) return false;
    return this.sealing.openReplyRoute(signal.replyRouteSealed, signal.id).conversation?.id === from.conversationId;
  }
}
