import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { KaartPage } from '../../tab/src/KaartPage';
import type { RoutingRule } from '../../bot/src/shared/api/kaart';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, later, refusal } from './fake-api';
import { bedrijfsarts, vertrouwenspersoon } from './places';
import { cellsOf, headersOf, inLocale, isBusy, renderInTheme } from './render';

// The forms hold some sixty options: on a busy machine a test of several saves takes well over Jest's 5 s.
jest.setTimeout(60_000);

const pesten: RoutingRule = { category: 'pesten', wish: '*', roles: ['vertrouwenspersoon-ongewenst-gedrag', 'hr-adviseur'], urgency: 'normaal' };
const integriteit: RoutingRule = { category: 'integriteit', wish: 'formeel-melden', roles: ['integriteitsloket', 'meldpunt-misstanden', 'huis-voor-klokkenluiders'], urgency: 'snel' };

const coordinator = () =>
  new FakeApi()
    .on('GET', '/api/referrals', { referrals: [vertrouwenspersoon, bedrijfsarts] })
    .on('GET', '/api/routing-rules', { rules: [pesten, integriteit] })
    .on('GET', '/api/counsellors', { counsellors: [], unstaffed: [] });
/** The first GET of the places answers with the map above, later ones with `after`. */
const placesThen = (after: unknown) => (_c: unknown, nth: number) => (nth === 1 ? { referrals: [vertrouwenspersoon, bedrijfsarts] } : after);
const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<KaartPage api={api} {...inLocale(locale)} />);
/**
 * A form field by its label. By label, not by role: the forms hold some sixty options, and jsdom takes a third of a
 * second a query to work out every element's role and name. A required field's label ends in the "*" Fluent draws
 * (aria-hidden, so not part of the field's name).
 */
const field = <T extends HTMLElement = HTMLInputElement>(label: string) => screen.getByLabelText((text) => text.replace(/\*$/, '') === label) as T;
/** Replaces what a text field holds: cleared (which focuses it), then pasted, one change rather than one per key. */
const enter = async (label: string, value: string) => {
  await userEvent.clear(field(label));
  if (value) await userEvent.paste(value);
};
/** Chooses an option by its visible text (user-event would match a string against innerHTML, where "J&V" is "J&amp;V"). */
const choose = async (label: string, option: string) => {
  const list = field<HTMLSelectElement>(label);
  const wanted = Array.from(list.options).find((o) => o.textContent === option);
  if (!wanted) throw new Error(`no option "${option}" in ${label}`);
  await userEvent.selectOptions(list, wanted);
};
const chosen = (label: string) => field<HTMLSelectElement>(label).selectedOptions[0]?.textContent;
const SAVED = 'Opgeslagen. Binnen een halve minuut zien alle gebruikers de wijziging.';

