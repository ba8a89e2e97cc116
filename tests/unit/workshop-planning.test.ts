import { calendarFile, escapeText, fold } from '../../bot/src/features/workshops/calendar';
import { instantOf, wallClockOf } from '../../bot/src/features/workshops/local-time';
import { checkPlan, locationOf, planInputSchema } from '../../bot/src/features/workshops/planning';

const ZONE = 'Europe/Amsterdam';
const NOW = new Date('2026-11-24T12:00:00Z');
const form = (extra: Record<string, unknown> = {}) =>
  planInputSchema.parse({ date: '2026-12-01', time: '10:00', location: 'https://teams.microsoft.com/l/meetup-join/x', audience: 'gemengd', language: 'nl', ...extra });

describe('Dutch wall-clock time', () => {
  it.each([
    ['2026-12-01', '10:00', '2026-12-01T09:00:00.000Z'],
    ['2026-07-01', '10:00', '2026-07-01T08:00:00.000Z'],
    ['2026-10-25', '03:30', '2026-10-25T02:30:00.000Z'],
  ])('%s %s in Amsterdam is %s', (date, time, iso) => {
    expect(instantOf(date, time, ZONE)?.toISOString()).toBe(iso);
    expect(wallClockOf(new Date(iso), ZONE)).toEqual({ date, time });
  });

  it('gives the hour that comes twice in autumn an instant the clocks show as that time', () => {
    const instant = instantOf('2026-10-25', '02:30', ZONE)!;
    expect(wallClockOf(instant, ZONE)).toEqual({ date: '2026-10-25', time: '02:30' });
  });

  it('knows the hour skipped in spring does not exist', () => {
    expect(instantOf('2026-03-29', '02:30', ZONE)).toBeUndefined();
  });

  it('refuses what is no date', () => {
    expect(instantOf('2026-02-30', '10:00', ZONE)).toBeUndefined();
    expect(instantOf('1-12-2026', '10:00', ZONE)).toBeUndefined();
  });
});

describe('checkPlan', () => {
  it('takes the defaults: two hours and eight seats', () => {
    const result = checkPlan(form(), NOW, ZONE);
    expect(result).toMatchObject({ ok: true, plan: { seats: 8, location: { kind: 'online' } } });
    if (result.ok) expect(result.plan.endsAt.getTime() - result.plan.startsAt.getTime()).toBe(2 * 60 * 60 * 1000);
  });

  it.each([
    ['a date in the past', { date: '2026-11-01' }, ['date-in-the-past']],
    ['yesterday, at a later hour than now', { date: '2026-11-23', time: '23:30' }, ['date-in-the-past']],
    ['a moment earlier today', { date: '2026-11-24', time: '12:00' }, ['in-the-past']],
    ['too many seats', { seats: 21 }, ['seats-out-of-bounds']],
    ['too few seats', { seats: 1 }, ['seats-out-of-bounds']],
    ['no length', { lengthMinutes: 0 }, ['length-out-of-bounds']],
    ['a plain http link', { location: 'http://example.org/meet' }, ['link-not-https']],
    ['a time that does not exist', { date: '2027-03-28', time: '02:15' }, ['no-such-time']],
  ])('refuses %s', (_what, change, problems) => {
    expect(checkPlan(form(change), NOW, ZONE)).toEqual({ ok: false, problems });
  });

  it("calls yesterday's date in Amsterdam a past date, even where UTC still says it is that day", () => {
    // 23:30 UTC on the 24th is 00:30 on the 25th in Amsterdam.
    const justAfterMidnight = new Date('2026-11-24T23:30:00Z');
    expect(checkPlan(form({ date: '2026-11-24', time: '23:45' }), justAfterMidnight, ZONE)).toEqual({ ok: false, problems: ['date-in-the-past'] });
    expect(checkPlan(form({ date: '2026-11-25', time: '00:15' }), justAfterMidnight, ZONE)).toEqual({ ok: false, problems: ['in-the-past'] });
  });

  it.each([3, 9, 20])('warns for %i seats (outside the pilot\'s 4–8) until the organiser confirms', (seats) => {
    expect(checkPlan(form({ seats }), NOW, ZONE)).toEqual({ ok: false, warning: 'seats-outside-advice', problems: [] });
    expect(checkPlan(form({ seats, seatsConfirmed: 'true' }), NOW, ZONE)).toMatchObject({ ok: true, plan: { seats } });
  });

  it('reads a place as a place and a link as online', () => {
    expect(locationOf('Zaal 4.12, Den Haag')).toEqual({ kind: 'place', text: 'Zaal 4.12, Den Haag' });
    expect(locationOf('https://teams.microsoft.com/l/meetup-join/x')).toMatchObject({ kind: 'online' });
    expect(locationOf('javascript://alert(1)')).toBeUndefined();
  });

  it('refuses a form of the wrong shape', () => {
    expect(planInputSchema.safeParse({ date: 'morgen', time: '10:00', location: 'x', audience: 'gemengd', language: 'nl' }).success).toBe(false);
    expect(planInputSchema.safeParse({ date: '2026-12-01', time: '10:00', location: 'x', audience: 'iedereen', language: 'nl' }).success).toBe(false);
    expect(planInputSchema.safeParse({ date: '2026-12-01', time: '10:00', location: 'x'.repeat(201), audience: 'gemengd', language: 'nl' }).success).toBe(false);
  });
});

