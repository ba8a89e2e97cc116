import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SendPlace } from '../../tab/src/SendPlace';
import type { MyWorkshopParticipants } from '../../bot/src/shared/workshop-views';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, later, refusal } from './fake-api';
import { inLocale, isBusy, renderInTheme } from './render';

const PLACE = 'bzk-vertrouwenspersoon-ongewenst-gedrag';
const MARCH = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const APRIL = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e';
const MAY = '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e';

/** GET /api/planning/participants as the service sends it (bot/src/features/pool/facilitator-store.ts): a name only when known. */
const workshops: MyWorkshopParticipants[] = [
  {
    workshopId: MARCH,
    startsAt: '2030-03-04T09:00:00.000Z',
    organisation: 'jenv',
    rijksbreed: false,
    participants: [
      { id: 'aad-0042', name: 'Sanne de Vries' },
      { id: 'aad-0043', name: null },
    ],
  },
  { workshopId: APRIL, startsAt: '2030-04-10T12:30:00.000Z', organisation: null, rijksbreed: true, participants: [{ id: 'aad-0050', name: null }] },
  // A team whose organiser named no organisation: a team's workshop, not a Rijk-wide one.
  { workshopId: MAY, startsAt: '2030-05-06T08:00:00.000Z', organisation: null, rijksbreed: false, participants: [{ id: 'aad-0060', name: null }] },
];
const SENT = 'Staat klaar: de bot stuurt deze plek in een persoonlijke chat naar de deelnemer.';

const show = (api: FakeApi, locale: TabLocale = 'nl') =>
  renderInTheme(<SendPlace api={api} {...inLocale(locale)} placeId={PLACE} placeName={locale === 'nl' ? 'Vertrouwenspersoon BZK' : 'Confidential adviser BZK'} workshops={workshops} />);
const open = async (name = 'Stuur naar een deelnemer: Vertrouwenspersoon BZK') => userEvent.click(await screen.findByRole('button', { name }));
const picker = (name = 'Vertrouwenspersoon BZK sturen aan') => screen.getByRole('combobox', { name }) as HTMLSelectElement;
/** The groups (a workshop each) with their options, as the person sees them. */
const choices = (select: HTMLSelectElement) =>
  Array.from(select.querySelectorAll('optgroup')).map((g) => [g.label, Array.from(g.querySelectorAll('option')).map((o) => [o.textContent, o.value])]);

