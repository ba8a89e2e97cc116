/**
 * Who gets a seat, who waits, and who moves up: the decisions about seats, as pure functions. The store calls them
 * inside its transaction, with the workshop's row locked, so two people never take the same last seat.
 */

/** Where a new registration goes: a seat while one is free, else the end of the waiting list. */
export function placeFor(registered: number, seats: number): 'aangemeld' | 'wachtlijst' {
  return registered < seats ? 'aangemeld' : 'wachtlijst';
}

/** The state of a workshop that decides whether someone may register now. */
export interface RegistrationWindow {
  status: string;
  startsAt: Date;
  version: number;
  /** Facilitators asked or accepted. */
  duoSize: number;
}

/**
 * Why a registration cannot go ahead, or null when it can: a cancelled or started workshop is closed; a card older
 * than the workshop shows another plan than the one now on offer; a planned workshop without a duo takes nobody.
 */
export function registrationRefusal(w: RegistrationWindow, now: Date, cardVersion: number | undefined): 'gesloten' | 'verouderd' | 'geen-duo' | null {
  if (isClosed(w, now)) return 'gesloten';
  if (cardVersion !== undefined && cardVersion !== w.version) return 'verouderd';
  if (w.status === 'gepland' && w.duoSize < 2) return 'geen-duo';
  return null;
}

/** A cancelled workshop, or one that has started, takes no registrations and lets nobody go. */
export function isClosed(w: { status: string; startsAt: Date }, now: Date): boolean {
  return w.status === 'geannuleerd' || w.startsAt <= now;
}

/** Who takes the free seats: the first of the waiting list, in the order they joined it, as many as there are seats. */
export function promoted<T extends { queueOrder: bigint }>(waiting: readonly T[], freeSeats: number): T[] {
  return [...waiting].sort((a, b) => (a.queueOrder < b.queueOrder ? -1 : a.queueOrder > b.queueOrder ? 1 : 0)).slice(0, Math.max(0, freeSeats));
}
