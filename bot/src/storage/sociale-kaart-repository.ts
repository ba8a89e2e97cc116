import { z } from 'zod';
import { organisationEntrySchema, type OrganisationEntry, type Referral, referralSchema, type RoutingRule, routingRuleSchema } from '../domain/referrals/referral';
import type { Queryable } from './database';

/** Reads the sociale kaart from the database; every row is validated, so a bad edit cannot reach a card. */
export class SocialeKaartRepository {
  constructor(private readonly db: Queryable) {}

  async organisations(): Promise<OrganisationEntry[]> {
    const { rows } = await this.db.query<{ code: string; name: unknown }>('SELECT code, name FROM organisations ORDER BY code');
    return rows.map((r) => organisationEntrySchema.parse({ code: r.code, name: r.name }));
  }

  async referrals(): Promise<Referral[]> {
    const { rows } = await this.db.query<{ entry: unknown }>('SELECT entry FROM referrals ORDER BY organisation, role, id');
    return z.array(referralSchema).parse(rows.map((r) => r.entry));
  }

  async routingRules(): Promise<RoutingRule[]> {
    const { rows } = await this.db.query<{ category: string; wish: string; roles: string[]; urgency: string }>(
      'SELECT category, wish, roles, urgency FROM routing_rules ORDER BY category, wish',
    );
    return z.array(routingRuleSchema).parse(rows);
  }
}
