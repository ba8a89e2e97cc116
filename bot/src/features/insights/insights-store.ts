import type { InsightsStore } from './insights-service';
import type { Period } from './periods';
import type { Database } from '../../platform/database/database';

/** Raw counts of a period for the insights service, and its stored snapshots. Nothing here leaves unsuppressed. */
export class DatabaseInsightsStore implements InsightsStore {
  constructor(private readonly db: Database) {}

  async signalsPerCategory(period: Period): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ category: string; n: number }>(
      'SELECT category, count(*)::int AS n FROM signals WHERE created_at >= $1 AND created_at < $2 GROUP BY 1',
      [period.start.toISOString(), period.end.toISOString()],
    );
    return Object.fromEntries(rows.map((r) => [r.category, r.n]));
  }

  async signalsPerOrganisation(period: Period) {
    const counts = await this.db.query<{ organisation: string; category: string; n: number }>(
      'SELECT organisation, category, count(*)::int AS n FROM signals WHERE created_at >= $1 AND created_at < $2 GROUP BY 1, 2',
      [period.start.toISOString(), period.end.toISOString()],
    );
    const organisations = (await this.db.query<{ code: string }>('SELECT code FROM organisations ORDER BY code')).rows.map((r) => r.code);
    return { organisations, counts: counts.rows };
  }

  async workshops(period: Period) {
    const { rows } = await this.db.query<{ held: number; participants: number; managers: number; evaluations: number; rating_sum: number }>(
      `WITH held AS (
         SELECT w.id, w.audience,
           COALESCE(w.participants_kept, (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'aangemeld')) AS people
         FROM workshops w WHERE w.status <> 'geannuleerd' AND w.ends_at >= $1 AND w.ends_at < $2)
       SELECT (SELECT count(*)::int FROM held) AS held,
              (SELECT COALESCE(sum(people), 0)::int FROM held) AS participants,
              (SELECT COALESCE(sum(people), 0)::int FROM held WHERE audience = 'mt-leidinggevenden') AS managers,
              (SELECT count(*)::int FROM workshop_evaluations e JOIN held ON held.id = e.workshop_id) AS evaluations,
              (SELECT COALESCE(sum(e.rating), 0)::int FROM workshop_evaluations e JOIN held ON held.id = e.workshop_id) AS rating_sum`,
      [period.start.toISOString(), period.end.toISOString()],
    );
    const w = rows[0]!;
    return { held: w.held, participants: w.participants, managers: w.managers, evaluations: w.evaluations, ratingSum: w.rating_sum };
  }

  async snapshot<T>(period: string, make: () => Promise<T>): Promise<T> {
    const stored = await this.read<T>(period);
    if (stored !== undefined) return stored;
    // Another replica may store it first: then its snapshot is the one, for everyone.
    await this.db.query('INSERT INTO insight_snapshots (period, figures) VALUES ($1, $2::jsonb) ON CONFLICT (period) DO NOTHING', [
      period,
      JSON.stringify(await make()),
    ]);
    return (await this.read<T>(period))!;
  }

  private async read<T>(period: string): Promise<T | undefined> {
    const { rows } = await this.db.query<{ figures: T }>('SELECT figures FROM insight_snapshots WHERE period = $1', [period]);
    return rows[0]?.figures;
  }
}