describe('SendPlace', () => {
  it('shows a button named after the place, and the form only once it is pressed', async () => {
    show(new FakeApi());

    const button = await screen.findByRole('button', { name: 'Stuur naar een deelnemer: Vertrouwenspersoon BZK' });
    // The name starts with what the button shows, for those who say what they see to operate it.
    expect(button.textContent).toBe('Stuur naar een deelnemer');
    expect(screen.queryByRole('combobox')).toBeNull();

    await userEvent.click(button);

    expect(picker().value).toBe('');
    expect(picker().options[0]!.textContent).toBe('Kies een deelnemer van je workshop');
    expect(choices(picker())).toEqual([
      // Amsterdam's day, in the app's one date format; one group per workshop, with its team.
      [
        'ma 4 mrt 2030 · J&V',
        [
          ['Sanne de Vries', `${MARCH}|aad-0042`],
          // No name known: numbered within the workshop.
          ['Deelnemer 2', `${MARCH}|aad-0043`],
        ],
      ],
      ['wo 10 apr 2030 · Rijksbreed', [['Deelnemer 1', `${APRIL}|aad-0050`]]],
      ['ma 6 mei 2030 · Een team (organisatie niet genoemd)', [['Deelnemer 1', `${MAY}|aad-0060`]]],
    ]);
    // Where the outcome will be said, there before anything is sent, so a screen reader hears it change.
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it("sends the place to the chosen participant with POST /api/referrals/<id>/send and says the service's words", async () => {
    const api = new FakeApi().on('POST', `/api/referrals/${PLACE}/send`, { outcome: 'verstuurd', message: SENT });
    show(api);
    await open();

    await userEvent.selectOptions(picker(), `${MARCH}|aad-0043`);
    await userEvent.click(screen.getByRole('button', { name: 'Versturen' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(SENT));
    expect(api.calls).toEqual([{ method: 'POST', path: `/api/referrals/${PLACE}/send`, body: { workshopId: MARCH, participant: 'aad-0043' } }]);
    // Ready for the next one.
    expect(picker().value).toBe('');
  });

  it('asks for a participant, sending nothing, when none is chosen', async () => {
    const api = new FakeApi();
    show(api);
    await open();

    await userEvent.click(screen.getByRole('button', { name: 'Versturen' }));

    expect(screen.getByRole('status').textContent).toBe('Kies een deelnemer van je workshop');
    expect(api.calls).toEqual([]);
  });

  it("shows the service's words when it refuses", async () => {
    const api = new FakeApi().on('POST', `/api/referrals/${PLACE}/send`, refusal(404, 'Niet gevonden.'));
    show(api);
    await open();

    await userEvent.selectOptions(picker(), `${APRIL}|aad-0050`);
    await userEvent.click(screen.getByRole('button', { name: 'Versturen' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Er ging iets mis: Niet gevonden.'));
  });

  it('puts the form away on cancel, and opens it again without the earlier outcome or choice', async () => {
    const api = new FakeApi().on('POST', `/api/referrals/${PLACE}/send`, { outcome: 'verstuurd', message: SENT });
    show(api);
    await open();
    await userEvent.selectOptions(picker(), `${MARCH}|aad-0042`);
    await userEvent.click(screen.getByRole('button', { name: 'Versturen' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(SENT));
    await userEvent.selectOptions(picker(), `${APRIL}|aad-0050`);

    await userEvent.click(screen.getByRole('button', { name: 'Annuleren' }));
    expect(screen.queryByRole('combobox')).toBeNull();
    await open();

    expect(picker().value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(api.calls).toHaveLength(1);
  });

  it('says it all in English', async () => {
    const api = new FakeApi().on('POST', `/api/referrals/${PLACE}/send`, { outcome: 'verstuurd', message: 'Queued.' });
    show(api, 'en');
    await open('Send to a participant: Confidential adviser BZK');

    const select = picker('Send Confidential adviser BZK to');
    expect(select.options[0]!.textContent).toBe('Choose a participant of your workshop');
    expect(choices(select)).toEqual([
      ['Mon 4 Mar 2030 · J&V', [['Sanne de Vries', `${MARCH}|aad-0042`], ['Participant 2', `${MARCH}|aad-0043`]]],
      ['Wed 10 Apr 2030 · Central government', [['Participant 1', `${APRIL}|aad-0050`]]],
      ['Mon 6 May 2030 · A team (organisation not given)', [['Participant 1', `${MAY}|aad-0060`]]],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('status').textContent).toBe('Choose a participant of your workshop');
    expect(within(select.closest('form')!).getByRole('button', { name: 'Cancel' })).toBeTruthy();
    expect(api.calls).toEqual([]);
  });

  it('sends once for a double click on "Versturen", busy until the service answered', async () => {
    const sent = later();
    const api = new FakeApi().on('POST', `/api/referrals/${PLACE}/send`, sent.reply);
    show(api);
    await open();
    await userEvent.selectOptions(picker(), `${MARCH}|aad-0042`);

    await userEvent.dblClick(screen.getByRole('button', { name: 'Versturen' }));

    expect(isBusy(screen.getByRole('button', { name: 'Versturen (bezig)' }))).toBe(true);
    expect(api.callsTo('POST')).toHaveLength(1);
    await act(async () => sent.answer({ outcome: 'verstuurd', message: SENT }));
    expect((await screen.findByRole('status')).textContent).toBe(SENT);
    expect(screen.getByRole('button', { name: 'Versturen' }).getAttribute('aria-disabled')).toBeNull();
    expect(api.callsTo('POST')).toHaveLength(1);
  });
});
