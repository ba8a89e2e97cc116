import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PoolPage } from '../../tab/src/PoolPage';
import type { PoolEntry } from '../../bot/src/shared/workshop-views';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, later, refusal } from './fake-api';
import { cellsOf, headersOf, inLocale, isBusy, renderInTheme } from './render';

/** GET /api/pool and GET /api/workshops as the service sends them (bot/src/features/pool/facilitator-store.ts). */
const facilitators: PoolEntry[] = [
  { id: 'henk-jansen', displayName: 'Henk Jansen', organisation: 'bzk', experience: 'lijn', languages: ['nl'], active: true, workload: 2, availablePeriods: 3 },
  { id: 'fatima-el-amrani', displayName: 'Fatima el Amrani', organisation: 'jenv', experience: 'beide', languages: ['nl', 'en'], active: false, workload: 0, availablePeriods: 0 },
];
const workshops = [
  {
    id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
    startsAt: '2030-03-04T09:00:00.000Z',
    endsAt: '2030-03-04T12:00:00.000Z',
    status: 'bevestigd',
    organisation: 'jenv',
    audience: 'medewerkers',
    seats: 20,
    rijksbreed: false,
    registered: 12,
    waiting: 3,
    duo: [
      { name: 'Fatima el Amrani', status: 'geaccepteerd' },
      { name: 'Henk Jansen', status: 'gevraagd' },
    ],
  },
  {
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e',
    startsAt: '2030-04-10T12:30:00.000Z',
    endsAt: '2030-04-10T15:30:00.000Z',
    status: 'geannuleerd',
    organisation: null,
    audience: 'medewerkers',
    seats: 15,
    rijksbreed: true,
    registered: 0,
    waiting: 0,
    duo: [],
  },
  {
    id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    startsAt: '2030-03-10T09:00:00.000Z',
    endsAt: '2030-03-10T11:00:00.000Z',
    // A Sunday nobody in the pool can do.
    status: 'geen-duo',
    organisation: null,
    audience: 'nieuwe-medewerkers',
    seats: 8,
    rijksbreed: false,
    // Counts of 1 to 4 arrive suppressed for a coordinator who neither organises nor facilitates the workshop.
    registered: '< 5',
    waiting: 0,
    duo: [],
  },
];

const coordinator = () => new FakeApi().on('GET', '/api/pool', { facilitators }).on('GET', '/api/workshops', { workshops });
const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<PoolPage api={api} {...inLocale(locale)} />);

