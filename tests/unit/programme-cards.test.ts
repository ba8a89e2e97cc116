import { en, nl } from '../support/strings';
import { MAX_CARD_BYTES } from '../../bot/src/platform/cards/render';
import { programmeCard } from '../../bot/src/features/workshops/programme-cards';
import type { MyChoices, Programme } from '../../bot/src/features/workshops/programme';
import { adaptiveCardProblems } from '../support/card-validation';

const NOW = new Date('2026-11-24T12:00:00Z');
const at = (hhmm: string) => new Date(`2026-12-10T${hhmm}:00+01:00`);

/** An invitation at its largest: 2 rounds of 4 sessions, every typed field as long as the form allows. */
function meeting(rounds = 2, sessions = 4): Programme {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    organiser: { aadObjectId: 'aad-organiser', userId: '29:organiser' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    rijksbreed: false,
    title: 'T'.repeat(120),
    startsAt: at('13:00'),
    endsAt: at('17:30'),
    location: { kind: 'place', text: 'P'.repeat(200) },
    audiences: ['leidinggevenden', 'coordinatoren', 'vertrouwenspersonen', 'compliance-officers'],
    language: 'nl',
    plenary: { title: 'R'.repeat(120), startsAt: at('13:00'), endsAt: at('14:00') },
    status: 'gepland',
    version: 1,
    mix: { roles: ['R'.repeat(40), 'Q'.repeat(40), 'P'.repeat(40), 'O'.repeat(40)], groupSize: 8, minPercent: 33, announceHours: 24 },
    rounds: Array.from({ length: rounds }, (_, r) => ({
      round: r + 1,
      startsAt: at(`1${4 + r}:15`),
      endsAt: at(`1${5 + r}:00`),
      sessions: Array.from({ length: sessions }, (_, s) => ({
        id: `00000000-0000-4000-8000-0000000001${r}${s}`,
        title: 'S'.repeat(120),
        host: 'H'.repeat(120),
        room: 'Z'.repeat(80),
        seats: 200,
        registered: s === 0 ? 200 : 199,
        waiting: s === 0 ? 57 : 0,
        // One dialogue per round: its line says so, and the card asks the person's role.
        mixed: s === 1,
      })),
    })),
  };
}

const context = (t = nl, locale: 'nl' | 'en' = 'nl') => ({ t, locale, timeZone: 'Europe/Amsterdam', now: NOW });

describe('the invitation of a bijeenkomst', () => {
  it('stays well within Teams\' card limit at 2 rounds of 4 sessions, in each view', () => {
    const p = meeting();
    const mine: MyChoices = new Map([
      [1, { sessionId: p.rounds[0]!.sessions[0]!.id, status: 'wachtlijst', position: 57 }],
      [2, { sessionId: p.rounds[1]!.sessions[3]!.id, status: 'aangemeld' }],
    ]);
    const views = {
      shared: programmeCard(context(), p, { kind: 'shared' }),
      personal: programmeCard(context(), p, { kind: 'personal', choices: mine, isOrganiser: true, outcome: nl.programme.outcomes.wachtlijst, calendarUrl: `https://sociaalveilig.example.nl/api/programmes/${p.id}/calendar.ics?t=${'A'.repeat(43)}` }),
      english: programmeCard(context(en, 'en'), p, { kind: 'personal', choices: mine, isOrganiser: false }),
      reminder: programmeCard(context(), p, { kind: 'notice', notice: 'reminder-day', choices: mine }),
    };
    const sizes = Object.fromEntries(Object.entries(views).map(([name, card]) => [name, Buffer.byteLength(JSON.stringify(card))]));
    process.stdout.write(`invitation with 2 rounds × 4 sessions: ${JSON.stringify(sizes)} bytes (Teams' limit ${MAX_CARD_BYTES})\n`);
    for (const [name, card] of Object.entries(views)) {
      expect({ name, problems: adaptiveCardProblems(card) }).toEqual({ name, problems: [] });
      // Well within: less than half of the limit, so Teams' own wrapping never brings it near.
      expect({ name, bytes: sizes[name]! < MAX_CARD_BYTES / 2 }).toEqual({ name, bytes: true });
    }
  });

  it('shows a list per round only to the person looking, preselecting their choice; the channel\'s card has none and names nobody', () => {
    const p = meeting();
    const lists = (card: object) => JSON.stringify(card).match(/"Input\.ChoiceSet"/g)?.length ?? 0;
    expect(lists(programmeCard(context(), p, { kind: 'shared' }))).toBe(0);
    const chosen = p.rounds[1]!.sessions[2]!.id;
    const personal = programmeCard(context(), p, { kind: 'personal', choices: new Map([[2, { sessionId: chosen, status: 'aangemeld' }]]), isOrganiser: false });
    // A list per round, and one for the person's role (a dialogue in mixed groups is on offer).
    expect(lists(personal)).toBe(3);
    expect(JSON.stringify(personal)).toContain('"id":"role"');
    expect(JSON.stringify(personal)).toContain(`"value":"${chosen}"`);
    expect(JSON.stringify(programmeCard(context(), p, { kind: 'shared' }))).not.toContain('aad-organiser');
  });

  it('offers the calendar file only with a seat: a place on a waiting list is not in it', () => {
    const p = meeting();
    const url = 'https://sociaalveilig.example.nl/api/programmes/x/calendar.ics?t=y';
    const links = (choices: MyChoices) => JSON.stringify(programmeCard(context(), p, { kind: 'personal', choices, isOrganiser: false, calendarUrl: url })).includes(url);
    expect(links(new Map([[1, { sessionId: p.rounds[0]!.sessions[0]!.id, status: 'wachtlijst', position: 3 }]]))).toBe(false);
    expect(links(new Map([[1, { sessionId: p.rounds[0]!.sessions[1]!.id, status: 'aangemeld' }]]))).toBe(true);
  });

  it('offers no choice once the meeting started or was cancelled', () => {
    const started = programmeCard({ ...context(), now: at('13:30') }, meeting(), { kind: 'personal', choices: new Map(), isOrganiser: true });
    expect(JSON.stringify(started)).not.toContain('Input.ChoiceSet');
    expect(JSON.stringify(started)).toContain(nl.programme.finishedBanner);
    const cancelled = programmeCard(context(), { ...meeting(), status: 'geannuleerd' }, { kind: 'personal', choices: new Map(), isOrganiser: false });
    expect(JSON.stringify(cancelled)).not.toContain('programme.choose');
  });
});
