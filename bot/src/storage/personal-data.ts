import type { Database } from './database';

/** Mijn gegevens: everything that carries a person's Entra id, deleted together or not at all. */
export class PersonalData {
  constructor(private readonly db: Database) {}

  /** Signals with their messages and outbox rows (by cascade), and the addresses to reach the person. */
  async deleteFor(aadObjectId: string): Promise<{ signals: number; installations: number }> {
    return this.db.transaction(async (tx) => {
      const signals = await tx.query('DELETE FROM signals WHERE reporter_aad_object_id = $1', [aadObjectId]);
      const installations = await tx.query('DELETE FROM installations WHERE aad_object_id = $1', [aadObjectId]);
      return { signals: signals.rowCount, installations: installations.rowCount };
    });
  }
}
