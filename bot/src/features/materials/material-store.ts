import { randomUUID } from 'node:crypto';
import type { Database } from '../../platform/database/database';
import type { Material, MaterialInput } from '../../shared/api/materials';

type Row = { id: string; title: string; kind: Material['kind']; url: string; duration_minutes: number | null; language: Material['language']; audience: Material['audience'] };

const toMaterial = (r: Row): Material => ({ id: r.id, title: r.title, kind: r.kind, url: r.url, durationMinutes: r.duration_minutes, language: r.language, audience: r.audience });

/** The library of material, kept by the coordinator; what each workshop uses, chosen by its facilitators. */
export class MaterialStore {
  constructor(private readonly db: Database) {}

  async list(): Promise<Material[]> {
    const { rows } = await this.db.query<Row>('SELECT * FROM materials ORDER BY kind, title, id');
    return rows.map(toMaterial);
  }

  async add(m: MaterialInput): Promise<Material> {
    const id = randomUUID();
    await this.db.query(
      'INSERT INTO materials (id, title, kind, url, duration_minutes, language, audience) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, m.title, m.kind, m.url, m.durationMinutes, m.language, m.audience],
    );
    return { id, ...m };
  }

  async update(id: string, m: MaterialInput): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'UPDATE materials SET title = $2, kind = $3, url = $4, duration_minutes = $5, language = $6, audience = $7 WHERE id = $1',
      [id, m.title, m.kind, m.url, m.durationMinutes, m.language, m.audience],
    );
    return rowCount > 0;
  }

  /** Removed from the library and from every workshop that used it. */
  async remove(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM materials WHERE id = $1', [id]);
    return rowCount > 0;
  }

  /** The material a workshop uses. */
  async ofWorkshop(workshopId: string): Promise<Material[]> {
    const { rows } = await this.db.query<Row>(
      'SELECT m.* FROM materials m JOIN workshop_materials x ON x.material_id = m.id WHERE x.workshop_id = $1 ORDER BY m.kind, m.title, m.id',
      [workshopId],
    );
    return rows.map(toMaterial);
  }

  /**
   * Sets what a workshop uses, in one transaction: the same list sent twice is the same list. False when an id is
   * not in the library (nothing changes).
   */
  async attach(workshopId: string, materialIds: readonly string[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const ids = [...new Set(materialIds)];
      // One change of a workshop's list at a time (two tabs at once), and the chosen material kept until it is in.
      await tx.query('SELECT 1 FROM workshops WHERE id = $1 FOR NO KEY UPDATE', [workshopId]);
      const { rows } = await tx.query<{ id: string }>('SELECT id FROM materials WHERE id = ANY($1::uuid[]) FOR KEY SHARE', [ids]);
      if (rows.length !== ids.length) return false;
      await tx.query('DELETE FROM workshop_materials WHERE workshop_id = $1', [workshopId]);
      for (const id of ids) await tx.query('INSERT INTO workshop_materials (workshop_id, material_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [workshopId, id]);
      return true;
    });
  }
}
