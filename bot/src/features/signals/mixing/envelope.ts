import { z } from 'zod';
import type { MixPolicy } from '../../../shared/policies';
import { anonymitySchema, categorySchema, organisationSchema, relationSchema, wishSchema } from '../../../shared/signal-vocabulary';

/**
 * What an anonymous turn writes instead of its row: an envelope, opened only by the mixer. A signal, a reply of an
 * anonymous reporter, and a workshop evaluation each become a row only when the mixer publishes them, in a batch
 * with others, so the row cannot be tied to the turn (and the person) that made it: not by transaction id, not by
 * physical order, not by time.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Every envelope says when it must be published at the latest (a random moment within the configured delay). */
const base = { publishAfter: z.number().int().nonnegative() };

export const signalEnvelopeSchema = z.object({
  ...base,
  kind: z.literal('signal'),
  day,
  submissionId: z.string().uuid(),
  caseCode: z.string(),
  organisation: organisationSchema,
  category: categorySchema,
  wish: wishSchema,
  anonymity: anonymitySchema,
  /** Who the other person is to the reporter, if said; envelopes sealed before it existed have none. */
  relation: relationSchema.nullable().optional(),
  urgency: z.string(),
  inboxRole: z.string().nullable(),
  status: z.enum(['geteld', 'nieuw']),
  description: z.string().nullable(),
  replyRoute: z.record(z.string(), z.unknown()).nullable(),
});

export const replyEnvelopeSchema = z
  .object({
    ...base,
    kind: z.literal('reply'),
    day,
    signalId: z.string().uuid(),
    /** Taken from the messages' sequence when the reporter wrote it: the reply keeps its place in the conversation. */
    seq: z.number().int().positive(),
    text: z.string(),
    /**
     * The card the reply was sent from: with the signal and the text it makes a second press a repeat, kept as a
     * keyed hash once published. Not the whole repeat key, which holds the text a second time.
     */
    replyFormId: z.string().uuid().optional(),
    /** The whole repeat key, as envelopes sealed before replyFormId carried it (they wait a day at most). */
    repeatKey: z.string().optional(),
  })
  .refine((e) => (e.replyFormId === undefined) !== (e.repeatKey === undefined), { message: 'a reply envelope names its card or its repeat key' });

export const evaluationEnvelopeSchema = z.object({
  ...base,
  kind: z.literal('evaluation'),
  workshopId: z.string().uuid(),
  rating: z.number().int().min(1).max(5),
  takeaway: z.string().nullable(),
});

export const envelopeSchema = z.discriminatedUnion('kind', [signalEnvelopeSchema, replyEnvelopeSchema, evaluationEnvelopeSchema]);
export type Envelope = z.infer<typeof envelopeSchema>;
export type SignalEnvelope = z.infer<typeof signalEnvelopeSchema>;
export type ReplyEnvelope = z.infer<typeof replyEnvelopeSchema>;
export type EvaluationEnvelope = z.infer<typeof evaluationEnvelopeSchema>;

/**
 * Envelopes hide among the others of their pool. Signals and replies come from turns that write nothing about the
 * person, so they share one pool; an evaluation's turn marks the registration (who evaluated), so evaluations hide
 * only among evaluations.
 */
export type Pool = 'anonymous' | 'evaluation';
export const poolOf = (e: Envelope): Pool => (e.kind === 'evaluation' ? 'evaluation' : 'anonymous');


/** When an envelope made at `now` must be published at the latest: uniformly within the delay, so its age says little. */
export function publishAfter(now: number, policy: MixPolicy, random: () => number = Math.random): number {
  return now + Math.floor(random() * policy.maxDelayMs);
}

/** The pools due now: k envelopes waiting, or one of them past its moment. A due pool is published whole. */
export function duePools(envelopes: readonly Envelope[], now: number, policy: MixPolicy): Set<Pool> {
  const due = new Set<Pool>();
  for (const pool of ['anonymous', 'evaluation'] as const) {
    const waiting = envelopes.filter((e) => poolOf(e) === pool);
    if (waiting.length >= policy.batchSize || waiting.some((e) => e.publishAfter <= now)) due.add(pool);
  }
  return due;
}