describe('calendar file', () => {
  const event = {
    uid: 'w1@sociaal-veilig',
    sequence: 0,
    startsAt: new Date('2026-12-01T09:00:00Z'),
    endsAt: new Date('2026-12-01T11:00:00Z'),
    summary: 'Workshop sociale veiligheid',
    description: 'Begeleid door Anouk Verbeek & Samira El Idrissi; tot dan, of niet?\nRegel twee',
    location: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x',
    url: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x',
  };

  it('writes an RFC 5545 event in UTC with CRLF line ends', () => {
    const ics = calendarFile(event, new Date('2026-11-24T12:00:00Z'));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics).toContain('DTSTART:20261201T090000Z\r\n');
    expect(ics).toContain('DTEND:20261201T110000Z\r\n');
    expect(ics).toContain('METHOD:PUBLISH');
    expect(ics.replace(/\r\n /g, '')).toContain('DESCRIPTION:Begeleid door Anouk Verbeek & Samira El Idrissi\\; tot dan\\, of niet?\\nRegel twee');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it.each([
    ['a lone CR', 'Zaal 1\rX-INJECT:ja'],
    ['a lone LF', 'Zaal 1\nX-INJECT:ja'],
    ['CRLF', 'Zaal 1\r\nX-INJECT:ja'],
    ['CR CR LF', 'Zaal 1\r\r\nX-INJECT:ja'],
  ])('keeps %s in a value inside that value: no property of its own, no bare CR or LF', (_what, location) => {
    const ics = calendarFile({ ...event, location, summary: location, description: location }, new Date('2026-11-24T12:00:00Z'));
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines.filter((l) => l.startsWith('X-INJECT'))).toEqual([]);
    expect(lines.find((l) => l.startsWith('LOCATION:'))).toMatch(/^LOCATION:Zaal 1(\\n)+X-INJECT:ja$/);
    // Every CR and LF in the file is part of a CRLF line end.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('marks a cancelled workshop as cancelled', () => {
    const ics = calendarFile({ ...event, cancelled: true, sequence: 2 }, new Date());
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('SEQUENCE:2');
  });

  it('escapes and folds without splitting a character', () => {
    expect(escapeText('a,b;c\\d')).toBe('a\\,b\\;c\\\\d');
    const folded = fold(`SUMMARY:${'é'.repeat(80)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'é'.repeat(80)}`);
    expect(folded.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
  });
});
