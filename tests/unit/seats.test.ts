import fc from 'fast-check';
import { isClosed, placeFor, promoted, registrationRefusal } from '../../bot/src/features/workshops/seats';

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
});