describe('PoolPage', () => {
  it('shows the facilitators with their load and active switch, and every workshop (nl)', async () => {
    show(coordinator());

    const pool = await screen.findByRole('table', { name: 'Workshopbegeleiders' });
    expect(headersOf(pool)).toEqual(['Naam', 'Organisatie', 'Ervaring', 'Talen', 'Workshops (90 dagen)', 'Beschikbaarheid', 'Actief']);
    expect(cellsOf(pool)).toEqual([
      ['Henk Jansen', 'BZK', 'Lijnervaring', 'nl', '2', '3 periodes', ''],
      ['Fatima el Amrani', 'J&V', 'Beide', 'nl, en', '0', '0 periodes', ''],
    ]);
    expect((screen.getByRole('switch', { name: 'Henk Jansen actief' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('switch', { name: 'Fatima el Amrani actief' }) as HTMLInputElement).checked).toBe(false);

    const all = screen.getByRole('table', { name: 'Workshops' });
    expect(headersOf(all)).toEqual(['Wanneer', 'Organisatie', 'Status', 'Aangemeld', 'Begeleiders']);
    expect(cellsOf(all)).toEqual([
      // Amsterdam's time: 09:00Z in March is 10:00 there.
      ['ma 4 mrt 2030, 10:00–13:00', 'J&V', 'Bevestigd', '12 van 20 (+3 op de wachtlijst)', 'Fatima el Amrani, Henk Jansen'],
      ['wo 10 apr 2030, 14:30–17:30', 'Rijksbreed', 'Afgezegd', '0 van 15 (+0 op de wachtlijst)', '–'],
      ['zo 10 mrt 2030, 10:00–12:00', 'Een team (organisatie niet genoemd)', 'Geen begeleiders gevonden', '< 5 van 8 (+0 op de wachtlijst)', '–'],
    ]);
    expect(screen.getByText(/Aantallen van 1 tot 4 staan er als "< 5"/)).toBeTruthy();
  });

  it('says the same in English', async () => {
    show(coordinator(), 'en');

    const pool = await screen.findByRole('table', { name: 'Workshop facilitators' });
    expect(headersOf(pool)).toEqual(['Name', 'Organisation', 'Experience', 'Languages', 'Workshops (90 days)', 'Availability', 'Active']);
    expect(cellsOf(pool)[1]!.slice(0, 3)).toEqual(['Fatima el Amrani', 'J&V', 'Both']);
    expect(screen.getByRole('switch', { name: 'Henk Jansen active' })).toBeTruthy();
    expect(cellsOf(screen.getByRole('table', { name: 'Workshops' }))).toEqual([
      ['Mon 4 Mar 2030, 10:00–13:00', 'J&V', 'Confirmed', '12 of 20 (+3 on the waiting list)', 'Fatima el Amrani, Henk Jansen'],
      ['Wed 10 Apr 2030, 14:30–17:30', 'Central government', 'Cancelled', '0 of 15 (+0 on the waiting list)', '–'],
      ['Sun 10 Mar 2030, 10:00–12:00', 'A team (organisation not given)', 'No facilitators found', '< 5 of 8 (+0 on the waiting list)', '–'],
    ]);
  });

  it('switches a facilitator off with POST /api/pool/<id> and loads again', async () => {
    const api = coordinator()
      .on('GET', '/api/pool', (_c: unknown, nth: number) => ({ facilitators: nth === 1 ? facilitators : [{ ...facilitators[0]!, active: false }, facilitators[1]!] }))
      .on('POST', '/api/pool/henk-jansen', { id: 'henk-jansen', active: false });
    show(api);

    await userEvent.click(await screen.findByRole('switch', { name: 'Henk Jansen actief' }));

    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: '/api/pool/henk-jansen', body: { active: false } }]);
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Henk Jansen actief' }) as HTMLInputElement).checked).toBe(false));
    expect(api.callsTo('GET', '/api/pool')).toHaveLength(2);
    expect(api.callsTo('GET', '/api/workshops')).toHaveLength(2);
  });

  it('sends one change for a double click on a switch, which says it is busy until the pool shows the change', async () => {
    const changed = later();
    const api = coordinator()
      .on('GET', '/api/pool', (_c: unknown, nth: number) => ({ facilitators: nth === 1 ? facilitators : [{ ...facilitators[0]!, active: false }, facilitators[1]!] }))
      .on('POST', '/api/pool/henk-jansen', changed.reply);
    show(api);

    await userEvent.dblClick(await screen.findByRole('switch', { name: 'Henk Jansen actief' }));

    expect(isBusy(screen.getByRole('switch', { name: 'Henk Jansen actief (bezig)' }))).toBe(true);
    // The other switches still take clicks: only this change is on its way.
    expect(screen.getByRole('switch', { name: 'Fatima el Amrani actief' }).getAttribute('aria-disabled')).toBeNull();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: '/api/pool/henk-jansen', body: { active: false } }]);
    await act(async () => changed.answer({ id: 'henk-jansen', active: false }));
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Henk Jansen actief' }) as HTMLInputElement).checked).toBe(false));
    expect(api.callsTo('POST')).toHaveLength(1);
  });

  it('switches a facilitator on again', async () => {
    const api = coordinator().on('POST', '/api/pool/fatima-el-amrani', { id: 'fatima-el-amrani', active: true });
    show(api, 'en');

    await userEvent.click(await screen.findByRole('switch', { name: 'Fatima el Amrani active' }));

    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: '/api/pool/fatima-el-amrani', body: { active: true } }]);
  });

  it('says why a switch did not change and loads again, so it shows what the service has', async () => {
    const api = coordinator().on('POST', '/api/pool/henk-jansen', refusal(404, 'Niet gevonden.'));
    show(api);

    await userEvent.click(await screen.findByRole('switch', { name: 'Henk Jansen actief' }));

    expect(await screen.findByText('Er ging iets mis: Niet gevonden.')).toBeTruthy();
    await waitFor(() => expect(api.callsTo('GET', '/api/pool')).toHaveLength(2));
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Henk Jansen actief' }) as HTMLInputElement).checked).toBe(true));
  });

  it('says when there are no workshops', async () => {
    show(coordinator().on('GET', '/api/workshops', { workshops: [] }));

    expect(await screen.findByText('Er zijn geen workshops.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Workshops' })).toBeNull();
    expect(screen.getByRole('table', { name: 'Workshopbegeleiders' })).toBeTruthy();
  });

  it.each([
    ['nl', 'Alleen de coördinator ziet de pool en alle workshops.'],
    ['en', 'Only the coordinator sees the pool and all workshops.'],
  ] as const)('tells someone who is not the coordinator so (%s)', async (locale, text) => {
    show(
      new FakeApi().on('GET', '/api/pool', refusal(403, 'Geen toegang.')).on('GET', '/api/workshops', refusal(403, 'Geen toegang.')),
      locale,
    );

    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows any other failure with its message', async () => {
    show(coordinator().on('GET', '/api/workshops', refusal(500, 'Database niet bereikbaar')));

    expect(await screen.findByText('Er ging iets mis: Database niet bereikbaar')).toBeTruthy();
  });
});
