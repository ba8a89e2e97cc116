import fc from 'fast-check';
import { decideRegistrations, isClosed, placeFor, promoted, type RegistrationAsk, type RegistrationDecision, registrationRefusal } from '../../bot/src/features/workshops/seats';

const NOW = new Date('2027-03-01T09:00:00Z');
const LATER = new Date('2027-03-08T09:00:00Z');
const open = { status: 'bevestigd', startsAt: LATER, version: 3, duoSize: 2 };

describe('seats: who gets one, who waits, who moves up', () => {
  it('fills a workshop to exactly its seats, whatever the order people come in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.nat(60), (seats, people) => {
        let registered = 0;
        let waiting = 0;
        for (let i = 0; i < people; i++) placeFor(registered, seats) === 'aangemeld' ? registered++ : waiting++;
        expect(registered).toBe(Math.min(seats, people));
        expect(waiting).toBe(Math.max(0, people - seats));
      }),
    );
  });

  it('moves up the first of the waiting list, in the order they joined, as many as there are free seats', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.bigInt({ min: 1n, max: 10_000n }), { maxLength: 30 }), fc.integer({ min: -3, max: 40 }), (orders, free) => {
        const waiting = orders.map((queueOrder) => ({ queueOrder }));
        const up = promoted(waiting, free).map((w) => w.queueOrder);
        const inOrder = [...orders].sort((a, b) => (a < b ? -1 : 1));
        expect(up).toEqual(inOrder.slice(0, Math.max(0, free)));
      }),
    );
  });

  it('refuses a registration for a cancelled or started workshop, an old card, or a planned workshop without a duo', () => {
    expect(registrationRefusal(open, NOW, 3)).toBeNull();
    expect(registrationRefusal(open, NOW, undefined)).toBeNull();
    expect(registrationRefusal({ ...open, status: 'geannuleerd' }, NOW, 3)).toBe('gesloten');
    expect(registrationRefusal({ ...open, startsAt: NOW }, NOW, 3)).toBe('gesloten');
    expect(registrationRefusal(open, NOW, 2)).toBe('verouderd');
    expect(registrationRefusal({ ...open, status: 'gepland', duoSize: 1 }, NOW, 3)).toBe('geen-duo');
    expect(registrationRefusal({ ...open, status: 'gepland', duoSize: 2 }, NOW, 3)).toBeNull();
    // Closed is said before an old card: a person with an old card of a cancelled workshop hears it is closed.
    expect(registrationRefusal({ ...open, status: 'geannuleerd' }, NOW, 1)).toBe('gesloten');
    expect(isClosed({ status: 'bevestigd', startsAt: LATER }, NOW)).toBe(false);
  });

  describe('registrations that arrive together', () => {
    type Stored = NonNullable<RegistrationAsk['mine']>;
    const asks = fc.array(
      fc.record({ who: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'), cardVersion: fc.constantFrom(undefined, 3, 2), late: fc.boolean() }),
      { maxLength: 25 },
    );
    /** What a store keeps after a decision: the person's registration, and the counts. */
    const apply = (state: { registered: number; waiting: number; mine: Map<string, Stored> }, who: string, d: RegistrationDecision) => {
      if (d.outcome === 'aangemeld') state.registered++;
      if (d.outcome === 'aangemeld') state.mine.set(who, { status: 'aangemeld' });
      if (d.outcome === 'wachtlijst') state.waiting++;
      if (d.outcome === 'wachtlijst') state.mine.set(who, { status: 'wachtlijst', position: d.position });
    };

    it('decides a batch as the same registrations one by one, each stored before the next', () => {
      const stored = fc.dictionary(
        fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
        fc.oneof(fc.constant<Stored>({ status: 'aangemeld' }), fc.integer({ min: 1, max: 9 }).map((position): Stored => ({ status: 'wachtlijst', position }))),
      );
      const windows = fc.record({ status: fc.constantFrom('gepland', 'bevestigd', 'geannuleerd'), duoSize: fc.integer({ min: 0, max: 2 }) });
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 9 }), stored, windows, asks, (seats, registered, waiting, before, state0, batch) => {
          const window = { ...open, ...state0, seats, registered, waiting };
          const toAsk = (a: (typeof batch)[number], mine?: Stored): RegistrationAsk => ({ who: a.who, cardVersion: a.cardVersion, now: a.late ? LATER : NOW, mine });
          const together = decideRegistrations(window, batch.map((a) => toAsk(a, before[a.who])));

          const state = { registered, waiting, mine: new Map(Object.entries(before)) };
          const alone = batch.map((a) => {
            const [d] = decideRegistrations({ ...window, registered: state.registered, waiting: state.waiting }, [toAsk(a, state.mine.get(a.who))]);
            apply(state, a.who, d!);
            return d!;
          });
          expect(together).toEqual(alone);
          // Each alone goes by the rule of one registration: a refusal first, then one's own place, then a seat while one is free.
          for (const [i, d] of alone.entries()) {
            const refusal = registrationRefusal(window, batch[i]!.late ? LATER : NOW, batch[i]!.cardVersion);
            if (refusal) expect(d).toEqual({ outcome: refusal });
          }
          // Never more seats than are free, and one place for each person at most.
          expect(together.filter((d) => d.outcome === 'aangemeld').length).toBeLessThanOrEqual(Math.max(0, seats - registered));
          const joined = batch.filter((_, i) => ['aangemeld', 'wachtlijst'].includes(together[i]!.outcome)).map((a) => a.who);
          expect(new Set(joined).size).toBe(joined.length);
          expect(joined.filter((who) => before[who])).toEqual([]);
        }),
      );
    });

    it('gives those who join the waiting list the places after those who wait already, in the order they came', () => {
      const decided = decideRegistrations({ ...open, seats: 2, registered: 1, waiting: 4 }, [
        { who: 'a', cardVersion: 3, now: NOW },
        { who: 'b', cardVersion: 3, now: NOW },
        { who: 'a', cardVersion: 3, now: NOW },
        { who: 'w', cardVersion: 3, now: NOW, mine: { status: 'wachtlijst', position: 2 } },
        { who: 'c', cardVersion: 3, now: NOW },
        { who: 'b', cardVersion: 3, now: NOW },
      ]);
      expect(decided).toEqual([
        { outcome: 'aangemeld' },
        { outcome: 'wachtlijst', position: 5 },
        { outcome: 'al-aangemeld' },
        { outcome: 'al-op-wachtlijst', position: 2 },
        { outcome: 'wachtlijst', position: 6 },
        { outcome: 'al-op-wachtlijst', position: 5 },
      ]);
    });
  });
});
