import type { Experience, WorkshopStatus } from './workshop-vocabulary';

/** A count of seats as shown: exact, or "< 5" (a seat count is never a figure that other figures could give away). */
export type SeatCount = number | '< 5';

/**
 * What the tab API tells of workshops: a facilitator's planning and the coordinator's list. Types only, shared by
 * the service that sends them and the tab that shows them.
 */

/** A facilitator of the pool, as the tab names them. */
export interface FacilitatorRecord {
  id: string;
  displayName: string;
  organisation: string;
}

/** A workshop as a facilitator's planning lists it: when, whose (a team's, or Rijk-wide), where and for whom. */
export interface PlanningWorkshop {
  workshopId: string;
  startsAt: string;
  endsAt: string;
  /** The team's organisation, when the organiser named it. */
  organisation: string | null;
  /** Planned in personal chat for the whole Rijk, not for one team. */
  rijksbreed: boolean;
  /** The place as the organiser typed it, or null for an online workshop. */
  place: string | null;
  audience: string;
  seats: number;
}

/** Mijn planning, as the tab shows it to one facilitator. */
export interface FacilitatorPlanning {
  facilitator: FacilitatorRecord;
  upcoming: Array<
    PlanningWorkshop & {
      status: string;
      registered: number;
      /** The other facilitator, named once they accepted; `asked` while they have not answered, `none` when nobody is asked. */
      coFacilitator: { status: 'accepted'; name: string } | { status: 'asked' } | { status: 'none' };
      /** The material from the library the facilitators chose for it. */
      materialIds: string[];
    }
  >;
  pending: PlanningWorkshop[];
  availability: Array<{ id: string; startsAt: string; endsAt: string }>;
  workshopsThisYear: number;
}

/** A workshop in the coordinator's list. */
export interface PoolWorkshop {
  id: string;
  startsAt: string;
  endsAt: string;
  /** "geen-duo": planned, but no duo can be found (lacksDuo). */
  status: WorkshopStatus | 'geen-duo';
  organisation: string | null;
  audience: string;
  seats: number;
  rijksbreed: boolean;
  /** Exact for a workshop the viewer organises or facilitates; 1 to 4 as "< 5" otherwise (seat-counts.ts). */
  registered: SeatCount;
  waiting: SeatCount;
  duo: Array<{ name: string; status: string }>;
}

/** The registered participants of a facilitator's workshops (GET /api/planning/participants), grouped by workshop. */
export interface MyWorkshopParticipants {
  workshopId: string;
  startsAt: string;
  organisation: string | null;
  rijksbreed: boolean;
  participants: Array<{ id: string; name: string | null }>;
}

/** The pool as the coordinator sees it: who, what experience, active, and how much they do. */
export interface PoolEntry {
  id: string;
  displayName: string;
  organisation: string;
  experience: Experience;
  languages: string[];
  active: boolean;
  /** Accepted workshops from 90 days ago on (the duo proposal's "fewest recent" figure). */
  workload: number;
  /** Availability periods still to come. */
  availablePeriods: number;
}
