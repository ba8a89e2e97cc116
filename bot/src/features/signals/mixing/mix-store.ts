import type { MixStore, Publication, PublishedAs, SealedEnvelope, WaitingEnvelope } from './mixer';
import type { Database, Queryable } from '../../../platform/database/database';
import { insertSignals } from '../signal-store';

/**
 * Names the lock a publication takes to write its batch, exclusive to the puts (which take it shared): a put's look
 * for a published row and its insert never straddle a batch's commit. Any constant the replicas share.
 */
export const MIX_LOCK_ID = 0x5356_0002;

/** Names the lock under which one replica at a time reads and publishes a batch. */
export const MIX_PUBLISHER_LOCK_ID = 0x5356_0003;

/** How often a put finds a publication under way before it gives up (each time it waits for that one to end). */
const BUSY_TRIES = 20;

/** The mixer's envelopes in the database; see domain/mixing for what they are and why. */
export class DatabaseMixStore implements MixStore {
  constructor(private readonly db: Database) {}

  async put(e: SealedEnvelope, publishedAs?: PublishedAs): Promise<'stored' | 'repeat' | 'code-taken'> {
    // One call (migration 021): the lock, the looks and the insert, where the transaction took five round trips.
    for (let tries = 1; ; tries++) {
      const { rows } = await this.db.query<{ outcome: 'stored' | 'repeat' | 'code-taken' | 'busy' }>(
        'SELECT put_envelope($1, $2, $3, $4, $5, $6, $7, $8) AS outcome',
        [MIX_LOCK_ID, e.id, e.guard, e.codeGuard, e.sealed, publishedAs?.kind ?? null, publishedAs?.hmacs ?? null, publishedAs?.codeHmacs ?? null],
      );
      const outcome = rows[0]!.outcome;
      if (outcome !== 'busy') return outcome;
      if (tries >= BUSY_TRIES) throw new Error(`the mixer was publishing at each of ${tries} tries`);
      // A batch is being published. Wait for it in a statement that carries nothing but the lock's name (its own
      // transaction, so the lock is let go at once), then put again.
      await this.db.query('SELECT pg_advisory_xact_lock_shared($1)', [MIX_LOCK_ID]);
    }
  }

  async isCodeWaiting(codeGuards: Buffer[]): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM mix_envelopes WHERE code_guard = ANY($1::bytea[])', [codeGuards]);
    return rows.length > 0;
  }

  async waiting(): Promise<WaitingEnvelope[]> {
    const { rows } = await this.db.query<{ id: string; sealed: string }>('SELECT id, envelope_sealed AS sealed FROM mix_envelopes');
    return rows;
  }

  async publish(choose: (waiting: WaitingEnvelope[]) => Publication): Promise<Publication | undefined> {
    return this.db.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [MIX_PUBLISHER_LOCK_ID]);
      if (!locked[0]?.ok) return undefined;
      const { rows } = await tx.query<{ id: string; sealed: string }>('SELECT id, envelope_sealed AS sealed FROM mix_envelopes FOR UPDATE');
      if (rows.length === 0) return undefined;
      const publication = choose(rows);
      if (publication.consumed.length === 0) return undefined;
      // Only the writing shuts the puts out, not the reading and opening of the batch before it: a put meanwhile
      // stores an envelope for the next batch, or finds its form's envelope still waiting (a repeat).
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIX_LOCK_ID]);
      await writePublication(tx, publication);
      await tx.query('DELETE FROM mix_envelopes WHERE id = ANY($1::uuid[])', [publication.consumed]);
      return publication;
    });
  }
}

/** Stores a sealed envelope; a store that writes it with its own work in one transaction calls this with it. */
export async function putEnvelope(q: Queryable, e: SealedEnvelope): Promise<void> {
  await q.query('INSERT INTO mix_envelopes (id, guard, code_guard, envelope_sealed) VALUES ($1, $2, $3, $4)', [e.id, e.guard, e.codeGuard, e.sealed]);
}

/** A publication's rows, one statement per kind however large the batch: the mixer's lock is held meanwhile. */
async function writePublication(tx: Queryable, p: Publication): Promise<void> {
  await insertSignals(tx, p.signals, 'ignore-duplicates');
  if (p.replies.length > 0) {
    // A reply to a signal deleted meanwhile (retention, Mijn gegevens) goes with it.
    await tx.query(
      `INSERT INTO signal_messages (id, signal_id, author, body_sealed, seq, submission_hmac, created_at)
       SELECT t.id, t.signal_id, 'reporter', t.body_sealed, t.seq, t.submission_hmac, t.created_on::date
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::bytea[], $6::text[]) WITH ORDINALITY AS t(id, signal_id, body_sealed, seq, submission_hmac, created_on, n)
       JOIN signals s ON s.id = t.signal_id
       ORDER BY t.n
       ON CONFLICT DO NOTHING`,
      [p.replies.map((r) => r.id), p.replies.map((r) => r.signalId), p.replies.map((r) => r.bodySealed), p.replies.map((r) => r.seq), p.replies.map((r) => r.submissionHmac), p.replies.map((r) => r.createdOn)],
    );
  }
  if (p.evaluations.length > 0) {
    // An evaluation of a workshop deleted meanwhile goes with it.
    await tx.query(
      `INSERT INTO workshop_evaluations (id, workshop_id, rating, takeaway_sealed)
       SELECT t.id, t.workshop_id, t.rating, t.takeaway_sealed
       FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[]) WITH ORDINALITY AS t(id, workshop_id, rating, takeaway_sealed, n)
       JOIN workshops w ON w.id = t.workshop_id
       ORDER BY t.n`,
      [p.evaluations.map((e) => e.id), p.evaluations.map((e) => e.workshopId), p.evaluations.map((e) => e.rating), p.evaluations.map((e) => e.takeawaySealed)],
    );
  }
}