describe('KaartPage', () => {
  it('shows the places with their contact and the routing rules (nl)', async () => {
    const api = coordinator();
    show(api);

    const places = await screen.findByRole('table', { name: 'Plekken' });
    expect(headersOf(places)).toEqual(['Naam', 'Organisatie', 'Soort plek', 'Contact', 'Actie']);
    expect(cellsOf(places)).toEqual([
      ['Vertrouwenspersoon BZK', 'BZK', 'Vertrouwenspersoon ongewenste omgangsvormen', '070 123 45 67 · vertrouwenspersoon@minbzk.example · vp.bzk@minbzk.example · https://example.org/vp-bzk', 'BewerkenVerwijderen'],
      ['Bedrijfsarts', 'Rijksbreed / openbaar', 'Bedrijfsarts', '+31 30 000 00 00', 'BewerkenVerwijderen'],
    ]);
    expect(screen.getByRole('button', { name: 'Bewerken: Vertrouwenspersoon BZK' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Verwijderen: Bedrijfsarts' })).toBeTruthy();

    const rules = screen.getByRole('table', { name: 'Routering: welke plekken de bot noemt' });
    expect(headersOf(rules)).toEqual(['Onderwerp', 'Wens', 'Plekken, op volgorde', 'Urgentie', 'Actie']);
    expect(cellsOf(rules)).toEqual([
      ['Pesten', 'Elke wens', 'Vertrouwenspersoon ongewenste omgangsvormen → HR-adviseur', 'Normaal', 'Bewerken'],
      ['Integriteit', 'Formeel melden', 'Integriteitsloket → Meldpunt misstanden → Huis voor Klokkenluiders', 'Snel', 'Bewerken'],
    ]);
    expect(screen.getByRole('button', { name: 'Bewerken: Pesten, Elke wens' })).toBeTruthy();
    expect(api.calls).toEqual([
      { method: 'GET', path: '/api/referrals' },
      { method: 'GET', path: '/api/routing-rules' },
      { method: 'GET', path: '/api/counsellors' },
    ]);
  });

  it('says the same in English', async () => {
    show(coordinator(), 'en');

    const places = await screen.findByRole('table', { name: 'Places' });
    expect(headersOf(places)).toEqual(['Name', 'Organisation', 'Kind of place', 'Contact', 'Action']);
    expect(cellsOf(places)[1]!.slice(0, 3)).toEqual(['Occupational physician', 'Government-wide / public', 'Occupational physician']);
    expect(screen.getByRole('button', { name: 'Edit: Confidential adviser BZK' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove: Occupational physician' })).toBeTruthy();
    const rules = screen.getByRole('table', { name: 'Routing: which places the bot names' });
    expect(cellsOf(rules)[0]).toEqual(['Bullying', 'Any wish', 'Confidential adviser (undesirable behaviour) → HR adviser', 'Normal', 'Edit']);
    expect(screen.getByRole('button', { name: 'Edit: Integrity, Formal report' })).toBeTruthy();
  });

  it('says when the map is empty', async () => {
    show(coordinator().on('GET', '/api/referrals', { referrals: [] }));

    expect(await screen.findByText('De sociale kaart is leeg.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Plekken' })).toBeNull();
  });

  it('adds a place with POST /api/referrals, leaving out empty contact fields, and says so once the list shows it', async () => {
    const added = { ...bedrijfsarts, id: 'jenv-mediation-a1b2c3' };
    const api = coordinator()
      .on('GET', '/api/referrals', placesThen({ referrals: [vertrouwenspersoon, bedrijfsarts, { ...added, name: { nl: 'Mediation J&V', en: 'Mediation J&V' } }] }))
      .on('POST', '/api/referrals', { referral: added });
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Nieuwe plek' }));
    const form = screen.getByRole('region', { name: 'Nieuwe plek' });
    await choose('Organisatie', 'J&V');
    await choose('Soort plek', 'Mediation');
    await enter('Naam (Nederlands)', 'Mediation J&V');
    await enter('Naam (English)', 'Mediation J&V');
    await enter('Wat ze doen (Nederlands)', 'Helpt een conflict samen op te lossen.');
    await enter('Wat ze doen (English)', 'Helps to resolve a conflict together.');
    await enter('Bereikbaar (Nederlands)', 'Op afspraak');
    await enter('Bereikbaar (English)', 'By appointment');
    await enter('Vertrouwelijkheid (Nederlands)', 'Vertrouwelijk');
    await enter('Vertrouwelijkheid (English)', 'Confidential');
    await enter('Telefoon', '070 555 12 34');
    // Typed and taken away again: the field is empty, and the service refuses an empty address.
    await enter('E-mail', 'mediation@jenv.example');
    await enter('E-mail', '');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'English' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByText(SAVED)).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([
      {
        method: 'POST',
        path: '/api/referrals',
        body: {
          organisation: 'jenv',
          role: 'mediation',
          name: { nl: 'Mediation J&V', en: 'Mediation J&V' },
          description: { nl: 'Helpt een conflict samen op te lossen.', en: 'Helps to resolve a conflict together.' },
          contact: { phone: '070 555 12 34' },
          hours: { nl: 'Op afspraak', en: 'By appointment' },
          confidentiality: { nl: 'Vertrouwelijk', en: 'Confidential' },
          languages: ['nl', 'en'],
        },
      },
    ]);
    expect(screen.queryByRole('region', { name: 'Nieuwe plek' })).toBeNull();
    expect(screen.getByRole('cell', { name: 'Mediation J&V' })).toBeTruthy();
  });

  it('edits a place with PUT /api/referrals/<id>, its id in the body, and says so only after the list reloaded', async () => {
    const reload = later();
    const api = coordinator()
      .on('GET', '/api/referrals', (_c: unknown, nth: number) => (nth === 1 ? { referrals: [vertrouwenspersoon, bedrijfsarts] } : reload.reply))
      .on('PUT', `/api/referrals/${vertrouwenspersoon.id}`, (c: { body?: unknown }) => ({ referral: c.body }));
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Bewerken: Vertrouwenspersoon BZK' }));
    expect(screen.getByRole('region', { name: 'Plek bewerken' })).toBeTruthy();
    expect(field('Naam (Nederlands)').value).toBe('Vertrouwenspersoon BZK');
    expect(chosen('Organisatie')).toBe('BZK');
    await enter('Naam (Nederlands)', 'Vertrouwenspersonen BZK');
    await enter('Website (https://)', '');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));

    await waitFor(() => expect(api.callsTo('GET', '/api/referrals')).toHaveLength(2));
    const contact = { teamsChat: 'vp.bzk@minbzk.example', phone: '070 123 45 67', mail: 'vertrouwenspersoon@minbzk.example' };
    expect(api.callsTo('PUT')).toEqual([
      { method: 'PUT', path: `/api/referrals/${vertrouwenspersoon.id}`, body: { ...vertrouwenspersoon, name: { ...vertrouwenspersoon.name, nl: 'Vertrouwenspersonen BZK' }, contact } },
    ]);
    // Saved, but the list does not show it yet: no word of it until it does.
    expect(screen.queryByText(SAVED)).toBeNull();
    expect(screen.getByRole('cell', { name: 'Vertrouwenspersoon BZK' })).toBeTruthy();

    await act(async () => reload.answer({ referrals: [{ ...vertrouwenspersoon, name: { ...vertrouwenspersoon.name, nl: 'Vertrouwenspersonen BZK' } }, bedrijfsarts] }));

    expect(await screen.findByText(SAVED)).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Vertrouwenspersonen BZK' })).toBeTruthy();
  });

  it('edits the place last chosen: opening another one (or a new one) while a form is open starts from that place', async () => {
    const api = coordinator().on('PUT', `/api/referrals/${bedrijfsarts.id}`, { referral: bedrijfsarts });
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Bewerken: Vertrouwenspersoon BZK' }));
    await enter('Wat ze doen (Nederlands)', 'Bedoeld voor de vertrouwenspersoon');

    await userEvent.click(screen.getByRole('button', { name: 'Bewerken: Bedrijfsarts' }));

    expect(field('Naam (Nederlands)').value).toBe('Bedrijfsarts');
    expect(field('Website (https://)').value).toBe('');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(api.callsTo('PUT')).toEqual([{ method: 'PUT', path: `/api/referrals/${bedrijfsarts.id}`, body: bedrijfsarts }]));

    await userEvent.click(screen.getByRole('button', { name: 'Bewerken: Vertrouwenspersoon BZK' }));
    await userEvent.click(screen.getByRole('button', { name: 'Nieuwe plek' }));
    expect(screen.getByRole('region', { name: 'Nieuwe plek' })).toBeTruthy();
    expect(field('Naam (Nederlands)').value).toBe('');
    expect(field('Telefoon').value).toBe('');
  });

  it("shows the service's words when it refuses a place (400) and keeps the form open with what was typed", async () => {
    const api = coordinator().on('PUT', `/api/referrals/${bedrijfsarts.id}`, refusal(400, 'Dit verzoek klopt niet. Er is niets veranderd.'));
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Bewerken: Bedrijfsarts' }));
    await enter('Telefoon', '(030) 000');

    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByText('Er ging iets mis: Dit verzoek klopt niet. Er is niets veranderd.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Plek bewerken' })).toBeTruthy();
    expect(field('Telefoon').value).toBe('(030) 000');
    expect(api.callsTo('GET', '/api/referrals')).toHaveLength(1);
  });

  it.each([
    [
      'nl',
      'Bewerken: Bedrijfsarts',
      { phone: ['Telefoon', 'bel 030-1234', 'Gebruik alleen cijfers, spaties en + ( ) -. Dat zijn 3 tot 20 tekens.'], site: ['Website (https://)', 'javascript:alert(1)', 'Dit moet beginnen met https://.'] },
      'Niet alles is goed ingevuld. Bij elk veld dat niet klopt, staat wat er mis is. Er is niets veranderd.',
    ],
    [
      'en',
      'Edit: Occupational physician',
      { phone: ['Phone', 'call 030-1234', 'Use only digits, spaces and + ( ) -. That is 3 to 20 characters.'], site: ['Website (https://)', 'javascript:alert(1)', 'This must start with https://.'] },
      'Not everything is filled in correctly. Each field that is wrong says why. Nothing was changed.',
    ],
  ] as const)('says beside each field the service refused what is wrong with it (%s), keeps the form, and moves focus to the first', async (locale, edit, fields, notice) => {
    const api = coordinator().on(
      'PUT',
      `/api/referrals/${bedrijfsarts.id}`,
      refusal(400, 'Dit verzoek klopt niet. Er is niets veranderd.', [
        { path: 'contact.phone', reason: fields.phone[2] },
        { path: 'contact.site', reason: fields.site[2] },
      ]),
    );
    show(api, locale);
    await userEvent.click(await screen.findByRole('button', { name: edit }));
    await enter(fields.phone[0], fields.phone[1]);
    await enter(fields.site[0], fields.site[1]);

    await userEvent.click(screen.getByRole('button', { name: locale === 'nl' ? 'Opslaan' : 'Save' }));

    expect(await screen.findByText(notice)).toBeTruthy();
    for (const [label, typed, reason] of [fields.phone, fields.site]) {
      const input = field(label);
      // Next to the field, and read with it: the reason describes the input, which is marked invalid.
      expect(input.value).toBe(typed);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
      expect(describedBy).toContain(reason);
    }
    expect(document.activeElement).toBe(field(fields.phone[0]));
    // Fields the service had no problem with say nothing.
    expect(field(locale === 'nl' ? 'E-mail' : 'E-mail').getAttribute('aria-invalid')).toBeNull();
    expect(api.callsTo('GET', '/api/referrals')).toHaveLength(1);

    // Changed, the field's reason goes; the other stays until the next try.
    await enter(fields.phone[0], '030 123 45 67');
    expect(field(fields.phone[0]).getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText(fields.phone[2])).toBeNull();
    expect(screen.getByText(fields.site[2])).toBeTruthy();
  });

  it('says a reason for a field the form does not show in the notice, and "no way to reach" at the first contact field', async () => {
    const api = coordinator().on(
      'POST',
      '/api/referrals',
      refusal(400, 'Dit verzoek klopt niet. Er is niets veranderd.', [
        { path: 'contact', reason: 'Vul minstens één manier in om deze plek te bereiken.' },
        { path: '', reason: 'Dit klopt niet.' },
      ]),
    );
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Nieuwe plek' }));

    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByText('Niet alles is goed ingevuld. Bij elk veld dat niet klopt, staat wat er mis is. Er is niets veranderd. Dit klopt niet.')).toBeTruthy();
    expect(field('Telefoon').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Vul minstens één manier in om deze plek te bereiken.')).toBeTruthy();
    // Another form opened starts without the reasons of this one.
    await userEvent.click(screen.getByRole('button', { name: 'Bewerken: Bedrijfsarts' }));
    expect(field('Telefoon').getAttribute('aria-invalid')).toBeNull();
  });

  it('saves a place once for a double click, removes once for a double click, and saves a rule once', async () => {
    const saved = later();
    const removed = later();
    const rule = later();
    const api = coordinator()
      .on('PUT', `/api/referrals/${bedrijfsarts.id}`, saved.reply)
      .on('DELETE', `/api/referrals/${vertrouwenspersoon.id}`, removed.reply)
      .on('PUT', '/api/routing-rules', rule.reply);
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Bewerken: Bedrijfsarts' }));
    await userEvent.dblClick(screen.getByRole('button', { name: 'Opslaan' }));
    expect(isBusy(screen.getByRole('button', { name: 'Opslaan (bezig)' }))).toBe(true);

    await userEvent.click(screen.getByRole('button', { name: 'Verwijderen: Vertrouwenspersoon BZK' }));
    await userEvent.dblClick(screen.getByRole('button', { name: 'Ja, verwijderen: Vertrouwenspersoon BZK' }));
    expect(isBusy(screen.getByRole('button', { name: 'Ja, verwijderen: Vertrouwenspersoon BZK (bezig)' }))).toBe(true);

    expect(api.callsTo('PUT')).toHaveLength(1);
    expect(api.callsTo('DELETE')).toHaveLength(1);
    await act(async () => {
      saved.answer({ referral: bedrijfsarts });
      removed.answer({ id: vertrouwenspersoon.id });
    });
    expect(await screen.findByText('De plek is verwijderd.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Bewerken: Pesten, Elke wens' }));
    await userEvent.dblClick(screen.getByRole('button', { name: 'Opslaan' }));
    expect(isBusy(screen.getByRole('button', { name: 'Opslaan (bezig)' }))).toBe(true);
    await act(async () => rule.answer({ rule: pesten }));
    expect(await screen.findByText(SAVED)).toBeTruthy();
    expect(api.callsTo('PUT')).toHaveLength(2);
    expect(api.callsTo('DELETE')).toHaveLength(1);
  });

  it('closes the form on cancel without calling the service', async () => {
    const api = coordinator();
    show(api, 'en');
    await userEvent.click(await screen.findByRole('button', { name: 'New place' }));
    await enter('Name (Nederlands)', 'Iets');

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('region', { name: 'New place' })).toBeNull();
    expect(api.calls.map((c) => c.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('removes a place only on a second click, with DELETE /api/referrals/<id>, and says so once the list shows it', async () => {
    const api = coordinator()
      .on('GET', '/api/referrals', placesThen({ referrals: [vertrouwenspersoon] }))
      .on('DELETE', `/api/referrals/${bedrijfsarts.id}`, { id: bedrijfsarts.id });
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Verwijderen: Bedrijfsarts' }));

    expect(api.callsTo('DELETE')).toEqual([]);
    const sure = screen.getByRole('button', { name: 'Ja, verwijderen: Bedrijfsarts' });
    expect(sure.textContent).toBe('Ja, verwijderen');
    // The same button, changed: a keyboard user keeps their place.
    expect(document.activeElement).toBe(sure);
    // Only that row asks; the other still offers its first click.
    expect(screen.getByRole('button', { name: 'Verwijderen: Vertrouwenspersoon BZK' })).toBeTruthy();
    await userEvent.click(sure);

    expect(await screen.findByText('De plek is verwijderd.')).toBeTruthy();
    expect(api.callsTo('DELETE')).toEqual([{ method: 'DELETE', path: `/api/referrals/${bedrijfsarts.id}` }]);
    expect(screen.queryByRole('cell', { name: 'Bedrijfsarts' })).toBeNull();
  });

  it.each([
    // In order, the empty one dropped.
    [['Bedrijfsarts', '(geen)', 'Mediation'], ['bedrijfsarts', 'mediation']],
    // Each place once, where it first comes.
    [['Mediation', 'HR-adviseur', 'Mediation'], ['mediation', 'hr-adviseur']],
  ])('edits a routing rule with PUT /api/routing-rules: %j names %j', async (places, roles) => {
    const api = coordinator()
      .on('GET', '/api/routing-rules', (_c: unknown, nth: number) => ({ rules: nth === 1 ? [pesten, integriteit] : [{ ...pesten, roles, urgency: 'snel' }, integriteit] }))
      .on('PUT', '/api/routing-rules', (c: { body?: unknown }) => ({ rule: c.body }));
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Bewerken: Pesten, Elke wens' }));
    expect(screen.getByRole('region', { name: 'Routering bewerken: Pesten, Elke wens' })).toBeTruthy();
    expect([chosen('Plek 1'), chosen('Plek 2'), chosen('Plek 3'), chosen('Urgentie')]).toEqual(['Vertrouwenspersoon ongewenste omgangsvormen', 'HR-adviseur', '(geen)', 'Normaal']);
    for (const [i, place] of places.entries()) await choose(`Plek ${i + 1}`, place);
    await choose('Urgentie', 'Snel');
    await userEvent.click(screen.getByRole('button', { name: 'Opslaan' }));

    expect(await screen.findByText(SAVED)).toBeTruthy();
    expect(api.callsTo('PUT')).toEqual([{ method: 'PUT', path: '/api/routing-rules', body: { category: 'pesten', wish: '*', roles, urgency: 'snel' } }]);
    expect(screen.queryByRole('region', { name: /^Routering bewerken/ })).toBeNull();
    expect(cellsOf(screen.getByRole('table', { name: 'Routering: welke plekken de bot noemt' }))[0]![3]).toBe('Snel');
  });

  it('edits the rule last chosen: opening another rule while one is open starts from that rule', async () => {
    const api = coordinator().on('PUT', '/api/routing-rules', (c: { body?: unknown }) => ({ rule: c.body }));
    show(api, 'en');
    await userEvent.click(await screen.findByRole('button', { name: 'Edit: Bullying, Any wish' }));
    await choose('Place 3', 'Mediation');

    await userEvent.click(screen.getByRole('button', { name: 'Edit: Integrity, Formal report' }));

    expect(screen.getByRole('region', { name: 'Edit routing: Integrity, Formal report' })).toBeTruthy();
    expect([chosen('Place 1'), chosen('Place 2'), chosen('Place 3'), chosen('Urgency')]).toEqual(['Integrity desk', 'Reporting point for wrongdoing', 'Whistleblowers Authority', 'Soon']);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.callsTo('PUT')).toEqual([{ method: 'PUT', path: '/api/routing-rules', body: integriteit }]));
  });

  it.each([
    ['nl', 'Alleen de coördinator beheert de sociale kaart.'],
    ['en', 'Only the coordinator maintains the support map.'],
  ] as const)('tells someone who is not the coordinator so (%s)', async (locale, text) => {
    show(new FakeApi().on('GET', '/api/referrals', { referrals: [vertrouwenspersoon] }).on('GET', '/api/routing-rules', refusal(403, 'Geen toegang.')), locale);

    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows any other failure with its message', async () => {
    show(coordinator().on('GET', '/api/routing-rules', refusal(500, 'Database niet bereikbaar')));

    expect(await screen.findByText('Er ging iets mis: Database niet bereikbaar')).toBeTruthy();
  });
});
