import { randomUUID } from 'node:crypto';
import { lacksDuo, seatCountFor } from '../workshops';
import type { Experience, WorkshopStatus } from '../../shared/workshop-vocabulary';
import type { FacilitatorPlanning, FacilitatorRecord, MyWorkshopParticipants, PlanningWorkshop, PoolEntry, PoolWorkshop } from '../../shared/workshop-views';
import type { Database } from '../../platform/database/database';

const iso = (v: unknown) => new Date(v as string).toISOString();

/** The facilitator pool as the tab reads and keeps it. */
export class FacilitatorStore {
  constructor(private readonly db: Database) {}

  async byAad(aadObjectId: string): Promise<FacilitatorRecord | undefined> {
    const { rows } = await this.db.query<{ id: string; display_name: string; organisation: string }>(
      'SELECT id, display_name, organisation FROM facilitators WHERE aad_object_id = $1 AND active',
      [aadObjectId],
    );
    const r = rows[0];
    return r && { id: r.id, displayName: r.display_name, organisation: r.organisation };
  }

  async planning(facilitator: FacilitatorRecord, now: Date): Promise<FacilitatorPlanning> {
    const upcoming = await this.db.query<Record<string, unknown>>(
      `SELECT ${PLANNING_COLUMNS}, w.status,
         (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'aangemeld') AS registered,
         (SELECT COALESCE(array_agg(m.material_id::text ORDER BY m.material_id), '{}') FROM workshop_materials m WHERE m.workshop_id = w.id) AS material_ids,
         (SELECT json_build_object('name', f.display_name, 'status', o.status) FROM workshop_assignments o JOIN facilitators f ON f.id = o.facilitator_id
           WHERE o.workshop_id = w.id AND o.facilitator_id <> $1 AND o.status IN ('gevraagd', 'geaccepteerd') LIMIT 1) AS co
       FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
       WHERE x.facilitator_id = $1 AND x.status = 'geaccepteerd' AND w.status <> 'geannuleerd' AND w.ends_at > $2
       ORDER BY w.starts_at`,
      [facilitator.id, now.toISOString()],
    );
    const pending = await this.db.query<Record<string, unknown>>(
      `SELECT ${PLANNING_COLUMNS}
       FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
       WHERE x.facilitator_id = $1 AND x.status = 'gevraagd' AND w.status <> 'geannuleerd' AND w.starts_at > $2
       ORDER BY w.starts_at`,
      [facilitator.id, now.toISOString()],
    );
    const availability = await this.db.query<{ id: string; starts_at: unknown; ends_at: unknown }>(
      'SELECT id, starts_at, ends_at FROM facilitator_availability WHERE facilitator_id = $1 AND ends_at > $2 ORDER BY starts_at',
      [facilitator.id, now.toISOString()],
    );
    const year = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
       WHERE x.facilitator_id = $1 AND x.status = 'geaccepteerd' AND w.status <> 'geannuleerd'
         AND date_trunc('year', w.starts_at) = date_trunc('year', $2::timestamptz)`,
      [facilitator.id, now.toISOString()],
    );
    return {
      facilitator,
      upcoming: upcoming.rows.map((r) => ({
        ...planningWorkshop(r),
        status: r.status as string,
        registered: r.registered as number,
        coFacilitator: coFacilitatorOf(r.co as { name: string; status: string } | null),
        materialIds: r.material_ids as string[],
      })),
      pending: pending.rows.map(planningWorkshop),
      availability: availability.rows.map((r) => ({ id: r.id, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at) })),
      workshopsThisYear: year.rows[0]!.n,
    };
  }

  /**
   * The registered participants of my workshops of the last PARTICIPANTS_SINCE_DAYS days and to come, to send one a place from the
   * sociale kaart. A participant without a name from Teams is listed without one.
   */
  async participants(facilitator: FacilitatorRecord, now: Date): Promise<MyWorkshopParticipants[]> {
    const { rows } = await this.db.query<{ id: string; starts_at: unknown; organisation: string | null; rijksbreed: boolean; aad_object_id: string; display_name: string | null }>(
      `SELECT w.id, w.starts_at, w.organisation, w.rijksbreed, r.aad_object_id, r.display_name
       FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
       JOIN registrations r ON r.workshop_id = w.id AND r.status = 'aangemeld'
       WHERE x.facilitator_id = $1 AND x.status = 'geaccepteerd' AND w.status <> 'geannuleerd'
         AND w.ends_at > $2::timestamptz - make_interval(days => $3::int)
       ORDER BY w.starts_at, r.queue_order`,
      [facilitator.id, now.toISOString(), PARTICIPANTS_SINCE_DAYS],
    );
    const byWorkshop = new Map<string, MyWorkshopParticipants>();
    for (const r of rows) {
      const entry = byWorkshop.get(r.id) ?? { workshopId: r.id, startsAt: iso(r.starts_at), organisation: r.organisation, rijksbreed: r.rijksbreed, participants: [] };
      entry.participants.push({ id: r.aad_object_id, name: r.display_name });
      byWorkshop.set(r.id, entry);
    }
    return [...byWorkshop.values()];
  }

  async addAvailability(facilitatorId: string, startsAt: Date, endsAt: Date): Promise<string> {
    const id = randomUUID();
    await this.db.query('INSERT INTO facilitator_availability (id, facilitator_id, starts_at, ends_at) VALUES ($1, $2, $3, $4)', [
      id,
      facilitatorId,
      startsAt.toISOString(),
      endsAt.toISOString(),
    ]);
    return id;
  }

  /** Only one's own periods; false when there was no such period of theirs. */
  async removeAvailability(facilitatorId: string, id: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM facilitator_availability WHERE id = $1 AND facilitator_id = $2', [id, facilitatorId]);
    return rowCount === 1;
  }
}

const PLANNING_COLUMNS = 'w.id, w.starts_at, w.ends_at, w.organisation, w.rijksbreed, w.location_kind, w.location, w.audience, w.seats';

function planningWorkshop(r: Record<string, unknown>): PlanningWorkshop {
  return {
    workshopId: r.id as string,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    organisation: (r.organisation as string | null) ?? null,
    rijksbreed: r.rijksbreed as boolean,
    place: r.location_kind === 'place' ? (r.location as string) : null,
    audience: r.audience as string,
    seats: r.seats as number,
  };
}

/** Only a facilitator who accepted is named to their partner: one who was only asked may still decline. */
function coFacilitatorOf(co: { name: string; status: string } | null): FacilitatorPlanning['upcoming'][number]['coFacilitator'] {
  if (!co) return { status: 'none' };
  return co.status === 'geaccepteerd' ? { status: 'accepted', name: co.name } : { status: 'asked' };
}

/** How far back a facilitator can still send a place to a participant: aftercare happens in the weeks after. */
export const PARTICIPANTS_SINCE_DAYS = 30;

export class PoolStore {
  constructor(private readonly db: Database) {}

  async pool(now: Date): Promise<PoolEntry[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT f.id, f.display_name, f.organisation, f.experience, f.languages, f.active,
         (SELECT count(*)::int FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
           WHERE x.facilitator_id = f.id AND x.status = 'geaccepteerd' AND w.status <> 'geannuleerd'
             AND w.starts_at > $1::timestamptz - interval '90 days') AS workload,
         (SELECT count(*)::int FROM facilitator_availability a WHERE a.facilitator_id = f.id AND a.ends_at > $1) AS periods
       FROM facilitators f ORDER BY f.organisation, f.display_name`,
      [now.toISOString()],
    );
    return rows.map((r) => ({
      id: r.id as string,
      displayName: r.display_name as string,
      organisation: r.organisation as string,
      experience: r.experience as Experience,
      languages: r.languages as string[],
      active: r.active as boolean,
      workload: r.workload as number,
      availablePeriods: r.periods as number,
    }));
  }

  async setActive(id: string, active: boolean): Promise<boolean> {
    const { rowCount } = await this.db.query('UPDATE facilitators SET active = $2 WHERE id = $1', [id, active]);
    return rowCount === 1;
  }

  /**
   * Every workshop from a month ago on, with its state, seats and duo, as `viewerAad` may see it: the counts of
   * people exact only for a workshop they organise or facilitate (seat-counts.ts). The state "geen-duo" is a
   * planned workshop for which no duo can be found (lacksDuo).
   */
  async workshops(now: Date, viewerAad: string): Promise<PoolWorkshop[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT w.id, w.starts_at, w.ends_at, w.status, w.organisation, w.audience, w.seats, w.rijksbreed,
         (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'aangemeld') AS registered,
         (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'wachtlijst') AS waiting,
         COALESCE((SELECT json_agg(json_build_object('name', f.display_name, 'status', x.status) ORDER BY f.display_name)
           FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
           WHERE x.workshop_id = w.id AND x.status IN ('gevraagd', 'geaccepteerd')), '[]') AS duo,
         (w.organiser_aad_object_id = $2 OR EXISTS (SELECT 1 FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
           WHERE x.workshop_id = w.id AND x.status IN ('gevraagd', 'geaccepteerd') AND f.aad_object_id = $2)) AS insider
       FROM workshops w WHERE w.ends_at > $1::timestamptz - interval '30 days' ORDER BY w.starts_at`,
      [now.toISOString(), viewerAad],
    );
    return rows.map((r) => {
      const duo = r.duo as PoolWorkshop['duo'];
      const status = r.status as WorkshopStatus;
      const insider = r.insider === true;
      return {
        id: r.id as string,
        startsAt: new Date(r.starts_at as string).toISOString(),
        endsAt: new Date(r.ends_at as string).toISOString(),
        status: lacksDuo({ status, duo }) ? 'geen-duo' : status,
        organisation: (r.organisation as string | null) ?? null,
        audience: r.audience as string,
        seats: r.seats as number,
        rijksbreed: r.rijksbreed as boolean,
        registered: seatCountFor(r.registered as number, insider),
        waiting: seatCountFor(r.waiting as number, insider),
        duo,
      };
    });
  }
}
