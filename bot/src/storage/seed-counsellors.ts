import { z } from 'zod';
import { organisationSchema, referralRoleSchema } from '../domain/signals/vocabulary';
import type { Queryable } from './database';
import seedFile from './seeds/counsellors.json';

const seedSchema = z.object({
  counsellors: z.array(
    z.object({ aadObjectId: z.string().uuid(), displayName: z.string().min(1), organisation: organisationSchema, roles: z.array(referralRoleSchema).min(1) }),
  ),
});

/** Loads the fictional counsellors; existing rows are left alone, so the coordinator's edits survive. */
export async function seedCounsellors(db: Queryable): Promise<void> {
  for (const c of seedSchema.parse(seedFile).counsellors) {
    for (const role of c.roles) {
      await db.query(
        'INSERT INTO counsellors (aad_object_id, organisation, inbox_role, display_name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [c.aadObjectId, c.organisation, role, c.displayName],
      );
    }
  }
}
