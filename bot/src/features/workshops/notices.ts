import type { Notice, Recipient } from '../../shared/notices';

export interface NoticeRequest {
  notice: Notice;
  recipient: Recipient;
  /** One message per key, however often it is asked for (a retried turn, a second replica). */
  idempotencyKey: string;
}

/** Scheduled sends per workshop, claimed in the database when due. */
export const JOBS = ['reminder-day', 'reminder-hour', 'evaluation', 'groups'] as const;
export type Job = (typeof JOBS)[number];
/** The jobs that send the same notice to every participant; 'groups' first divides a dialogue (workshop-jobs.ts). */
export type NoticeJob = Exclude<Job, 'groups'>;

/**
 * Who hears what when a scheduled job is due: participants their reminder or evaluation; after the end, the duo too.
 * A session's day reminder speaks of the whole programme (it lists the person's sessions): keyed by the programme,
 * so two sessions due at once send it once (the job also leaves out who has a seat in an earlier round).
 */
export function noticesForJob(
  job: NoticeJob,
  workshopId: string,
  participants: readonly { aadObjectId: string; userId: string }[],
  facilitators: readonly { aadObjectId: string }[],
  programmeId?: string,
): NoticeRequest[] {
  const scope = programmeId && job === 'reminder-day' ? `programme:${programmeId}` : workshopId;
  const toParticipants = participants.map((p): NoticeRequest => ({
    notice: job,
    recipient: { kind: 'person', aadObjectId: p.aadObjectId, userId: p.userId },
    idempotencyKey: `${job}:${scope}:${p.aadObjectId}`,
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
