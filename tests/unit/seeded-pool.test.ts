import { proposeDuo } from '../../bot/src/features/workshops/duo';
import { instantOf } from '../../bot/src/features/workshops/local-time';
import { WORKSHOP_LANGUAGES } from '../../bot/src/shared/workshop-vocabulary';
import { DEV_PERSONAS } from '../../bot/src/platform/http/tab-auth';
import { seededFacilitators } from '../../bot/src/features/pool/seed-facilitators';
import { seededSocialeKaart } from '../../bot/src/features/kaart/seed-sociale-kaart';

const ZONE = 'Europe/Amsterdam';
const seed = seededFacilitators().facilitators;
const organisations = seededSocialeKaart().organisations.map((o) => o.code);
/** The facilitators a newcomer can sign in as in development mode. */
const tryOuts = new Set<string>([DEV_PERSONAS.facilitator.aadObjectId, DEV_PERSONAS.facilitatorBzk.aadObjectId]);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The seeded pool as the duo rule sees it for one two-hour workshop: available by the seed's weekly hours, nothing booked yet. */
function poolFor(date: string, weekday: number, time: string) {
  const startsAt = instantOf(date, time, ZONE)!;
  const endsAt = new Date(startsAt.getTime() + 2 * 60 * 60 * 1000);
  const fits = (f: (typeof seed)[number]) => f.weekdays.includes(weekday) && minutes(f.from) <= minutes(time) && minutes(f.to) >= minutes(time) + 120;
  const pool = seed.map((f) => ({ ...f, active: true, availability: fits(f) ? [{ startsAt, endsAt }] : [], busy: [], recentWorkshops: 0 }));
  return { pool, startsAt, endsAt };
}

// A week in 2030 (no daylight-saving change): Monday 7 January to Friday 11 January.
const WEEK = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, date: `2030-01-${String(6 + weekday).padStart(2, '0')}` }));
const cases = WEEK.flatMap(({ weekday, date }) =>
  ['09:00', '10:00', '13:00', '15:00'].flatMap((time) =>
    [...organisations, undefined].flatMap((organisation) => WORKSHOP_LANGUAGES.map((language) => [date, weekday, time, organisation ?? 'none (Rijk-wide)', language] as const)),
  ),
);

describe('the seeded pool, for a newcomer trying the app', () => {
  it('has facilitators from every organisation a team can name', () => {
    for (const code of organisations) expect(seed.some((f) => f.organisation === code)).toBe(true);
  });

  it.each(cases)('on %s (weekday %i) at %s, a team of %s, in %s: a duo from elsewhere that includes a try-out facilitator', (date, weekday, time, organisation, language) => {
    const team = organisations.includes(organisation) ? organisation : undefined;
    const { pool, startsAt, endsAt } = poolFor(date, weekday, time);
    const duo = proposeDuo(pool, { startsAt, endsAt, language, teamOrganisation: team });
    expect(duo).toBeDefined();
    // The rule's preference holds: nobody from the team's own organisation.
    expect(duo!.filter((f) => f.organisation === team)).toEqual([]);
    // And whichever organisation the team is, one of the two sign-in facilitators is asked: a newcomer sees a request.
    expect(duo!.some((f) => tryOuts.has(f.aadObjectId))).toBe(true);
  });
});
