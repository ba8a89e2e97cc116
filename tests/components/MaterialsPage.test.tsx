import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MaterialsPage } from '../../tab/src/MaterialsPage';
import type { Material } from '../../bot/src/shared/api/materials';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, refusal } from './fake-api';
import { cellsOf, headersOf, inLocale, renderInTheme } from './render';

/** GET /api/materials as the service sends it (bot/src/features/materials/material-store.ts). */
const library: Material[] = [
  { id: 'aaaaaaaa-0000-4000-8000-000000000001', title: 'Korte film: de vergadering', kind: 'film', url: 'https://example.org/film', durationMinutes: 6, language: 'nl', audience: 'mt-leidinggevenden' },
  { id: 'aaaaaaaa-0000-4000-8000-000000000002', title: 'Handout: het gesprek na de film', kind: 'handout', url: 'https://example.org/handout.pdf', durationMinutes: null, language: 'en', audience: 'gemengd' },
];

const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<MaterialsPage api={api} {...inLocale(locale)} />);

describe('MaterialsPage', () => {
  it('lists the library: title with length, kind, language, who for, and a link to open each', async () => {
    show(new FakeApi().on('GET', '/api/materials', { materials: library }));
    const table = await screen.findByRole('table', { name: 'Alle materiaal' });
    expect(headersOf(table)).toEqual(['Titel', 'Soort', 'Taal', 'Voor wie', 'Acties']);
    expect(cellsOf(table).map((r) => r.slice(0, 4))).toEqual([
      ['Korte film: de vergadering (6 min)', 'Film', 'Nederlands', 'MT / leidinggevenden'],
      ['Handout: het gesprek na de film', 'Handout', 'Engels', 'Gemengd'],
    ]);
    expect(screen.getByRole('link', { name: 'Openen: Korte film: de vergadering' }).getAttribute('href')).toBe('https://example.org/film');
  });

  it('adds material: POSTs the form, and says the list shows it', async () => {
    const added: Material = { id: 'aaaaaaaa-0000-4000-8000-000000000003', title: 'Werkvorm: de stilte', kind: 'werkvorm', url: 'https://example.org/stilte', durationMinutes: 20, language: 'nl', audience: 'medewerkers' };
    const api = new FakeApi()
      .on('GET', '/api/materials', (_c: unknown, nth: number) => ({ materials: nth === 1 ? library : [...library, added] }))
      .on('POST', '/api/materials', added);
    show(api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Materiaal toevoegen' }));
    const form = screen.getByRole('form', { name: 'Nieuw materiaal' });
    await user.type(within(form).getByRole('textbox', { name: 'Titel' }), '  Werkvorm: de stilte ');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Soort' }), 'werkvorm');
    await user.type(within(form).getByRole('textbox', { name: /Link/ }), 'https://example.org/stilte');
    await user.type(within(form).getByRole('spinbutton', { name: /Duur in minuten/ }), '20');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Voor wie' }), 'medewerkers');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText('Opgeslagen: Werkvorm: de stilte.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: '/api/materials', body: { title: 'Werkvorm: de stilte', kind: 'werkvorm', url: 'https://example.org/stilte', durationMinutes: 20, language: 'nl', audience: 'medewerkers' } }]);
    expect(cellsOf(screen.getByRole('table', { name: 'Alle materiaal' }))).toHaveLength(3);
    expect(screen.queryByRole('form', { name: 'Nieuw materiaal' })).toBeNull();
  });

  it('keeps what was typed when the service refuses a field, and says what is wrong beside it', async () => {
    const api = new FakeApi()
      .on('GET', '/api/materials', { materials: library })
      .on('POST', '/api/materials', refusal(400, 'Dit verzoek klopt niet. Er is niets veranderd.', [{ path: 'url', reason: 'Een link moet met https:// beginnen.' }]));
    show(api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Materiaal toevoegen' }));
    const form = screen.getByRole('form', { name: 'Nieuw materiaal' });
    await user.type(within(form).getByRole('textbox', { name: 'Titel' }), 'Handout');
    await user.type(within(form).getByRole('textbox', { name: /Link/ }), 'http://example.org/h.pdf');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await within(form).findByText('Een link moet met https:// beginnen.')).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: /Link/ }) as HTMLInputElement).value).toBe('http://example.org/h.pdf');
    expect(cellsOf(screen.getByRole('table', { name: 'Alle materiaal' }))).toHaveLength(2);
  });

  it('changes material in a form filled in as it is, and PUTs it', async () => {
    const api = new FakeApi().on('GET', '/api/materials', { materials: library }).on('PUT', `/api/materials/${library[1]!.id}`, library[1]);
    show(api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Wijzigen: Handout: het gesprek na de film' }));
    const form = screen.getByRole('form', { name: 'Materiaal wijzigen' });
    const title = within(form).getByRole('textbox', { name: 'Titel' }) as HTMLInputElement;
    expect(title.value).toBe('Handout: het gesprek na de film');
    await user.clear(title);
    await user.type(title, 'Handout: na de film');
    await user.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText('Opgeslagen: Handout: na de film.')).toBeTruthy();
    expect(api.callsTo('PUT')[0]!.body).toEqual({ title: 'Handout: na de film', kind: 'handout', url: 'https://example.org/handout.pdf', durationMinutes: null, language: 'en', audience: 'gemengd' });
  });

  it('removes only on a second click on the same row', async () => {
    const api = new FakeApi()
      .on('GET', '/api/materials', (_c: unknown, nth: number) => ({ materials: nth === 1 ? library : library.slice(1) }))
      .on('DELETE', `/api/materials/${library[0]!.id}`, undefined);
    show(api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Weghalen: Korte film: de vergadering' }));
    expect(api.callsTo('DELETE')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Ja, weghalen: Korte film: de vergadering' }));
    expect(await screen.findByText('Korte film: de vergadering is weggehaald, ook bij de workshops die het gebruikten.')).toBeTruthy();
    expect(api.callsTo('DELETE')).toHaveLength(1);
    expect(cellsOf(screen.getByRole('table', { name: 'Alle materiaal' }))).toHaveLength(1);
  });

  it('tells someone who is not the coordinator where they choose material instead', async () => {
    show(new FakeApi().on('GET', '/api/materials', refusal(403, 'Dit mag je met je rol niet zien of doen. Er is niets veranderd.')));
    expect(await screen.findByText(/Alleen de coördinator houdt het materiaal bij/)).toBeTruthy();
  });

  it('says the same in English', async () => {
    show(new FakeApi().on('GET', '/api/materials', { materials: library }), 'en');
    const table = await screen.findByRole('table', { name: 'All material' });
    expect(headersOf(table)).toEqual(['Title', 'Kind', 'Language', 'Who for', 'Actions']);
    expect(cellsOf(table)[1]!.slice(0, 4)).toEqual(['Handout: het gesprek na de film', 'Handout', 'English', 'Mixed']);
  });
});
