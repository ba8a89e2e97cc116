import { z } from 'zod';
import { networkCoordinatorSchema } from '../../shared/api/network';
import { organisationSchema, referralRoleSchema } from '../../shared/signal-vocabulary';
import type { Database } from '../../platform/database/database';
import { seedOnce } from '../../platform/database/seed-ledger';
import seedFile from '../../samples/counsellors.json';

export const counsellorSeedSchema = z.object({
  counsellors: z.array(
    z.object({ aadObjectId: z.string().uuid(), displayName: z.string().min(1), organisation: organisationSchema, roles: z.array(referralRoleSchema).min(1) }),
  ),
  /** Who coordinates the counsellor network of an organisation: they see its figures (features/insights). */
  networkCoordinators: z.array(networkCoordinatorSchema).default([]),
});
export type CounsellorSeed = z.infer<typeof counsellorSeedSchema>;

/** The bundled fictional counsellors. */
export function seededCounsellors(): CounsellorSeed {
  return counsellorSeedSchema.parse(seedFile);
}

/** Loads the counsellors, each inbox seat once (seed-ledger.ts), so the coordinator's edits survive. */
export async function seedCounsellors(db: Database, seed: CounsellorSeed = seededCounsellors()): Promise<void> {
  const seats = seed.counsellors.flatMap((c) => c.roles.map((role) => ({ ...c, role })));
  await seedOnce(db, 'counsellor', seats, (c) => `${c.aadObjectId}:${c.organisation}:${c.role}`, (tx, c) =>
    tx.query('INSERT INTO counsellors (aad_object_id, organisation, inbox_role, display_name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      c.aadObjectId,
      c.organisation,
      c.role,
      c.displayName,
    ]),
  );
}
