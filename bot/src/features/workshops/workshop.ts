import type { Experience, Audience, AssignmentStatus, WorkshopLanguage, WorkshopStatus } from '../../shared/workshop-vocabulary';
import type { WorkshopLocation, WorkshopPlan } from './planning';

/** Who someone is in Teams: the Entra object id (who) and the Teams user id (to mention or reach them). */
export interface Person {
  aadObjectId: string;
  userId: string;
  /** The display name Teams gives, kept with a registration so the facilitators can send a place to the person. */
  name?: string;
}

/** Where a workshop lives in Teams: the channel of the invitation, or a personal chat for a Rijk-wide one. */
export interface WorkshopHome {
  tenantId?: string;
  serviceUrl: string;
  /** The channel's conversation id; absent for a Rijk-wide workshop planned in personal chat. */
  channelConversationId?: string;
  /** The organisation of the team, if the organiser named it: preferably no facilitator from there. */
  organisation?: string;
  rijksbreed: boolean;
  /** The message that shows the invitation (the planning card it replaced), to update it for everyone. */
  invitationActivityId?: string;
}

export interface DuoMember {
  facilitatorId: string;
  displayName: string;
  organisation: string;
  experience: Experience;
  status: AssignmentStatus;
  aadObjectId?: string;
}

/** A workshop as cards and the tab see it: the plan, where it lives, its state and its seats. */
export interface Workshop extends Omit<WorkshopPlan, 'location'>, WorkshopHome {
  id: string;
  organiser: Person;
  location: WorkshopLocation;
  status: WorkshopStatus;
  /** Counts the organiser's changes; a card showing an older version is outdated. */
  version: number;
  registered: number;
  waiting: number;
  /** Asked and accepted facilitators, at most two. */
  duo: DuoMember[];
  audience: Audience;
  language: WorkshopLanguage;
  /** Set when the workshop was planned again from another, or another from it: they form a series. */
  seriesId?: string;
  /** Set when the workshop is a session in a round of a bijeenkomst (programme.ts), led by its host. */
  session?: WorkshopSession;
}

export interface WorkshopSession {
  programmeId: string;
  round: number;
  title: string;
  host?: string;
  room?: string;
}

/** One person's place in a workshop. */
export type MyStatus = { status: 'niet-aangemeld' } | { status: 'aangemeld' } | { status: 'wachtlijst'; position: number };

export const seatsLeft = (w: Pick<Workshop, 'seats' | 'registered'>) => Math.max(0, w.seats - w.registered);

/** A workshop whose end has passed; it takes no registrations and gets its evaluation. */
export const isFinished = (w: Pick<Workshop, 'endsAt'>, now: Date) => w.endsAt.getTime() <= now.getTime();


/**
 * Planned, but without a complete duo and nobody left in the pool to ask: a workshop nobody can facilitate as it
 * is. Every request to a facilitator is asked in the transaction that frees a place in the duo, so fewer than two
 * asked or accepted means none was found. Registration waits until the organiser picks another moment.
 */
export const lacksDuo = (w: { status: WorkshopStatus; duo: readonly unknown[] }) => w.status === 'gepland' && w.duo.length < 2;

/** Who facilitates, as far as it is known: only facilitators who accepted are named. */
export type DuoState =
  | { kind: 'confirmed'; names: [string, string] }
  | { kind: 'one-confirmed'; name: string }
  | { kind: 'asked' }
  | { kind: 'none-found' };

export function duoStateOf(w: Pick<Workshop, 'status' | 'duo'>): DuoState {
  if (lacksDuo(w)) return { kind: 'none-found' };
  const accepted = w.duo.filter((m) => m.status === 'geaccepteerd').map((m) => m.displayName);
  if (accepted.length >= 2) return { kind: 'confirmed', names: [accepted[0]!, accepted[1]!] };
  if (accepted.length === 1) return { kind: 'one-confirmed', name: accepted[0]! };
  return { kind: 'asked' };
}
