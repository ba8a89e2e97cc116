import type { HandoverReason, ReferRole } from './signal-vocabulary';

/**
 * What the outbox carries (bot/src/platform/delivery): the notices two features hand to delivery, by name only.
 * The card is made by the feature when the message is sent, so the outbox holds no text.
 */

/**
 * What a message to a reporter through the sealed route says besides a handler's answer: the signal taken on by a
 * person (for the first time), closed, reopened, handed to another desk (and why; the desk it is at now is named), or
 * closed with a Rijk-wide place to contact (named, with how to reach it).
 */
export type SignalNotice = 'opgepakt' | 'gesloten' | 'heropend' | `overgedragen:${HandoverReason}` | `verwezen:${ReferRole}`;

/** A counsellor's reminder that a signal's term ends soon or has ended: which term, and which of the two (shared/desk-terms.ts). */
export type DeskReminderNotice = `${'bevestigen' | 'terugkoppelen' | 'afhandelen' | 'eerste-reactie'}:${'bijna' | 'te-laat'}`;

/** Proactive messages about a workshop: a notice names the workshop and what happened. */
export const NOTICES = [
  'duo-request',
  'duo-confirmed',
  'duo-not-found',
  'promoted',
  'reminder-day',
  'reminder-hour',
  'evaluation',
  'moved',
  'cancelled',
  'follow-up',
  'nagesprek',
  'facilitator-after',
  'invitation-update',
  'place',
  'groups',
] as const;
export type Notice = (typeof NOTICES)[number];

/**
 * How to reach someone: a person (a 1:1 chat is found or created) or the workshop's channel. `about` names
 * the participant a facilitator is asked to call back ("nagesprek"); it leaves with the sent message. `place`
 * is the id of the sociale kaart entry a facilitator sends a participant ("place").
 */
export type Recipient =
  | { kind: 'person'; aadObjectId: string; userId?: string; about?: { name: string }; place?: string }
  | { kind: 'channel' };

