import type { Database, Queryable } from '../../platform/database/database';
import type { NetworkAdviceStore, Rise } from './network-advice';
import type { BreakdownDimension } from '../../shared/api/network';
import type { Period } from './periods';
import type { Relation } from '../../shared/signal-vocabulary';

/** Opens one sealed relation (KeyRingSignalSealing.openRelation): null when the reporter said nothing. */
export type OpenRelation = (sealed: string, pendingId: string) => Relation | null;

/** An organisation and the whole it is part of, if any. */
export interface OrganisationPart {
  code: string;
  partOf: string | null;
}

/** Raw counts of a period for a set of organisations. They leave the domain only held back as network-figures.ts says. */
export interface NetworkStore {
  organisations(): Promise<OrganisationPart[]>;
  /** The organisations a network coordinator is kept for (network_coordinators). */
  scopesOf(aadObjectId: string): Promise<string[]>;
  /** Per dimension, the count of each value among the period's signals of these organisations. */
  counts(period: Period, quarters: string[], organisations: string[]): Promise<Record<BreakdownDimension, Record<string, number>>>;
  /** The days from a signal's day to its first reaction, for the period's signals that had one: how many, and the median. */
  firstReaction(period: Period, organisations: string[]): Promise<{ n: number; median: number | null }>;
}

/** A rise as it was told, with the names of its scope: what the advice card says. */
export interface StoredAdvice extends Rise {
  organisationName: { nl: string; en: string };
}

export class DatabaseNetworkStore implements NetworkStore, NetworkAdviceStore {
  constructor(
    private readonly db: Database,
    private readonly openRelation: OpenRelation,
  ) {}

  async advise(rise: Rise, whole: boolean): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const marked = await tx.query(
        `INSERT INTO network_advice (quarter, scope, category, previous_quarter, count_before, count_now) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [rise.quarter, rise.scope, rise.category, rise.previousQuarter, rise.before, rise.now],
      );
      if (marked.rowCount === 0) return false;
      const notice = adviceNotice(rise);
      for (const aadObjectId of await this.keptFor(tx, rise.scope, whole)) {
        await tx.query(
          `INSERT INTO outbox (id, idempotency_key, kind, notice, recipient) VALUES (gen_random_uuid(), $1, 'network-advice', $2, $3::jsonb)`,
          [`network-advice:${notice}:${aadObjectId}`, notice, JSON.stringify({ kind: 'person', aadObjectId })],
        );
      }
      return true;
    });
  }

  /** The advice a notice names, or undefined when it is gone. */
  async advice(notice: string): Promise<StoredAdvice | undefined> {
    const [quarter, scope, category] = notice.split('|');
    const { rows } = await this.db.query<{ previous_quarter: string; count_before: number; count_now: number; name: { nl: string; en: string } }>(
      `SELECT a.previous_quarter, a.count_before, a.count_now, o.name FROM network_advice a JOIN organisations o ON o.code = a.scope
       WHERE a.quarter = $1 AND a.scope = $2 AND a.category = $3`,
      [quarter, scope, category],
    );
    const r = rows[0];
    return r && { quarter: quarter!, scope: scope!, category: category!, previousQuarter: r.previous_quarter, before: r.count_before, now: r.count_now, organisationName: r.name };
  }

  /** Whether a person is (still) kept as network coordinator for the scope or for the whole it is part of. */
  async isKeptFor(aadObjectId: string, scope: string): Promise<boolean> {
    return (await this.keptFor(this.db, scope, true)).includes(aadObjectId);
  }

  private async keptFor(db: Queryable, scope: string, whole: boolean): Promise<string[]> {
    const { rows } = await db.query<{ aad_object_id: string }>(
      `SELECT DISTINCT aad_object_id FROM network_coordinators
       WHERE organisation = $1 OR ($2 AND organisation = (SELECT part_of FROM organisations WHERE code = $1)) ORDER BY aad_object_id`,
      [scope, whole],
    );
    return rows.map((r) => r.aad_object_id);
  }

  async organisations(): Promise<OrganisationPart[]> {
    const { rows } = await this.db.query<{ code: string; part_of: string | null }>('SELECT code, part_of FROM organisations ORDER BY code');
    return rows.map((r) => ({ code: r.code, partOf: r.part_of }));
  }

  async scopesOf(aadObjectId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ organisation: string }>('SELECT organisation FROM network_coordinators WHERE aad_object_id = $1 ORDER BY organisation', [aadObjectId]);
    return rows.map((r) => r.organisation);
  }

  async counts(period: Period, quarters: string[], organisations: string[]) {
    const range = [period.start.toISOString(), period.end.toISOString(), organisations];
    const among = 'FROM signals WHERE created_at >= $1 AND created_at < $2 AND organisation = ANY($3::text[])';
    const grouped = async (column: string, extra = '') => {
      const { rows } = await this.db.query<{ value: string; n: number }>(`SELECT ${column} AS value, count(*)::int AS n ${among} ${extra} GROUP BY 1`, range);
      return Object.fromEntries(rows.map((r) => [r.value, r.n]));
    };
    return {
      wish: await grouped('wish'),
      anonymity: await grouped('anonymity'),
      relation: await this.relationCounts(quarters, organisations),
      outcome: await grouped('outcome', 'AND outcome IS NOT NULL'),
    };
  }

  /**
   * Who the other person was, counted only here, when a settled quarter's figures are taken (and stored held back
   * as the rules say): each signal's relation waits sealed, apart from its signal (relation_pending), so no count a
   * database reader could compare changes with one signal. relation_counts holds what was counted, in the clear,
   * before stop 31; nothing adds to it any more.
   */
  private async relationCounts(quarters: string[], organisations: string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const earlier = await this.db.query<{ relation: string; n: number }>(
      'SELECT relation, sum(n)::int AS n FROM relation_counts WHERE quarter = ANY($1::text[]) AND organisation = ANY($2::text[]) GROUP BY 1',
      [quarters, organisations],
    );
    for (const r of earlier.rows) counts[r.relation] = r.n;
    const { rows } = await this.db.query<{ id: string; relation_sealed: string }>(
      'SELECT id, relation_sealed FROM relation_pending WHERE quarter = ANY($1::text[]) AND organisation = ANY($2::text[])',
      [quarters, organisations],
    );
    for (const row of rows) {
      const relation = this.openRelation(row.relation_sealed, row.id);
      if (relation !== null) counts[relation] = (counts[relation] ?? 0) + 1;
    }
    return counts;
  }

  async firstReaction(period: Period, organisations: string[]) {
    const { rows } = await this.db.query<{ n: number; median: number | null }>(
      `SELECT count(*)::int AS n,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY (taken_on_at AT TIME ZONE 'UTC')::date - (created_at AT TIME ZONE 'UTC')::date) AS median
       FROM signals WHERE created_at >= $1 AND created_at < $2 AND organisation = ANY($3::text[]) AND taken_on_at IS NOT NULL`,
      [period.start.toISOString(), period.end.toISOString(), organisations],
    );
    return { n: rows[0]!.n, median: rows[0]!.median };
  }
}

/** The outbox's notice for an advice: its quarter, scope and topic. */
export const adviceNotice = (rise: Pick<Rise, 'quarter' | 'scope' | 'category'>) => `${rise.quarter}|${rise.scope}|${rise.category}`;
