import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { typedText } from '../form-input';
import type { SignalStatus } from './signal-service';

export const MAX_MESSAGE_LENGTH = 4000;
export const messageTextSchema = typedText().trim().min(1).max(MAX_MESSAGE_LENGTH);

export type MessageAuthor = 'reporter' | 'handler';

export interface SignalMessage {
  author: MessageAuthor;
  text: string;
  createdAt: Date;
}

/** What the follow-up needs to know of a signal, with its sealed parts still sealed. */
export interface SignalForFollowUp {
  id: string;
  status: SignalStatus;
  reporterAadObjectId: string | null;
  replyRouteSealed: string | null;
}

export interface FollowUpStore {
  signal(id: string): Promise<SignalForFollowUp | undefined>;
  /** Stores the message and, when there is a reply route, queues its delivery: one transaction. */
  addMessage(m: { id: string; signalId: string; author: MessageAuthor; bodySealed: string; deliver: boolean }): Promise<void>;
  messages(signalId: string): Promise<Array<{ id: string; author: MessageAuthor; bodySealed: string; createdAt: Date }>>;
  message(signalId: string, messageId: string): Promise<{ id: string; author: MessageAuthor; bodySealed: string } | undefined>;
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
}

export type AnswerResult = 'queued' | 'stored-no-route' | 'not-found' | 'closed';
export type ReplyResult = 'stored' | 'not-yours' | 'closed';

/** Two-way follow-up: a handler answers a signal; the reporter answers back, still anonymous. */
export class FollowUpService {
  constructor(
    private readonly store: FollowUpStore,
    private readonly sealing: FollowUpSealing,
  ) {}

  /** A handler's answer. It reaches the reporter through the outbox when the signal has a reply route. */
  async answer(signalId: string, text: string): Promise<AnswerResult> {
    const body = messageTextSchema.parse(text);
    if (!z.string().uuid().safeParse(signalId).success) return 'not-found';
    const signal = await this.store.signal(signalId);
    // Only signals in an inbox are answered; a counted one was never meant to be followed up.
    if (!signal || signal.status === 'geteld') return 'not-found';
    if (signal.status === 'gesloten') return 'closed';
    const id = randomUUID();
    const deliver = signal.replyRouteSealed !== null;
    const bodySealed = this.sealing.sealMessage(body, { messageId: id, signalId, author: 'handler' });
    await this.store.addMessage({ id, signalId, author: 'handler', bodySealed, deliver });
    return deliver ? 'queued' : 'stored-no-route';
  }

  /**
   * The reporter answers back on the card that brought the handler's answer. Only the conversation
   * the signal's sealed route points to may do so: a forged submit from elsewhere changes nothing.
   */
  async replyFromReporter(signalId: string, text: string, from: { conversationId: string; aadObjectId?: string }): Promise<ReplyResult> {
    const body = messageTextSchema.parse(text);
    const signal = await this.store.signal(signalId);
    if (!signal || !this.isReporter(signal, from)) return 'not-yours';
    if (signal.status === 'gesloten') return 'closed';
    const id = randomUUID();
    const bodySealed = this.sealing.sealMessage(body, { messageId: id, signalId, author: 'reporter' });
    await this.store.addMessage({ id, signalId, author: 'reporter', bodySealed, deliver: false });
    return 'stored';
  }

  /** What an outbox row sends: the handler's text and where the reporter is. Opened only to send. */
  async forDelivery(signalId: string, messageId: string): Promise<{ reference: object; text: string } | undefined> {
    const signal = await this.store.signal(signalId);
    const message = await this.store.message(signalId, messageId);
    if (!signal?.replyRouteSealed || !message) return undefined;
    return {
      reference: this.sealing.openReplyRoute(signal.replyRouteSealed, signal.id),
      text: this.sealing.openMessage(message.bodySealed, { messageId: message.id, signalId, author: message.author }),
    };
  }

  async conversation(signalId: string): Promise<SignalMessage[]> {
    const rows = await this.store.messages(signalId);
    return rows.map((r) => ({
      author: r.author,
      text: this.sealing.openMessage(r.bodySealed, { messageId: r.id, signalId, author: r.author }),
      createdAt: r.createdAt,
    }));
  }

  private isReporter(signal: SignalForFollowUp, from: { conversationId: string; aadObjectId?: string }): boolean {
    if (signal.reporterAadObjectId) return signal.reporterAadObjectId === from.aadObjectId;
    if (!signal.replyRouteSealed) return false;
    return this.sealing.openReplyRoute(signal.replyRouteSealed, signal.id).conversation?.id === from.conversationId;
  }
}
