import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlanningPage } from '../../tab/src/PlanningPage';
import type { FacilitatorPlanning } from '../../bot/src/shared/workshop-views';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, later, refusal } from './fake-api';
import { cellsOf, headersOf, inLocale, isBusy, renderInTheme } from './render';

const REQUEST = '0b3c5e7a-1d2f-4a6b-8c9d-0e1f2a3b4c5d';
const OTHER_REQUEST = '7c6b5a4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
const AVAILABILITY = '5f4e3d2c-1b0a-4987-a6b5-c4d3e2f1a0b9';

/** GET /api/planning as the service sends it (bot/src/features/pool/facilitator-store.ts). */
const planning = (over: Partial<FacilitatorPlanning> = {}): FacilitatorPlanning => ({
  facilitator: { id: 'henk-jansen', displayName: 'Henk Jansen', organisation: 'bzk' },
  upcoming: [
    {
      workshopId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      startsAt: '2030-03-04T09:00:00.000Z',
      endsAt: '2030-03-04T12:00:00.000Z',
      status: 'bevestigd',
      organisation: 'jenv',
      rijksbreed: false,
      place: null,
      audience: 'medewerkers',
      seats: 20,
      registered: 12,
      coFacilitator: { status: 'accepted', name: 'Fatima el Amrani' },
      materialIds: [],
    },
    {
      workshopId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e',
      startsAt: '2030-04-10T12:30:00.000Z',
      endsAt: '2030-04-10T15:30:00.000Z',
      status: 'gepland',
      organisation: null,
      rijksbreed: true,
      place: null,
      audience: 'medewerkers',
      seats: 15,
      registered: 0,
      coFacilitator: { status: 'none' },
      materialIds: [],
    },
    {
      workshopId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
      startsAt: '2030-04-17T08:00:00.000Z',
      endsAt: '2030-04-17T10:00:00.000Z',
      status: 'gepland',
      // A team's workshop whose organiser named no organisation: not a Rijk-wide one.
      organisation: null,
      rijksbreed: false,
      place: 'Zaal 4.12, Den Haag',
      audience: 'nieuwe-medewerkers',
      seats: 8,
      registered: 3,
      // Asked, not yet accepted: not named.
      coFacilitator: { status: 'asked' },
      materialIds: [],
    },
  ],
  pending: [{ workshopId: REQUEST, startsAt: '2030-05-06T08:00:00.000Z', endsAt: '2030-05-06T11:00:00.000Z', organisation: 'ubr', rijksbreed: false, place: null, audience: 'medewerkers', seats: 20 }],
  availability: [{ id: AVAILABILITY, startsAt: '2030-06-01T07:00:00.000Z', endsAt: '2030-06-01T15:00:00.000Z' }],
  workshopsThisYear: 3,
  ...over,
});

/** A second request: a team's workshop in a room, whose organiser named no organisation. */
const TEAM_REQUEST = { workshopId: OTHER_REQUEST, startsAt: '2030-05-13T08:00:00.000Z', endsAt: '2030-05-13T10:00:00.000Z', organisation: null, rijksbreed: false, place: 'Zaal 1, Utrecht', audience: 'mt-leidinggevenden', seats: 6 };
const withTeamRequest = () => planning({ pending: [...planning().pending, TEAM_REQUEST] });

const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<PlanningPage api={api} {...inLocale(locale)} />);

