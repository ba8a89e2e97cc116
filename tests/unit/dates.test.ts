import { en, nl } from '../support/strings';
import { calendarDescription } from '../../bot/src/features/workshops/workshop-cards';
import type { Workshop } from '../../bot/src/features/workshops/workshop';
import { seatCountFor } from '../../bot/src/features/workshops/seat-counts';
import { clockTime, longDate, periodText, shortDate } from '../../bot/src/shared/dates';

describe('one date format for the cards and the tab', () => {
  const tuesday = new Date('2026-12-08T09:00:00Z');

  it('writes a date on its own short, with the weekday, and in a sentence in full', () => {
    expect(shortDate(tuesday, 'nl')).toBe('di 8 dec 2026');
    expect(shortDate(tuesday, 'en')).toBe('Tue 8 Dec 2026');
    expect(longDate(tuesday, 'nl')).toBe('8 december 2026');
    expect(longDate(tuesday, 'en')).toBe('8 December 2026');
  });

  it('writes months without a full stop, whatever the locale data abbreviates', () => {
    const march = new Date('2030-03-04T09:00:00Z');
    expect(shortDate(march, 'nl')).toBe('ma 4 mrt 2030');
    expect(shortDate(new Date('2030-06-01T07:00:00Z'), 'nl')).toBe('za 1 jun 2030');
    expect(shortDate(new Date('2030-09-03T07:00:00Z'), 'en')).toBe('Tue 3 Sep 2030');
  });

  it('counts the day and the time in Dutch time, across midnight and daylight saving', () => {
    // 23:30 UTC on 24 November is 00:30 on the 25th in Amsterdam.
    expect(shortDate(new Date('2026-11-24T23:30:00Z'), 'nl')).toBe('wo 25 nov 2026');
    expect(clockTime(new Date('2026-11-24T23:30:00Z'))).toBe('00:30');
    expect(clockTime(new Date('2026-07-01T08:00:00Z'))).toBe('10:00');
  });

  it('says a workshop\'s day once, and both days of a period over midnight', () => {
    expect(periodText(tuesday, new Date('2026-12-08T11:00:00Z'), 'nl')).toBe('di 8 dec 2026, 10:00–12:00');
    expect(periodText(new Date('2030-06-05T20:00:00Z'), new Date('2030-06-05T23:00:00Z'), 'en')).toBe('Wed 5 Jun 2030, 22:00 – Thu 6 Jun 2030, 01:00');
  });
});

describe('the calendar file\'s description', () => {
  const member = (name: string, status: 'gevraagd' | 'geaccepteerd') => ({ facilitatorId: name.toLowerCase(), displayName: name, organisation: 'bzk', experience: 'lijn' as const, status });
  const workshop = (status: Workshop['status'], duo: ReturnType<typeof member>[]) => ({ status, duo }) as unknown as Workshop;

  it.each([
    ['both accepted', workshop('bevestigd', [member('Anouk Verbeek', 'geaccepteerd'), member('Samira El Idrissi', 'geaccepteerd')]), 'Workshop sociale veiligheid, begeleid door Anouk Verbeek en Samira El Idrissi.', 'Social safety workshop, facilitated by Anouk Verbeek and Samira El Idrissi.'],
    ['one accepted, one asked', workshop('gepland', [member('Anouk Verbeek', 'geaccepteerd'), member('Samira El Idrissi', 'gevraagd')]), 'Workshop sociale veiligheid, begeleid door Anouk Verbeek en een tweede begeleider die nog niet bekend is.', 'Social safety workshop, facilitated by Anouk Verbeek and a second facilitator not yet known.'],
    ['two asked', workshop('gepland', [member('Anouk Verbeek', 'gevraagd'), member('Samira El Idrissi', 'gevraagd')]), 'Workshop sociale veiligheid. Wie hem begeleiden, is nog niet bekend.', 'Social safety workshop. Who facilitates it is not yet known.'],
    ['nobody found', workshop('gepland', []), 'Workshop sociale veiligheid. Er zijn nog geen begeleiders gevonden.', 'Social safety workshop. No facilitators have been found yet.'],
  ])('%s: a sentence of its own, in Dutch and English', (_case, w, dutch, english) => {
    expect(calendarDescription(nl, w)).toBe(`${dutch} Aangemeld via Sociaal Veilig in Teams.`);
    expect(calendarDescription(en, w)).toBe(`${english} Registered through Sociaal Veilig in Teams.`);
  });
});

describe('a workshop\'s count of people for someone outside it', () => {
  it.each([
    [0, false, 0],
    [1, false, '< 5'],
    [4, false, '< 5'],
    [5, false, 5],
    [3, true, 3],
  ] as const)('%i people, organiser or duo: %s → %s', (count, insider, shown) => {
    expect(seatCountFor(count, insider)).toBe(shown);
  });
});
