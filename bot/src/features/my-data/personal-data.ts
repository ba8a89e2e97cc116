import type { Database } from '../../platform/database/database';

/** Mijn gegevens: everything that carries a person's Entra id, deleted together or not at all. */
export class PersonalData {
  constructor(private readonly db: Database) {}

  /**
   * Signals with their messages and outbox rows (by cascade), workshop registrations (upcoming ones are given
   * up first by the caller, so the waiting list moves up), notices waiting to be sent to the person, and the
   * addresses to reach them.
   */
  async deleteFor(aadObjectId: string): Promise<{ signals: number; installations: number; registrations: number }> {
    return this.db.transaction(async (tx) => {
      const signals = await tx.query('DELETE FROM signals WHERE reporter_aad_object_id = $1', [aadObjectId]);
      const registrations = await tx.query('DELETE FROM registrations WHERE aad_object_id = $1', [aadObjectId]);
      await tx.query(`DELETE FROM outbox WHERE recipient->>'aadObjectId' = $1`, [aadObjectId]);
      const installations = await tx.query('DELETE FROM installations WHERE aad_object_id = $1', [aadObjectId]);
      return { signals: signals.rowCount, installations: installations.rowCount, registrations: registrations.rowCount };
    });
  }

  /** What "Mijn gegevens" shows of workshops: my registrations, and the workshops and bijeenkomsten I organise (a session is part of its bijeenkomst). */
  async workshopCounts(aadObjectId: string): Promise<{ registrations: number; organised: number }> {
    const { rows } = await this.db.query<{ registrations: number; organised: number }>(
      `SELECT (SELECT count(*)::int FROM registrations WHERE aad_object_id = $1) AS registrations,
              (SELECT count(*)::int FROM workshops WHERE organiser_aad_object_id = $1 AND programme_id IS NULL)
                + (SELECT count(*)::int FROM programmes WHERE organiser_aad_object_id = $1) AS organised`,
      [aadObjectId],
    );
    return rows[0]!;
  }
}