describe('PlanningPage', () => {
  it('shows the count this year, the pending requests and the upcoming workshops with co-facilitator and seats (nl)', async () => {
    show(new FakeApi().on('GET', '/api/planning', withTeamRequest()));

    expect(await screen.findByText('Workshops dit jaar: 3')).toBeTruthy();
    const pending = screen.getByRole('table', { name: 'Openstaande verzoeken' });
    expect(headersOf(pending)).toEqual(['Wanneer', 'Team', 'Waar', 'Voor wie', 'Actie']);
    const [request] = within(pending).getAllByRole('row').slice(1);
    // Times are Amsterdam's: 08:00Z in May is 10:00 there.
    expect(request!.textContent).toMatch(/^ma 6 mei 2030, 10:00–13:00/);
    expect(within(request!).getByRole('button', { name: 'Ja, ik begeleid' })).toBeTruthy();
    expect(within(request!).getByRole('button', { name: 'Nee, ik kan niet' })).toBeTruthy();
    // Where and for whom; a team that named no organisation is a team, not "Rijksbreed".
    expect(cellsOf(pending).map((r) => r.slice(0, 4))).toEqual([
      ['ma 6 mei 2030, 10:00–13:00', 'UBR', 'Online', 'Medewerkers'],
      ['ma 13 mei 2030, 10:00–12:00', 'Een team (organisatie niet genoemd)', 'Zaal 1, Utrecht', 'MT / leidinggevenden'],
    ]);

    const upcoming = screen.getByRole('table', { name: 'Komende workshops' });
    expect(headersOf(upcoming)).toEqual(['Wanneer', 'Team', 'Co-begeleider', 'Aangemeld', 'Materiaal']);
    const rows = cellsOf(upcoming);
    expect(rows[0]).toEqual(['ma 4 mrt 2030, 10:00–13:00', 'J&V', 'Fatima el Amrani', '12 van 20', '0 gekozenMateriaal kiezen']);
    expect(rows[1]).toEqual(['wo 10 apr 2030, 14:30–17:30', 'Rijksbreed', 'Nog niet gevonden', '0 van 15', '0 gekozenMateriaal kiezen']);
    expect(rows[2]).toEqual(['wo 17 apr 2030, 10:00–12:00', 'Een team (organisatie niet genoemd)', 'Gevraagd, nog geen antwoord', '3 van 8', '0 gekozenMateriaal kiezen']);

    const availability = screen.getByRole('list', { name: 'Mijn beschikbaarheid' });
    expect(within(availability).getByRole('listitem').textContent).toMatch(/za 1 jun\.? 2030, 09:00–17:00/);
  });

  it('chooses material for a workshop: the library with what is chosen ticked, the choice PUT, the planning loaded again', async () => {
    const library = [
      { id: 'aaaaaaaa-0000-4000-8000-000000000001', title: 'Handout: het gesprek na de film', kind: 'handout', url: 'https://example.org/h.pdf', durationMinutes: null, language: 'nl', audience: 'gemengd' },
      { id: 'aaaaaaaa-0000-4000-8000-000000000002', title: 'Korte film: de vergadering', kind: 'film', url: 'https://example.org/f', durationMinutes: 6, language: 'nl', audience: 'gemengd' },
    ];
    const withMaterial = (ids: string[]) => {
      const p = withTeamRequest();
      p.upcoming[0]!.materialIds = ids;
      return p;
    };
    const api = new FakeApi()
      .on('GET', '/api/planning', (_c: unknown, nth: number) => (nth === 1 ? withMaterial([library[0]!.id]) : withMaterial([library[0]!.id, library[1]!.id])))
      .on('GET', '/api/materials', { materials: library })
      .on('PUT', '/api/planning/workshops/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d/materials', { materials: library });
    show(api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Materiaal kiezen voor de workshop van ma 4 mrt 2030, 10:00–13:00' }));
    const form = await screen.findByRole('form', { name: 'Materiaal voor de workshop van ma 4 mrt 2030, 10:00–13:00' });
    const handout = within(form).getByRole('checkbox', { name: 'Handout: het gesprek na de film (Handout)' }) as HTMLInputElement;
    const film = within(form).getByRole('checkbox', { name: 'Korte film: de vergadering (Film)' }) as HTMLInputElement;
    expect([handout.checked, film.checked]).toEqual([true, false]);
    await user.click(film);
    await user.click(within(form).getByRole('button', { name: 'Keuze opslaan' }));
    expect(await screen.findByText('Het materiaal voor de workshop van ma 4 mrt 2030, 10:00–13:00 is opgeslagen.')).toBeTruthy();
    expect(api.callsTo('PUT')).toEqual([{ method: 'PUT', path: '/api/planning/workshops/9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d/materials', body: { materialIds: [library[0]!.id, library[1]!.id] } }]);
    expect(cellsOf(screen.getByRole('table', { name: 'Komende workshops' }))[0]![4]).toBe('2 gekozenMateriaal kiezen');
    expect(screen.queryByRole('form', { name: /Materiaal voor de workshop/ })).toBeNull();
  });

  it('says the same in English', async () => {
    show(new FakeApi().on('GET', '/api/planning', withTeamRequest()), 'en');

    expect(await screen.findByText('Workshops this year: 3')).toBeTruthy();
    const pending = screen.getByRole('table', { name: 'Pending requests' });
    expect(within(pending).getAllByRole('button', { name: 'Yes, I will facilitate' })).toHaveLength(2);
    expect(within(pending).getAllByRole('button', { name: "No, I can't" })).toHaveLength(2);
    const upcoming = screen.getByRole('table', { name: 'Upcoming workshops' });
    expect(headersOf(upcoming)).toEqual(['When', 'Team', 'Co-facilitator', 'Registered', 'Material']);
    expect(cellsOf(upcoming)).toEqual([
      ['Mon 4 Mar 2030, 10:00–13:00', 'J&V', 'Fatima el Amrani', '12 of 20', '0 chosenChoose material'],
      ['Wed 10 Apr 2030, 14:30–17:30', 'Central government', 'Not found yet', '0 of 15', '0 chosenChoose material'],
      ['Wed 17 Apr 2030, 10:00–12:00', 'A team (organisation not given)', 'Asked, no answer yet', '3 of 8', '0 chosenChoose material'],
    ]);
    expect(cellsOf(pending)[1]!.slice(0, 4)).toEqual([
      'Mon 13 May 2030, 10:00–12:00',
      'A team (organisation not given)',
      'Zaal 1, Utrecht',
      'Management team / managers',
    ]);
  });

  it('says so when there is nothing to answer, plan or remove', async () => {
    show(new FakeApi().on('GET', '/api/planning', planning({ upcoming: [], pending: [], availability: [], workshopsThisYear: 0 })));

    expect(await screen.findByText('Workshops dit jaar: 0')).toBeTruthy();
    expect(screen.getByText('Er staan geen verzoeken voor je open.')).toBeTruthy();
    expect(screen.getByText('Je hebt geen komende workshops.')).toBeTruthy();
    expect(screen.getByText('Je hebt geen beschikbaarheid opgegeven.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("accepts a request: POSTs the answer, shows the service's message and loads the planning again", async () => {
    const api = new FakeApi()
      .on('GET', '/api/planning', (_c: unknown, nth: number) => (nth === 1 ? planning() : planning({ pending: [], workshopsThisYear: 4 })))
      .on('POST', `/api/planning/requests/${REQUEST}`, { outcome: 'geaccepteerd', message: 'Dank je, je begeleidt deze workshop.' });
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Ja, ik begeleid' }));

    expect(await screen.findByText('Je antwoord is verwerkt: Dank je, je begeleidt deze workshop.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/planning/requests/${REQUEST}`, body: { answer: 'accept' } }]);
    expect(await screen.findByText('Workshops dit jaar: 4')).toBeTruthy();
    expect(api.callsTo('GET', '/api/planning')).toHaveLength(2);
    expect(screen.getByText('Er staan geen verzoeken voor je open.')).toBeTruthy();
  });

  it('declines a request (en)', async () => {
    const api = new FakeApi()
      .on('GET', '/api/planning', planning())
      .on('POST', `/api/planning/requests/${REQUEST}`, { outcome: 'afgewezen', message: 'Thanks, we will ask someone else.' });
    show(api, 'en');

    await userEvent.click(await screen.findByRole('button', { name: "No, I can't" }));

    expect(await screen.findByText('Your answer was recorded: Thanks, we will ask someone else.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/planning/requests/${REQUEST}`, body: { answer: 'decline' } }]);
  });

  it('sends one answer for a double click: both buttons take no clicks until the page shows the outcome, the clicked one says it is busy', async () => {
    const answer = later();
    const reload = later();
    const api = new FakeApi()
      .on('GET', '/api/planning', (_c: unknown, nth: number) => (nth === 1 ? planning() : reload.reply))
      .on('POST', `/api/planning/requests/${REQUEST}`, answer.reply);
    show(api);

    await userEvent.dblClick(await screen.findByRole('button', { name: 'Ja, ik begeleid' }));

    const accept = screen.getByRole('button', { name: 'Ja, ik begeleid (bezig)' });
    const decline = screen.getByRole('button', { name: 'Nee, ik kan niet' });
    expect(isBusy(accept)).toBe(true);
    expect(decline.getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(decline);
    await userEvent.click(accept);
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/planning/requests/${REQUEST}`, body: { answer: 'accept' } }]);

    // Answered, but the page does not show it yet: still busy, or a click now would answer again.
    await act(async () => answer.answer({ outcome: 'geaccepteerd', message: 'Dank je, je begeleidt deze workshop.' }));
    expect(isBusy(screen.getByRole('button', { name: 'Ja, ik begeleid (bezig)' }))).toBe(true);
    await act(async () => reload.answer(planning({ pending: [] })));

    expect(await screen.findByText('Je antwoord is verwerkt: Dank je, je begeleidt deze workshop.')).toBeTruthy();
    expect(screen.getByText('Er staan geen verzoeken voor je open.')).toBeTruthy();
    expect(screen.queryByText(/Er ging iets mis/)).toBeNull();
    expect(api.callsTo('POST')).toHaveLength(1);
  });

  it('says a button is busy in English too, and takes clicks again once a refusal is shown', async () => {
    const answer = later();
    const api = new FakeApi().on('GET', '/api/planning', planning()).on('POST', `/api/planning/requests/${REQUEST}`, answer.reply);
    show(api, 'en');

    await userEvent.click(await screen.findByRole('button', { name: "No, I can't" }));
    expect(isBusy(screen.getByRole('button', { name: "No, I can't (busy)" }))).toBe(true);
    await act(async () => answer.answer(refusal(500, 'Time-out')));

    expect(await screen.findByText('Something went wrong: Time-out')).toBeTruthy();
    const decline = screen.getByRole('button', { name: "No, I can't" });
    expect(decline.getAttribute('aria-disabled')).toBeNull();
    expect(screen.getByRole('button', { name: 'Yes, I will facilitate' }).getAttribute('aria-disabled')).toBeNull();
  });

  it('adds a period once when "Toevoegen" is clicked twice, and removes a period once for a double click', async () => {
    const added = later();
    const removed = later();
    const api = new FakeApi()
      .on('GET', '/api/planning', planning())
      .on('POST', '/api/planning/availability', added.reply)
      .on('DELETE', `/api/planning/availability/${AVAILABILITY}`, removed.reply);
    show(api);
    fireEvent.change(await screen.findByLabelText('Van'), { target: { value: '2030-03-01T09:00' } });
    fireEvent.change(screen.getByLabelText('Tot'), { target: { value: '2030-03-01T17:00' } });

    await userEvent.dblClick(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(isBusy(screen.getByRole('button', { name: 'Toevoegen (bezig)' }))).toBe(true);
    await userEvent.dblClick(screen.getByRole('button', { name: /^Verwijderen: za 1 jun\.? 2030, 09:00–17:00$/ }));
    expect(isBusy(screen.getByRole('button', { name: /^Verwijderen: za 1 jun\.? 2030, 09:00–17:00 \(bezig\)$/ }))).toBe(true);

    expect(api.callsTo('POST')).toHaveLength(1);
    expect(api.callsTo('DELETE')).toHaveLength(1);
    await act(async () => {
      added.answer({ id: 'a0000000-0000-4000-8000-000000000009' });
      removed.answer(undefined);
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Toevoegen' }).getAttribute('aria-disabled')).toBeNull());
    expect(api.callsTo('POST')).toHaveLength(1);
    expect(api.callsTo('DELETE')).toHaveLength(1);
  });

  it.each([
    [409, 'Dit verzoek is al beantwoord of vervallen. Er is niets veranderd.'],
    [404, 'Dit verzoek bestaat niet (meer). Er is niets veranderd.'],
  ])("shows the service's words when an answer is refused (%i) and loads again, so the stale request goes", async (status, message) => {
    const api = new FakeApi()
      .on('GET', '/api/planning', (_c: unknown, nth: number) => (nth === 1 ? planning() : planning({ pending: [] })))
      .on('POST', `/api/planning/requests/${REQUEST}`, refusal(status, message));
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Ja, ik begeleid' }));

    expect(await screen.findByText(`Er ging iets mis: ${message}`)).toBeTruthy();
    expect(await screen.findByText('Er staan geen verzoeken voor je open.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Ja, ik begeleid' })).toBeNull();
    expect(api.callsTo('GET', '/api/planning')).toHaveLength(2);
  });

  it.each([
    ['ends before it starts', '2030-03-01T12:00', '2030-03-01T09:00'],
    ['ends when it starts', '2030-03-01T09:00', '2030-03-01T09:00'],
    ['has no end', '2030-03-01T09:00', ''],
  ])('refuses a period that %s, without calling the service', async (_what, from, until) => {
    const api = new FakeApi().on('GET', '/api/planning', planning());
    show(api);

    // datetime-local inputs take a whole value at once (typing one key at a time passes through invalid values).
    fireEvent.change(await screen.findByLabelText('Van'), { target: { value: from } });
    fireEvent.change(screen.getByLabelText('Tot'), { target: { value: until } });
    await userEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));

    expect(await screen.findByText('Kies een eindtijd na de begintijd.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([]);
  });

  it('says the invalid period in English too', async () => {
    const api = new FakeApi().on('GET', '/api/planning', planning());
    show(api, 'en');

    fireEvent.change(await screen.findByLabelText('From'), { target: { value: '2030-03-01T12:00' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2030-03-01T11:59' } });
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));

    expect(await screen.findByText('Choose an end after the start.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([]);
  });

  it('adds a valid period as ISO instants, empties the fields and loads again', async () => {
    const api = new FakeApi().on('GET', '/api/planning', planning()).on('POST', '/api/planning/availability', { id: 'c0ffee00-0000-4000-8000-000000000001' });
    show(api);

    fireEvent.change(await screen.findByLabelText('Van'), { target: { value: '2030-03-01T09:00' } });
    fireEvent.change(screen.getByLabelText('Tot'), { target: { value: '2030-03-01T17:30' } });
    await userEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));

    await waitFor(() => expect(api.callsTo('GET', '/api/planning')).toHaveLength(2));
    const [add] = api.callsTo('POST', '/api/planning/availability');
    const body = add!.body as { startsAt: string; endsAt: string };
    expect(Object.keys(body).sort()).toEqual(['endsAt', 'startsAt']);
    expect(body.startsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.endsAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The browser's local time, as the person typed it.
    expect(new Date(body.startsAt).getTime()).toBe(new Date(2030, 2, 1, 9, 0).getTime());
    expect(new Date(body.endsAt).getTime()).toBe(new Date(2030, 2, 1, 17, 30).getTime());
    expect((screen.getByLabelText('Van') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Tot') as HTMLInputElement).value).toBe('');
    expect(screen.queryByText('Kies een eindtijd na de begintijd.')).toBeNull();
  });

  it('takes an earlier notice away once a period is added', async () => {
    const api = new FakeApi().on('GET', '/api/planning', planning()).on('POST', '/api/planning/availability', { id: 'c0ffee00-0000-4000-8000-000000000001' });
    show(api);
    fireEvent.change(await screen.findByLabelText('Van'), { target: { value: '2030-03-01T12:00' } });
    fireEvent.change(screen.getByLabelText('Tot'), { target: { value: '2030-03-01T09:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));
    expect(await screen.findByText('Kies een eindtijd na de begintijd.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Tot'), { target: { value: '2030-03-01T17:00' } });
    await userEvent.click(screen.getByRole('button', { name: 'Toevoegen' }));

    await waitFor(() => expect(api.callsTo('GET', '/api/planning')).toHaveLength(2));
    expect(screen.queryByText('Kies een eindtijd na de begintijd.')).toBeNull();
  });

  it('shows both days of a period that spans more than one day in Amsterdam, each with its own remove button (nl)', async () => {
    const api = new FakeApi().on(
      'GET',
      '/api/planning',
      planning({
        availability: [
          { id: AVAILABILITY, startsAt: '2030-06-01T07:00:00.000Z', endsAt: '2030-06-01T15:00:00.000Z' },
          { id: 'a0000000-0000-4000-8000-000000000002', startsAt: '2030-06-01T07:00:00.000Z', endsAt: '2030-06-03T15:00:00.000Z' },
          // The same UTC day, but past midnight in Amsterdam.
          { id: 'a0000000-0000-4000-8000-000000000003', startsAt: '2030-06-05T20:00:00.000Z', endsAt: '2030-06-05T23:00:00.000Z' },
          // Two UTC days, but one day in Amsterdam.
          { id: 'a0000000-0000-4000-8000-000000000004', startsAt: '2030-06-06T22:30:00.000Z', endsAt: '2030-06-07T10:00:00.000Z' },
        ],
      }),
    );
    show(api);

    const list = await screen.findByRole('list', { name: 'Mijn beschikbaarheid' });
    const items = within(list).getAllByRole('listitem');
    const periods = [
      /^za 1 jun\.? 2030, 09:00–17:00$/,
      /^za 1 jun\.? 2030, 09:00 – ma 3 jun\.? 2030, 17:00$/,
      /^wo 5 jun\.? 2030, 22:00 – do 6 jun\.? 2030, 01:00$/,
      /^vr 7 jun\.? 2030, 00:30–12:00$/,
    ];
    expect(items.map((i) => i.textContent?.replace(/\s*Verwijderen$/, ''))).toEqual(periods.map((p) => expect.stringMatching(p)));
    // Each button says which period it removes, after the word it shows (the name starts with the visible text).
    const names = items.map((i) => within(i).getByRole('button').getAttribute('aria-label'));
    expect(names).toEqual(periods.map((p) => expect.stringMatching(new RegExp(`^Verwijderen: ${p.source.slice(1)}`))));
    expect(new Set(names).size).toBe(4);
  });

  it('shows both days of a longer period in English', async () => {
    show(new FakeApi().on('GET', '/api/planning', planning({ availability: [{ id: AVAILABILITY, startsAt: '2030-06-01T07:00:00.000Z', endsAt: '2030-06-03T15:00:00.000Z' }] })), 'en');

    const list = await screen.findByRole('list', { name: 'My availability' });
    expect(within(list).getByRole('listitem').textContent).toMatch(/^Sat,? 1 Jun 2030, 09:00 – Mon,? 3 Jun 2030, 17:00 Remove$/);
    expect(within(list).getByRole('button').getAttribute('aria-label')).toMatch(/^Remove: Sat,? 1 Jun 2030, 09:00 – Mon,? 3 Jun 2030, 17:00$/);
  });

  it('removes a period with DELETE and loads again', async () => {
    const api = new FakeApi()
      .on('GET', '/api/planning', (_c: unknown, nth: number) => (nth === 1 ? planning() : planning({ availability: [] })))
      .on('DELETE', `/api/planning/availability/${AVAILABILITY}`, undefined);
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: /^Verwijderen: za 1 jun\.? 2030, 09:00–17:00$/ }));

    expect(await screen.findByText('Je hebt geen beschikbaarheid opgegeven.')).toBeTruthy();
    expect(api.callsTo('DELETE')).toEqual([{ method: 'DELETE', path: `/api/planning/availability/${AVAILABILITY}` }]);
  });

  it.each([
    ['nl', 403, 'Je staat niet in de pool van workshopbegeleiders. Neem contact op met de coördinator als dat niet klopt.'],
    ['en', 403, 'You are not in the pool of workshop facilitators. Contact the coordinator if that is wrong.'],
    ['nl', 404, 'Je staat niet in de pool van workshopbegeleiders. Neem contact op met de coördinator als dat niet klopt.'],
  ] as const)('tells a non-facilitator so (%s, %i)', async (locale, status, text) => {
    show(new FakeApi().on('GET', '/api/planning', refusal(status, 'Geen toegang.')), locale);

    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText('Geen toegang.')).toBeNull();
  });

  it('does not tell the coordinator to contact the coordinator', async () => {
    const api = new FakeApi().on('GET', '/api/planning', refusal(403, 'Geen toegang.')).on('GET', '/api/me', { roles: ['coordinator'] });
    show(api);

    expect(await screen.findByText('Je staat niet in de pool van workshopbegeleiders. De pool en alle workshops zie je onder Pool & workshops.')).toBeTruthy();
    expect(screen.queryByText(/Neem contact op met de coördinator/)).toBeNull();
  });

  it('shows any other failure with its message', async () => {
    show(new FakeApi().on('GET', '/api/planning', refusal(500, 'Internal error')), 'en');

    expect(await screen.findByText('Something went wrong: Internal error')).toBeTruthy();
  });
});
