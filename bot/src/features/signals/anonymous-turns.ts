import type { Activity } from 'botbuilder';
import type { SignalCardTokens } from './signal-card-tokens';

/**
 * Turns that carry something anonymous: sending an anonymous signal's form, or replying on an answer card. Such a
 * turn must write nothing that names the person or their chat, so that what it stores (an envelope for the mixer)
 * cannot be tied to them through the database. Its limits count by the card it came from, not by the person, and
 * it claims no activity id: the form and the reply are recognised on their own when sent twice.
 *
 * Only a card whose token proves it was made for this chat counts: anything else is an ordinary turn, counted by
 * person, so a forged card cannot slip past the person's limits.
 */
export function anonymousObjectOf(activity: Activity, tokens: SignalCardTokens, now = Date.now()): string | undefined {
  if (activity.type !== 'message' || activity.text) return undefined;
  const value = activity.value as Record<string, unknown> | undefined;
  const conversationId = activity.conversation?.id;
  if (!value || typeof value !== 'object' || !conversationId) return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (value.action === 'signal.submit' && value.anonymity !== 'vertrouwelijk' && typeof value.issuedAt === 'number') {
    const form = { formId: text(value.submissionId), issuedAt: value.issuedAt, token: text(value.formToken) };
    return tokens.checkForm(form, conversationId, now) === 'valid' ? `signal-form:${form.formId}` : undefined;
  }
  if (value.action === 'signal.reply') {
    const reply = { signalId: text(value.signalId), replyFormId: text(value.replyFormId), token: text(value.replyToken) };
    return tokens.replyMatches(reply, conversationId) ? `signal-reply:${reply.signalId}` : undefined;
  }
  return undefined;
}
