import { KeyedTokens } from '../../platform/crypto/keyed-tokens';
import type { KeyRing } from '../../platform/crypto/signal-keys';

/** A signal form stays valid this long after it was shown: long enough to hesitate, and come back to it. */
export const SIGNAL_FORM_VALID_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The signal cards carry their own proof, so nothing about them is stored while a person fills them in: no
 * conversation state that a database reader could match against the signal. A form's token binds the form to
 * the chat it was shown in and the moment it was shown; a reply box's token binds it to the signal and the chat
 * the answer went to.
 */
export class SignalCardTokens {
  private readonly tokens: KeyedTokens;

  constructor(ring: KeyRing) {
    this.tokens = new KeyedTokens(ring);
  }

  form(formId: string, conversationId: string, issuedAt: number): string {
    return this.tokens.make(formValue(formId, conversationId, issuedAt));
  }

  /** 'valid', 'expired' (made here, but too long ago), or 'forged' (not made for this form in this chat). */
  checkForm(form: { formId: string; issuedAt: number; token: string }, conversationId: string, now: number): 'valid' | 'expired' | 'forged' {
    if (!this.tokens.matches(formValue(form.formId, conversationId, form.issuedAt), form.token)) return 'forged';
    return now - form.issuedAt > SIGNAL_FORM_VALID_MS || form.issuedAt > now + 60_000 ? 'expired' : 'valid';
  }

  reply(signalId: string, conversationId: string, replyFormId: string): string {
    return this.tokens.make(replyValue(signalId, conversationId, replyFormId));
  }

  replyMatches(reply: { signalId: string; replyFormId: string; token: string }, conversationId: string): boolean {
    return this.tokens.matches(replyValue(reply.signalId, conversationId, reply.replyFormId), reply.token);
  }
}

const formValue = (formId: string, conversationId: string, issuedAt: number) => `signal-form:${formId}:${issuedAt}:${conversationId}`;
const replyValue = (signalId: string, conversationId: string, replyFormId: string) => `signal-reply:${signalId}:${replyFormId}:${conversationId}`;
