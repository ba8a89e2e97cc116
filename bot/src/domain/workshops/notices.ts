/**
 * Proactive messages about a workshop. A notice names the workshop and what happened; its card is made
 * from the workshop's data when it is sent, so the outbox holds no text.
 */
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

export interface NoticeRequest {
  notice: Notice;
  recipient: Recipient;
  /** One message per key, however often it is asked for (a retried turn, a second replica). */
  idempotencyKey: string;
}

/** Scheduled sends per workshop, claimed in the database when due. */
export const JOBS = ['reminder-day', 'reminder-hour', 'evaluation'] as const;
export type Job = (typeof JOBS)[number];

/** Who hears what when a scheduled job is due: participants their reminder or evaluation; after the end, the duo too. */
export function noticesForJob(
  job: Job,
  workshopId: string,
  participants: readonly { aadObjectId: string; userId: string }[],
  facilitators: readonly { aadObjectId: string }[],
): NoticeRequest[] {
  const toParticipants = participants.map((p): NoticeRequest => ({
    notice: job,
    recipient: { kind: 'person', aadObjectId: p.aadObjectId, userId: p.userId },
    idempotencyKey: `${job}:${workshopId}:${p.aadObjectId}`,
  }));
  if (job !== 'evaluation') return toParticipants;
  return [
    ...toParticipants,
    ...facilitators.map((f): NoticeRequest => ({
      notice: 'facilitator-after',
      recipient: { kind: 'person', aadObjectId: f.aadObjectId },
      idempotencyKey: `facilitator-after:${workshopId}:${f.aadObjectId}`,
    })),
  ];
}
