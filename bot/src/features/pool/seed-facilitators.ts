import { z } from 'zod';
import { experienceSchema, workshopLanguageSchema } from '../../shared/workshop-vocabulary';
import type { Database, Queryable } from '../../platform/database/database';
import { seedOnce } from '../../platform/database/seed-ledger';
import seedFile from '../../samples/facilitators.json';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

export const facilitatorSeedSchema = z.object({
  facilitators: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        displayName: z.string().min(1),
        organisation: z.string().min(1),
        experience: experienceSchema,
        languages: z.array(workshopLanguageSchema).min(1),
        aadObjectId: z.string().uuid(),
        weekdays: z.array(z.number().int().min(1).max(7)).min(1),
        from: hhmm,
        to: hhmm,
      }),
    )
    .min(1),
});
export type FacilitatorSeed = z.infer<typeof facilitatorSeedSchema>;

export function seededFacilitators(): FacilitatorSeed {
  return facilitatorSeedSchema.parse(seedFile);
}

/** How far ahead a seeded facilitator's weekly availability is written. */
const SEED_WEEKS = 26;

/**
 * Loads the pool, each facilitator once (seed-ledger.ts): the coordinator's edits survive, and a new one gets
 * their weekly availability for the coming half year, in Dutch time, in the same transaction, so a crash
 * between the two cannot leave them unavailable for good.
 */
export async function seedFacilitators(db: Database, timeZone: string, seed: FacilitatorSeed = seededFacilitators()): Promise<void> {
  await seedOnce(db, 'facilitator', seed.facilitators, (f) => f.id, (tx, f) => seedOne(tx, f, timeZone));
}

async function seedOne(db: Queryable, f: FacilitatorSeed['facilitators'][number], timeZone: string): Promise<void> {
  const inserted = await db.query(
    `INSERT INTO facilitators (id, aad_object_id, display_name, organisation, experience, languages)
     VALUES ($1, $2, $3, $4, $5, $6::text[]) ON CONFLICT DO NOTHING RETURNING id`,
    [f.id, f.aadObjectId, f.displayName, f.organisation, f.experience, f.languages],
  );
  if (inserted.rowCount === 0) return;
  await db.query(
    `INSERT INTO facilitator_availability (id, facilitator_id, starts_at, ends_at)
     SELECT gen_random_uuid(), $1, (d::date + $3::time) AT TIME ZONE $5, (d::date + $4::time) AT TIME ZONE $5
     FROM generate_series(date_trunc('day', now() AT TIME ZONE $5), date_trunc('day', now() AT TIME ZONE $5) + make_interval(days => $6), interval '1 day') AS d
     WHERE extract(isodow FROM d)::int = ANY($2::int[])`,
    [f.id, f.weekdays, f.from, f.to, timeZone, SEED_WEEKS * 7],
  );
}
