import type { Database } from '../../platform/database/database';
import type { ShareDimension } from '../../shared/api/network';
import type { Period } from './periods';

/** An organisation and the whole it is part of, if any. */
export interface OrganisationPart {
  code: string;
  partOf: string | null;
}

/** Raw counts of a period for a set of organisations. They never leave the domain: only shares and medians do. */
export interface NetworkStore {
  organisations(): Promise<OrganisationPart[]>;
  /** The organisations a network coordinator is kept for (network_coordinators). */
  scopesOf(aadObjectId: string): Promise<string[]>;
  /** Per dimension, the count of each value among the period's signals of these organisations. */
  counts(period: Period, quarters: string[], organisations: string[]): Promise<Record<ShareDimension, Record<string, number>>>;
  /** The days from a signal's day to its first reaction, for the period's signals that had one: how many, and the median. */
  firstReaction(period: Period, organisations: string[]): Promise<{ n: number; median: number | null }>;
}

export class DatabaseNetworkStore implements NetworkStore {
  constructor(private readonly db: Database) {}

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
    // Who the other was is kept only as counts per quarter (relation_counts), never beside a signal.
    const relation = await this.db.query<{ value: string; n: number }>(
      'SELECT relation AS value, sum(n)::int AS n FROM relation_counts WHERE quarter = ANY($1::text[]) AND organisation = ANY($2::text[]) GROUP BY 1',
      [quarters, organisations],
    );
    return {
      wish: await grouped('wish'),
      anonymity: await grouped('anonymity'),
      relation: Object.fromEntries(relation.rows.map((r) => [r.value, r.n])),
      outcome: await grouped('outcome', 'AND outcome IS NOT NULL'),
    };
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
