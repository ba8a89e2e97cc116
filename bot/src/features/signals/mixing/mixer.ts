import { randomUUID } from 'node:crypto';
import type { MixPolicy } from '../../../shared/policies';
import type { NewSignalRecord } from '../signal-service';
import {
  duePools,
  type Envelope,
  type EvaluationEnvelope,
  poolOf,
  publishAfter,
  type ReplyEnvelope,
  type SignalEnvelope,
} from './envelope';

/** A signal row as the mixer publishes it: the record, and the day it was made (not the day it was published). */
export type PublishedSignal = NewSignalRecord & { createdOn: string };

export interface PublishedReply {
  id: string;
  signalId: string;
  bodySealed: string;
  seq: number;
  submissionHmac: Buffer;
  createdOn: string;
}

export interface PublishedEvaluation {
  id: string;
  workshopId: string;
  rating: number;
  takeawaySealed: string | null;
}

/** One batch: the rows to write and the envelopes they came from, written and deleted in one transaction. */
export interface Publication {
  consumed: string[];
  signals: PublishedSignal[];
  replies: PublishedReply[];
  evaluations: PublishedEvaluation[];
}

export interface WaitingEnvelope {
  id: string;
  sealed: string;
}

/** An envelope ready to store, for a store that writes it in a transaction of its own work (an evaluation). */
export interface SealedEnvelope {
  id: string;
  guard: Buffer;
  codeGuard: Buffer | null;
  sealed: string;
}

/** The HMACs under which a published row of this kind would carry the same form or reply. */
export interface PublishedAs {
  kind: 'signal' | 'reply';
  hmacs: Buffer[];
  /** The HMACs a published signal with this envelope's case code carries: that signal has taken the code. */
  codeHmacs?: Buffer[];
}

export interface MixStore {
  /**
   * 'repeat' when an envelope with this guard waits already, or (with `publishedAs`) a row published earlier is the
   * same one: checked with the insert under the publishing lock, so a repeat sent while its first is being published
   * is caught too. 'code-taken' when one waits with this code guard, or (with `publishedAs.codeHmacs`) a published
   * signal has this code.
   */
  put(envelope: SealedEnvelope, publishedAs?: PublishedAs): Promise<'stored' | 'repeat' | 'code-taken'>;
  isCodeWaiting(codeGuards: Buffer[]): Promise<boolean>;
  waiting(): Promise<WaitingEnvelope[]>;
  /**
   * Under a lock that one replica at a time holds (others skip): reads what waits, lets `choose` make the batch,
   * writes its rows in the order given and deletes the consumed envelopes, all in one transaction.
   * Rows whose signal or workshop is gone meanwhile are dropped with their envelope.
   */
  publish(choose: (waiting: WaitingEnvelope[]) => Publication): Promise<Publication | undefined>;
}

export interface MixSealing {
  seal(envelope: Envelope, envelopeId: string): string;
  open(sealed: string, envelopeId: string): Envelope;
  guard(repeatKey: string): Buffer;
  codeGuard(caseCode: string): Buffer;
  codeGuards(caseCode: string): Buffer[];
}

/** How each kind becomes its row; the row's id is new, so nothing in it was known when the envelope was written. */
export interface Publishers {
  signal(envelope: SignalEnvelope, id: string): PublishedSignal;
  reply(envelope: ReplyEnvelope, id: string): PublishedReply;
  evaluation(envelope: EvaluationEnvelope, id: string): PublishedEvaluation;
}

export type EnvelopeInput = Envelope extends infer E ? (E extends Envelope ? Omit<E, 'publishAfter'> : never) : never;

/**
 * The mixer: anonymous turns hand it envelopes; it publishes them a pool at a time, once k wait or one has waited
 * its random moment, in one transaction per batch, rows in the order of their fresh random ids.
 */
export class Mixer {
  constructor(
    private readonly deps: {
      store: MixStore;
      sealing: MixSealing;
      publishers: Publishers;
      policy: MixPolicy;
      clock?: () => Date;
      random?: () => number;
    },
  ) {}

  get policy(): MixPolicy {
    return this.deps.policy;
  }

  /** Stores an envelope; a repeat (same guard) or a taken code stores nothing and says so. */
  /**
   * `publishedAs`: the HMACs a published row of this form or reply would carry (a repeat of one already out);
   * `codeHmacs`: those a published signal with this case code would carry (the code is taken).
   */
  enqueue(
    input: EnvelopeInput,
    repeatKey: string,
    o: { caseCode?: string; publishedAs?: Buffer[]; codeHmacs?: Buffer[] } = {},
  ): Promise<'stored' | 'repeat' | 'code-taken'> {
    const publishedAs = o.publishedAs && input.kind !== 'evaluation' ? { kind: input.kind, hmacs: o.publishedAs, codeHmacs: o.codeHmacs } : undefined;
    return this.deps.store.put(this.prepare(input, repeatKey, o.caseCode), publishedAs);
  }

  /** Seals an envelope with its random moment of publication, for whoever stores it. */
  prepare(input: EnvelopeInput, repeatKey: string, caseCode?: string): SealedEnvelope {
    const { sealing, policy } = this.deps;
    const envelope = { ...input, publishAfter: publishAfter(this.now().getTime(), policy, this.deps.random) } as Envelope;
    const id = randomUUID();
    return { id, guard: sealing.guard(repeatKey), codeGuard: caseCode === undefined ? null : sealing.codeGuard(caseCode), sealed: sealing.seal(envelope, id) };
  }

  isCodeWaiting(caseCode: string): Promise<boolean> {
    return this.deps.store.isCodeWaiting(this.deps.sealing.codeGuards(caseCode));
  }

  /** What waits, opened: for a reporter who looks up a signal, or a reply, that is not yet published. */
  async waiting(): Promise<Envelope[]> {
    return (await this.deps.store.waiting()).map((w) => this.deps.sealing.open(w.sealed, w.id));
  }

  /** Publishes every pool that is due; returns how many rows of each kind went out. */
  async publishDue(): Promise<{ signals: number; replies: number; evaluations: number }> {
    const { sealing, publishers, policy } = this.deps;
    const now = this.now().getTime();
    const published = await this.deps.store.publish((waiting) => {
      const opened = waiting.map((w) => ({ id: w.id, envelope: sealing.open(w.sealed, w.id) }));
      const due = duePools(
        opened.map((o) => o.envelope),
        now,
        policy,
      );
      const batch = opened.filter((o) => due.has(poolOf(o.envelope)));
      const publication: Publication = { consumed: batch.map((o) => o.id), signals: [], replies: [], evaluations: [] };
      for (const { envelope } of batch) {
        const id = randomUUID();
        if (envelope.kind === 'signal') publication.signals.push(publishers.signal(envelope, id));
        else if (envelope.kind === 'reply') publication.replies.push(publishers.reply(envelope, id));
        else publication.evaluations.push(publishers.evaluation(envelope, id));
      }
      // Written in the order of their new random ids: the physical order of the rows says nothing of the arrival.
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      publication.signals.sort(byId);
      publication.replies.sort(byId);
      publication.evaluations.sort(byId);
      return publication;
    });
    return {
      signals: published?.signals.length ?? 0,
      replies: published?.replies.length ?? 0,
      evaluations: published?.evaluations.length ?? 0,
    };
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }
}
