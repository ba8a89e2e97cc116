import { CATEGORIES } from '../domain/signals/vocabulary';
import { type Shown, SUPPRESS_BELOW, suppressTable, type SuppressedTable } from '../domain/insights/suppression';
import type { Database } from './database';

export interface Insights {
  /** Signals per category (rows) and month (columns), the last 12 months. */
  signalsByMonth: SuppressedTable;
  /** Signals per organisation (rows) and category (columns), the last 12 months. */
  signalsByOrganisation: SuppressedTable;
  workshops: { held: number; participants: Shown; managerShare: number | null; averageRating: number | null; evaluations: Shown };
}

/**
 * Aggregate figures for the coordinator, with small counts suppressed here, on the server: the raw counts
 * never leave this module.
 */
export class InsightsStore {
  constructor(private readonly db: Database) {}

  async insights(now: Date): Promise<Insights> {
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
    const months = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + i, 1)).toISOString().slice(0, 7));
    const byMonth = await this.db.query<{ category: string; month: string; n: number }>(
      `SELECT category, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, count(*)::int AS n
       FROM signals WHERE created_at >= $1 GROUP BY 1, 2`,
      [since.toISOString()],
    );
    const byOrganisation = await this.db.query<{ organisation: string; category: string; n: number }>(
      `SELECT organisation, category, count(*)::int AS n FROM signals WHERE created_at >= $1 GROUP BY 1, 2`,
      [since.toISOString()],
    );
    const organisations = (await this.db.query<{ code: string }>('SELECT code FROM organisations ORDER BY code')).rows.map((r) => r.code);
    const grid = <R extends string, C extends string>(rows: R[], columns: C[], data: Array<{ r: string; c: string; n: number }>) =>
      rows.map((r) => columns.map((c) => data.find((d) => d.r === r && d.c === c)?.n ?? 0));

    const workshops = await this.db.query<{ held: number; participants: number; managers: number; evaluations: number; rating: number | null }>(
      `WITH held AS (
         SELECT w.id, w.audience,
           COALESCE(w.participants_kept, (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'aangemeld')) AS people
         FROM workshops w WHERE w.status <> 'geannuleerd' AND w.ends_at < $1)
       SELECT (SELECT count(*)::int FROM held) AS held,
              (SELECT COALESCE(sum(people), 0)::int FROM held) AS participants,
              (SELECT COALESCE(sum(people), 0)::int FROM held WHERE audience = 'mt-leidinggevenden') AS managers,
              (SELECT count(*)::int FROM workshop_evaluations e JOIN held ON held.id = e.workshop_id) AS evaluations,
              (SELECT avg(e.rating)::float FROM workshop_evaluations e JOIN held ON held.id = e.workshop_id) AS rating`,
      [now.toISOString()],
    );
    const w = workshops.rows[0]!;
    const few = (n: number): Shown => (n > 0 && n < SUPPRESS_BELOW ? '< 5' : n);
    return {
      signalsByMonth: suppressTable([...CATEGORIES], months, grid([...CATEGORIES], months, byMonth.rows.map((x) => ({ r: x.category, c: x.month, n: x.n })))),
      signalsByOrganisation: suppressTable(organisations, [...CATEGORIES], grid(organisations, [...CATEGORIES], byOrganisation.rows.map((x) => ({ r: x.organisation, c: x.category, n: x.n })))),
      workshops: {
        held: w.held,
        participants: few(w.participants),
        // A share or an average of fewer than five people would say something about one of them.
        // A share times the participants gives the managers' count back, so both parts must be 0 or at least 5.
        managerShare:
          few(w.managers) !== '< 5' && few(w.participants - w.managers) !== '< 5' && w.participants > 0
            ? Math.round((100 * w.managers) / w.participants) / 100
            : null,
        averageRating: w.evaluations >= SUPPRESS_BELOW && w.rating !== null ? Math.round(w.rating * 10) / 10 : null,
        evaluations: few(w.evaluations),
      },
    };
  }
}
