import { type SocialeKaart, socialeKaartSchema } from '../../shared/api/kaart';
import type { Database } from '../../platform/database/database';
import { seedOnce } from '../../platform/database/seed-ledger';
import seedFile from '../../samples/sociale-kaart.json';

/** The bundled sample kaart (fictional contacts; 112, 113 and the Rijk-wide places are real). */
export function seededSocialeKaart(): SocialeKaart {
  return socialeKaartSchema.parse(seedFile);
}

/**
 * Loads the seed into the database, each row once (seed-ledger.ts): the coordinator's edits and removals
 * survive a restart, and an upgrade only adds what is new. Safe when replicas start together.
 */
export async function seedSocialeKaart(db: Database, kaart: SocialeKaart = seededSocialeKaart()): Promise<void> {
  await seedOnce(db, 'organisation', kaart.organisations, (o) => o.code, (tx, o) =>
    tx.query('INSERT INTO organisations (code, name, terms) VALUES ($1, $2::jsonb, $3::jsonb) ON CONFLICT DO NOTHING', [o.code, JSON.stringify(o.name), o.terms ? JSON.stringify(o.terms) : null]),
  );
  // Which organisation is part of which, once per pair: also for organisations seeded before parts existed.
  const parts = kaart.organisations.flatMap((o) => (o.partOf ? [{ code: o.code, partOf: o.partOf }] : []));
  await seedOnce(db, 'organisation-part', parts, (p) => `${p.code}:${p.partOf}`, (tx, p) =>
    tx.query('UPDATE organisations SET part_of = $2 WHERE code = $1', [p.code, p.partOf]),
  );
  await seedOnce(db, 'referral', kaart.referrals, (r) => r.id, (tx, r) =>
    tx.query('INSERT INTO referrals (id, organisation, role, entry) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT DO NOTHING', [r.id, r.organisation, r.role, JSON.stringify(r)]),
  );
  await seedOnce(db, 'routing-rule', kaart.routingRules, (rule) => `${rule.category}:${rule.wish}`, (tx, rule) =>
    tx.query('INSERT INTO routing_rules (category, wish, roles, urgency) VALUES ($1, $2, $3::text[], $4) ON CONFLICT DO NOTHING', [
      rule.category,
      rule.wish,
      rule.roles,
      rule.urgency,
    ]),
  );
}
