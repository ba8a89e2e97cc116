import { z } from 'zod';
import { organisationEntrySchema, type OrganisationEntry, type Referral, referralSchema, type RoutingRule, routingRuleSchema } from '../../shared/api/kaart';
import type { StaffedInbox } from './routing';
import { organisationSchema, referralRoleSchema } from '../../shared/signal-vocabulary';
import type { Queryable } from '../../platform/database/database';

const staffedInboxSchema = z.object({ organisation: organisationSchema, role: referralRoleSchema });

/** How long a replica keeps the sociale kaart in memory: a coordinator's edit reaches every replica within this. */
export const SOCIALE_KAART_CACHE_MS = 30_000;

/**
 * Reads the sociale kaart from the database; every row is validated, so a bad edit cannot reach a card.
 * Every signal turn needs it, and it changes seldom, so each part is kept for a short while.
 */
export class SocialeKaartRepository {
  private cache = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly db: Queryable,
    private readonly cacheMs = SOCIALE_KAART_CACHE_MS,
  ) {}

  organisations(): Promise<OrganisationEntry[]> {
    return this.cached('organisations', () => this.readOrganisations());
  }

  /** Whether the organisations table holds this code: the card lists come from it, a forged submit may not. */
  async hasOrganisation(code: string): Promise<boolean> {
    return (await this.organisations()).some((o) => o.code === code);
  }

  referrals(): Promise<Referral[]> {
    return this.cached('referrals', () => this.readReferrals());
  }

  routingRules(): Promise<RoutingRule[]> {
    return this.cached('routingRules', () => this.readRoutingRules());
  }

  /**
   * The inboxes someone reads: each organisation × role with at least one counsellor (a row in `counsellors` is an
   * active seat). Routing sends a signal only to one of these; a new or departed counsellor counts within the cache time.
   */
  staffedInboxes(): Promise<StaffedInbox[]> {
    return this.cached('staffedInboxes', () => this.readStaffedInboxes());
  }

  /** The coordinator's edit of one place; false when there is no such place. Other replicas follow within the cache time. */
  async updateReferral(entry: Referral): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE referrals SET organisation = $2, role = $3, entry = $4::jsonb, updated_at = now() WHERE id = $1', [
      entry.id,
      entry.organisation,
      entry.role,
      JSON.stringify(entry),
    ]);
    this.forget();
    return rowCount === 1;
  }

  /** A new place from the coordinator; false when its id is taken. */
  async addReferral(entry: Referral): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'INSERT INTO referrals (id, organisation, role, entry) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO NOTHING',
      [entry.id, entry.organisation, entry.role, JSON.stringify(entry)],
    );
    this.forget();
    return rowCount === 1;
  }

  /** A place that no longer exists; false when there was none. */
  async removeReferral(id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM referrals WHERE id = $1', [id]);
    this.forget();
    return rowCount === 1;
  }

  /** The coordinator sets the places for a category and wish. */
  async upsertRoutingRule(rule: RoutingRule): Promise<void> {
    await this.db.query(
      `INSERT INTO routing_rules (category, wish, roles, urgency) VALUES ($1, $2, $3::text[], $4)
       ON CONFLICT (category, wish) DO UPDATE SET roles = EXCLUDED.roles, urgency = EXCLUDED.urgency`,
      [rule.category, rule.wish, rule.roles, rule.urgency],
    );
    this.forget();
  }

  /** After an edit on this replica: read again at once. */
  forget(): void {
    this.cache.clear();
  }

  private cached<T>(key: string, read: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value as Promise<T>;
    const value = read();
    this.cache.set(key, { until: Date.now() + this.cacheMs, value });
    // A failed read is not remembered: the next turn tries the database again.
    value.catch(() => this.cache.delete(key));
    return value;
  }

  private async readOrganisations(): Promise<OrganisationEntry[]> {
    const { rows } = await this.db.query<{ code: string; name: unknown; terms: unknown; part_of: string | null }>('SELECT code, name, terms, part_of FROM organisations ORDER BY code');
    return rows.map((r) => organisationEntrySchema.parse({ code: r.code, name: r.name, ...(r.terms ? { terms: r.terms } : {}), ...(r.part_of ? { partOf: r.part_of } : {}) }));
  }

  private async readReferrals(): Promise<Referral[]> {
    const { rows } = await this.db.query<{ entry: unknown }>('SELECT entry FROM referrals ORDER BY organisation, role, id');
    return z.array(referralSchema).parse(rows.map((r) => r.entry));
  }

  private async readStaffedInboxes(): Promise<StaffedInbox[]> {
    const { rows } = await this.db.query<{ organisation: string; role: string }>(
      'SELECT DISTINCT organisation, inbox_role AS role FROM counsellors ORDER BY organisation, inbox_role',
    );
    // A seat under a role this version does not know reaches no route: left out, not fatal for every signal.
    return rows.flatMap((r) => {
      const seat = staffedInboxSchema.safeParse(r);
      return seat.success ? [seat.data] : [];
    });
  }

  private async readRoutingRules(): Promise<RoutingRule[]> {
    const { rows } = await this.db.query<{ category: string; wish: string; roles: string[]; urgency: string }>(
      'SELECT category, wish, roles, urgency FROM routing_rules ORDER BY category, wish',
    );
    return z.array(routingRuleSchema).parse(rows);
  }
}
