import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CounsellorsSection } from '../../tab/src/CounsellorsSection';
import type { Counsellor } from '../../bot/src/shared/api/counsellors';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, refusal } from './fake-api';
import { inLocale, renderInTheme } from './render';

const KARIN: Counsellor = { aadObjectId: 'de000000-0000-4000-8000-00000000c001', displayName: 'Karin Bosman', organisation: 'bzk', roles: ['vertrouwenspersoon-integriteit', 'vertrouwenspersoon-ongewenst-gedrag'] };
const OLGA: Counsellor = { aadObjectId: 'de000000-0000-4000-8000-00000000c0b2', displayName: 'Olga Smit', organisation: 'bzk', roles: ['integriteitsloket'] };

const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<CounsellorsSection api={api} t={inLocale(locale).t} />);
const cellsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));

describe('CounsellorsSection', () => {
  it('lists who reads which inbox, and adds a contact person: refused fields are said at the field, nothing is lost', async () => {
    let saved = false;
    const api = new FakeApi()
      .on('GET', '/api/counsellors', () => ({ counsellors: saved ? [KARIN, OLGA] : [KARIN], unstaffed: [] }))
      .on('PUT', `/api/counsellors/${OLGA.aadObjectId}`, (_c: unknown, nth: number) => {
        if (nth === 1) return refusal(400, 'Dit verzoek klopt niet.', [{ path: 'roles', reason: 'Kies er minstens één.' }]);
        saved = true;
        return { counsellor: OLGA };
      });
    show(api);

    const table = await screen.findByRole('table', { name: 'Contactpersonen' });
    expect(cellsOf(table)).toEqual([['Karin Bosman', 'BZK', 'Vertrouwenspersoon integriteit, Vertrouwenspersoon ongewenste omgangsvormen', 'WijzigenWeghalen']]);

    await userEvent.click(screen.getByRole('button', { name: 'Contactpersoon toevoegen' }));
    const form = screen.getByRole('form', { name: 'Nieuwe contactpersoon' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Entra-object-id/ }), OLGA.aadObjectId);
    await userEvent.type(within(form).getByRole('textbox', { name: /Naam/ }), 'Olga Smit');
    await userEvent.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await within(form).findByText('Kies er minstens één.')).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: /Naam/ })).toHaveProperty('value', 'Olga Smit');

    await userEvent.click(within(form).getByRole('checkbox', { name: 'Integriteitsloket' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText('Opgeslagen: Olga Smit.')).toBeTruthy();
    expect(api.callsTo('PUT')[1]).toEqual({ method: 'PUT', path: `/api/counsellors/${OLGA.aadObjectId}`, body: OLGA });
    expect(cellsOf(screen.getByRole('table', { name: 'Contactpersonen' }))).toHaveLength(2);
    expect(screen.queryByRole('form', { name: 'Nieuwe contactpersoon' })).toBeNull();
  });

  it('removes a contact person only on a second click on the same row', async () => {
    let removed = false;
    const api = new FakeApi()
      .on('GET', '/api/counsellors', () => ({ counsellors: removed ? [OLGA] : [KARIN, OLGA], unstaffed: [] }))
      .on('DELETE', `/api/counsellors/${KARIN.aadObjectId}?organisation=bzk`, () => {
        removed = true;
        return { removed: true };
      });
    show(api, 'en');

    await userEvent.click(await screen.findByRole('button', { name: 'Remove: Karin Bosman' }));
    expect(api.callsTo('DELETE')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove: Karin Bosman' }));
    expect(await screen.findByText('Karin Bosman no longer reads an inbox of this organisation.')).toBeTruthy();
    expect(api.callsTo('DELETE')).toHaveLength(1);
    await waitFor(() => expect(cellsOf(screen.getByRole('table', { name: 'Contact persons' }))).toHaveLength(1));
  });

  it('names an inbox nobody reads any more and hands its signals on to a staffed desk of the same organisation', async () => {
    let handedOn = false;
    const api = new FakeApi()
      .on('GET', '/api/counsellors', () => ({ counsellors: [OLGA], unstaffed: handedOn ? [] : [{ organisation: 'bzk', role: 'vertrouwenspersoon-ongewenst-gedrag' }] }))
      .on('POST', '/api/inboxes/hand-on', () => {
        handedOn = true;
        return { handedOn: true };
      });
    show(api);

    const group = await screen.findByRole('group', { name: 'Niemand leest de inbox Vertrouwenspersoon ongewenste omgangsvormen van BZK meer, en er wachten signalen.' });
    expect(within(group).getByRole('button', { name: 'Signalen doorzetten' })).toHaveProperty('disabled', true);
    await userEvent.selectOptions(within(group).getByRole('combobox', { name: 'Doorzetten naar' }), 'Integriteitsloket');
    await userEvent.click(within(group).getByRole('button', { name: 'Signalen doorzetten' }));
    expect(await screen.findByText('De wachtende signalen zijn doorgezet naar Integriteitsloket. Wie ze stuurde, krijgt daarover een bericht.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: '/api/inboxes/hand-on', body: { organisation: 'bzk', from: 'vertrouwenspersoon-ongewenst-gedrag', to: 'integriteitsloket' } }]);
    expect(screen.queryByRole('group', { name: /Niemand leest/ })).toBeNull();
  });
});
