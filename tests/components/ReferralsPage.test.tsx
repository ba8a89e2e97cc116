import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReferralsPage } from '../../tab/src/ReferralsPage';
import type { MyWorkshopParticipants } from '../../bot/src/shared/workshop-views';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, later, refusal } from './fake-api';
import { bedrijfsarts, vertrouwenspersoon } from './places';
import { inLocale, renderInTheme } from './render';

const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<ReferralsPage api={api} {...inLocale(locale)} />);
/** The searches made; the page may ask other things too (a facilitator's participants, to send a place to). */
const searched = (api: FakeApi) =>
  api
    .callsTo('GET')
    .map((c) => c.path)
    .filter((p) => p.startsWith('/api/referrals'));
/** Chooses an option by its visible name (user-event compares names with innerHTML, where "J&V" is "J&amp;V"). */
const choose = async (select: string, option: string) => {
  const box = screen.getByRole('combobox', { name: select });
  await userEvent.selectOptions(box, within(box).getByRole('option', { name: option }));
};

describe('ReferralsPage', () => {
  it('loads everything at first and shows each place in Dutch, with its ways to reach it', async () => {
    const api = new FakeApi().on('GET', '/api/referrals', { referrals: [vertrouwenspersoon, bedrijfsarts] });
    show(api);

    expect(await screen.findByText('2 plekken')).toBeTruthy();
    expect(searched(api)).toEqual(['/api/referrals?']);
    expect(screen.getByRole('search', { name: 'Zoeken' })).toBeTruthy();
    const [first, second] = screen.getAllByRole('listitem');
    expect(within(first!).getByRole('heading', { level: 3, name: 'Vertrouwenspersoon BZK' })).toBeTruthy();
    expect(within(first!).getByText('Luistert en denkt mee, vertrouwelijk.')).toBeTruthy();
    expect(first!.textContent).toContain('Bereikbaar: Werkdagen 9–17 uur');
    expect(first!.textContent).toContain('Vertrouwelijkheid: Alles blijft tussen jullie.');
    expect(within(first!).getByRole('link', { name: 'Bel 070 123 45 67' }).getAttribute('href')).toBe('tel:0701234567');
    expect(within(first!).getByRole('link', { name: 'Mail' }).getAttribute('href')).toBe('mailto:vertrouwenspersoon@minbzk.example');
    const chat = within(first!).getByRole('link', { name: 'Chat in Teams' });
    expect(chat.getAttribute('href')).toBe('https://teams.microsoft.com/l/chat/0/0?users=vp.bzk%40minbzk.example');
    expect(chat.getAttribute('target')).toBe('_blank');
    expect(within(first!).getByRole('link', { name: 'Website' }).getAttribute('href')).toBe('https://example.org/vp-bzk');

    // Only the ways a place has: the bedrijfsarts has a phone number alone.
    expect(within(second!).getByRole('heading', { level: 3, name: 'Bedrijfsarts' })).toBeTruthy();
    expect(within(second!).getAllByRole('link').map((l) => l.getAttribute('href'))).toEqual(['tel:+31300000000']);
  });

  it('shows the places in English', async () => {
    show(new FakeApi().on('GET', '/api/referrals', { referrals: [vertrouwenspersoon] }), 'en');

    expect(await screen.findByText('1 place')).toBeTruthy();
    const [place] = screen.getAllByRole('listitem');
    expect(within(place!).getByRole('heading', { level: 3, name: 'Confidential adviser BZK' })).toBeTruthy();
    expect(place!.textContent).toContain('Reachable: Working days 9–17');
    expect(place!.textContent).toContain('Confidentiality: Everything stays between you.');
    expect(within(place!).getByRole('link', { name: 'Call 070 123 45 67' })).toBeTruthy();
    expect(screen.queryByText('Vertrouwenspersoon BZK')).toBeNull();
  });

  it('counts one place in the singular (nl)', async () => {
    show(new FakeApi().on('GET', '/api/referrals', { referrals: [bedrijfsarts] }));

    expect(await screen.findByText('1 plek')).toBeTruthy();
  });

  describe('while typing', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('asks once, 200 ms after the last key, with the trimmed words', async () => {
      const api = new FakeApi().on('GET', '/api/referrals', { referrals: [] });
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      show(api);
      await act(() => jest.advanceTimersByTimeAsync(200));
      expect(searched(api)).toEqual(['/api/referrals?']);

      await user.type(screen.getByRole('searchbox', { name: 'Zoeken' }), ' pesten ');
      await act(() => jest.advanceTimersByTimeAsync(199));
      expect(searched(api)).toEqual(['/api/referrals?']);
      await act(() => jest.advanceTimersByTimeAsync(1));
      expect(searched(api)).toEqual(['/api/referrals?', '/api/referrals?q=pesten']);
      expect(screen.getByText('Niets gevonden. Probeer minder woorden.')).toBeTruthy();
    });
  });

  it('filters by topic and organisation, in the query string', async () => {
    const api = new FakeApi().on('GET', '/api/referrals', { referrals: [vertrouwenspersoon] });
    show(api);
    await screen.findByText('1 plek');

    await choose('Onderwerp', 'Discriminatie, ook leeftijd');
    await waitFor(() => expect(searched(api).at(-1)).toBe('/api/referrals?topic=discriminatie'));
    await choose('Organisatie', 'J&V');
    await waitFor(() => expect(searched(api).at(-1)).toBe('/api/referrals?topic=discriminatie&organisation=jenv'));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Zoeken' }), 'vertrouwens persoon');
    await waitFor(() => expect(searched(api).at(-1)).toBe('/api/referrals?q=vertrouwens+persoon&topic=discriminatie&organisation=jenv'));

    // "Alle" takes a filter off again.
    await choose('Onderwerp', 'Alle');
    await waitFor(() => expect(searched(api).at(-1)).toBe('/api/referrals?q=vertrouwens+persoon&organisation=jenv'));
  });

  it('offers the topics and organisations by name in English', async () => {
    const api = new FakeApi().on('GET', '/api/referrals', { referrals: [] });
    show(api, 'en');
    await screen.findByText('Nothing found. Try fewer words.');

    await choose('Topic', 'Bullying');
    await choose('Organisation', 'Tax Administration');
    await waitFor(() => expect(searched(api).at(-1)).toBe('/api/referrals?topic=pesten&organisation=belastingdienst'));
  });

  it.each([
    ['nl', 'Er ging iets mis: Dienst niet bereikbaar'],
    ['en', 'Something went wrong: Dienst niet bereikbaar'],
  ] as const)('says when the search failed (%s)', async (locale, text) => {
    show(new FakeApi().on('GET', '/api/referrals', refusal(503, 'Dienst niet bereikbaar')), locale);

    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.queryAllByRole('listitem')).toEqual([]);
  });

  it('puts away the earlier places and their count when a later search fails', async () => {
    const api = new FakeApi().on('GET', '/api/referrals', { referrals: [vertrouwenspersoon, bedrijfsarts] }).on('GET', '/api/referrals?topic=pesten', refusal(503, 'Dienst niet bereikbaar'));
    show(api);
    await screen.findByText('2 plekken');

    await choose('Onderwerp', 'Pesten');

    expect(await screen.findByText('Er ging iets mis: Dienst niet bereikbaar')).toBeTruthy();
    expect(screen.queryByText('2 plekken')).toBeNull();
    expect(screen.queryAllByRole('listitem')).toEqual([]);
  });

  it('shows the places of the latest search, even when an earlier one answers after it', async () => {
    const slow = later();
    const api = new FakeApi()
      .on('GET', '/api/referrals', { referrals: [] })
      .on('GET', '/api/referrals?topic=pesten', slow.reply)
      .on('GET', '/api/referrals?topic=discriminatie', { referrals: [bedrijfsarts] });
    show(api);
    await screen.findByText('Niets gevonden. Probeer minder woorden.');
    await choose('Onderwerp', 'Pesten');
    await waitFor(() => expect(searched(api).at(-1)).toBe('/api/referrals?topic=pesten'));

    await choose('Onderwerp', 'Discriminatie, ook leeftijd');
    expect(await screen.findByText('1 plek')).toBeTruthy();
    await act(async () => slow.answer({ referrals: [vertrouwenspersoon, bedrijfsarts] }));

    expect(screen.getByText('1 plek')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Bedrijfsarts']);
  });

  describe('for a facilitator', () => {
    /** GET /api/planning/participants (bot/src/features/pool/facilitator-store.ts): my workshops with their registered participants. */
    const participants: MyWorkshopParticipants[] = [
      { workshopId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', startsAt: '2030-03-04T09:00:00.000Z', organisation: 'jenv', rijksbreed: false, participants: [{ id: 'aad-0042', name: 'Sanne de Vries' }] },
    ];

    it('offers to send each place to a participant of my workshops', async () => {
      const api = new FakeApi().on('GET', '/api/referrals', { referrals: [vertrouwenspersoon, bedrijfsarts] }).on('GET', '/api/planning/participants', { workshops: participants });
      show(api);

      expect(await screen.findByRole('button', { name: 'Stuur naar een deelnemer: Vertrouwenspersoon BZK' })).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Stuur naar een deelnemer: Bedrijfsarts' }).textContent).toBe('Stuur naar een deelnemer');
      expect(api.callsTo('GET', '/api/planning/participants')).toHaveLength(1);
    });

    it.each([
      ['someone who is no facilitator (403)', refusal(403, 'Geen toegang.')],
      ['a facilitator whose workshops have nobody registered', { workshops: [{ ...participants[0]!, participants: [] }] }],
    ])('offers nothing to send for %s', async (_who, reply) => {
      const api = new FakeApi().on('GET', '/api/referrals', { referrals: [vertrouwenspersoon] }).on('GET', '/api/planning/participants', reply);
      show(api);

      await screen.findByText('1 plek');
      await waitFor(() => expect(api.callsTo('GET', '/api/planning/participants')).toHaveLength(1));
      expect(screen.queryByRole('button', { name: /^Stuur naar een deelnemer/ })).toBeNull();
      expect(screen.queryByText('Geen toegang.')).toBeNull();
    });
  });
});
