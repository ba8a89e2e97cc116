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

/** One registration of those that reach a workshop together, with what is stored for this person already. */
export interface RegistrationAsk {
  /** Who asks: the same person twice in one batch is answered as a double click is. */
  who: string;
  cardVersion: number | undefined;
  now: Date;
  /** This person's registration before the batch, with their place when they wait. */
  mine?: { status: 'aangemeld' } | { status: 'wachtlijst'; position: number };
}

export type RegistrationDecision =
  | { outcome: 'aangemeld' }
  | { outcome: 'wachtlijst'; position: number }
  | { outcome: 'al-aangemeld' }
  | { outcome: 'al-op-wachtlijst'; position: number }
  | { outcome: 'gesloten' | 'verouderd' | 'geen-duo' };

/**
 * Registrations that reach one workshop together, decided one after the other in the order they came, each as it
 * would be alone: a seat while one is free (placeFor), else the end of the waiting list. `registered` and `waiting`
 * are the counts before the first of them.
 */
export function decideRegistrations(
  w: RegistrationWindow & { seats: number; registered: number; waiting: number },
  asks: readonly RegistrationAsk[],
): RegistrationDecision[] {
  let { registered, waiting } = w;
  const joined = new Map<string, NonNullable<RegistrationAsk['mine']>>();
  return asks.map((ask): RegistrationDecision => {
    const refusal = registrationRefusal(w, ask.now, ask.cardVersion);
    if (refusal) return { outcome: refusal };
    const mine = joined.get(ask.who) ?? ask.mine;
    if (mine?.status === 'aangemeld') return { outcome: 'al-aangemeld' };
    if (mine) return { outcome: 'al-op-wachtlijst', position: mine.position };
    if (placeFor(registered, w.seats) === 'aangemeld') {
      registered++;
      joined.set(ask.who, { status: 'aangemeld' });
      return { outcome: 'aangemeld' };
    }
    waiting++;
    joined.set(ask.who, { status: 'wachtlijst', position: waiting });
    return { outcome: 'wachtlijst', position: waiting };
  });
}
