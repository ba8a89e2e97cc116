import { type SocialeKaart, socialeKaartSchema } from '../domain/referrals/referral';
import type { Queryable } from './database';
import seedFile from './seeds/sociale-kaart.json';

export function seededSocialeKaart(): SocialeKaart {
  return socialeKaartSchema.parse(seedFile);
}

/**
 * Loads the seed into the database. Rows that exist are left alone, so the coordinator's edits
 * survive a restart and an upgrade only adds what is new. Safe when replicas start together.
 */
export async function seedSocialeKaart(db: Queryable, kaart: SocialeKaart = seededSocialeKaart()): Promise<void> {
  for (const o of kaart.organisations) {
    await db.query('INSERT INTO organisations (code, name) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING', [o.code, JSON.stringify(o.name)]);
  }
  for (const r of kaart.referrals) {
    await db.query('INSERT INTO referrals (id, organisation, role, entry) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING', [
      r.id,
      r.organisation,
      r.role,
      JSON.stringify(r),
    ]);
  }
  for (const rule of kaart.routingRules) {
    await db.query('INSERT INTO routing_rules (category, wish, roles, urgency) VALUES ($1, $2, $3::text[], $4) ON CONFLICT DO NOTHING', [
      rule.category,
      rule.wish,
      rule.roles,
      rule.urgency,
    ]);
  }
}
