import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignalsPage } from '../../tab/src/SignalsPage';
import type { DeskSignal } from '../../bot/src/shared/api/desk';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, later, refusal } from './fake-api';
import { inLocale, isBusy, renderInTheme } from './render';

const ANONYMOUS = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';
const NAMED = '7c6b5a49-3827-4165-9a4b-3c2d1e0f9a8b';
const UNREACHABLE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

/** The inbox as GET /api/signals sends it (bot/src/features/desk/signal-desk.ts): never a reply route. */
const signal = (over: Partial<DeskSignal>): DeskSignal => ({
  id: ANONYMOUS,
  reference: 'SV-7K2Q-HN3P',
  organisation: 'jenv',
  inboxRole: 'vertrouwenspersoon-ongewenst-gedrag',
  category: 'pesten',
  wish: 'advies',
  anonymity: 'anoniem',
  urgency: 'snel',
  status: 'nieuw',
  receivedOn: '2030-03-01',
  reporterAadObjectId: null,
  canAnswer: true,
  reporterTold: true,
  unreadReplies: 0,
  closedOn: null,
  clock: null,
  outcome: null,
  ...over,
});
const inbox = [
  // The reference is the case code the reporter got; the third came in before codes were kept, so its short reference.
  signal({}),
  signal({ id: NAMED, reference: 'SV-M4RX-8CWD', category: 'discriminatie', wish: 'gesprek', anonymity: 'vertrouwelijk', reporterAadObjectId: 'aad-0042', urgency: 'normaal', status: 'in-behandeling' }),
  signal({ id: UNREACHABLE, reference: 'A1B2C3D4', category: 'integriteit', wish: 'alleen-laten-weten', anonymity: 'volledig-anoniem', canAnswer: false, reporterTold: false, urgency: 'direct' }),
];
/** GET /api/signals/:id: the signal with its opened description and messages (createdAt as JSON sends a Date). */
const opened = (s: DeskSignal, messages: Array<{ author: 'reporter' | 'handler'; text: string }> = [], reporterName: string | null = null) => ({
  signal: {
    ...s,
    description: 'Mijn collega maakt steeds grappen over mij in het teamoverleg.',
    reporterName,
    messages: messages.map((m) => ({ ...m, createdAt: '2030-03-01T10:00:00.000Z' })),
    handoverTo: ['integriteitsloket', 'vertrouwenspersoon-integriteit'],
    handovers: [],
  },
});

const show = (api: FakeApi, locale: TabLocale = 'nl', styles?: 'applied') =>
  renderInTheme(<SignalsPage api={api} t={inLocale(locale).t} locale={locale} />, styles);
const rowOf = (reference: string) => screen.getByRole('cell', { name: reference }).closest('tr') as HTMLElement;
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
const desk = () => new FakeApi().on('GET', '/api/signals', { signals: inbox, closed: [] }).on('GET', `/api/signals/${ANONYMOUS}`, opened(inbox[0]!, [{ author: 'reporter', text: 'Is er al nieuws?' }]));

describe('SignalsPage', () => {
  it('lists the inbox, naming a reporter only for a confidential signal (nl)', async () => {
    show(desk());

    const table = await screen.findByRole('table', { name: 'Signalen voor jou' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Code', 'Antwoord van melder', 'Termijn', 'Onderwerp', 'Wens', 'Melder', 'Urgentie', 'Status', 'Ontvangen', 'Openen']);
    expect(screen.getByText('Elke keer dat je een signaal opent, wordt vastgelegd wie en wanneer.')).toBeTruthy();
    // Anonymous: the case code alone says which one it is, the same code the reporter holds.
    expect(cellsOf(rowOf('SV-7K2Q-HN3P'))).toEqual(['SV-7K2Q-HN3P', '–', '–', 'Pesten', 'Advies', 'Anoniem', 'Snel', 'Nieuw', 'vr 1 mrt 2030', 'Openen']);
    expect(cellsOf(rowOf('SV-M4RX-8CWD'))).toEqual(['SV-M4RX-8CWD', '–', '–', 'Discriminatie, ook leeftijd', 'Een gesprek', 'Vertrouwelijk, met naam', 'Normaal', 'In behandeling', 'vr 1 mrt 2030', 'Openen']);
    expect(cellsOf(rowOf('A1B2C3D4'))).toEqual(['A1B2C3D4', '–', '–', 'Integriteit', 'Alleen laten weten', 'Volledig anoniem (geen antwoord mogelijk)', 'Direct', 'Nieuw', 'vr 1 mrt 2030', 'Openen']);
    expect(screen.getByRole('button', { name: 'Openen: SV-7K2Q-HN3P' })).toBeTruthy();
  });

  it('lists the inbox in English', async () => {
    show(desk(), 'en');

    const table = await screen.findByRole('table', { name: 'Signals for you' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Code', 'Reply from reporter', 'Deadline', 'Topic', 'Wish', 'Reporter', 'Urgency', 'Status', 'Received', 'Open']);
    expect(cellsOf(rowOf('SV-7K2Q-HN3P'))).toEqual(['SV-7K2Q-HN3P', '–', '–', 'Bullying', 'Advice', 'Anonymous', 'Soon', 'New', 'Fri 1 Mar 2030', 'Open']);
    expect(cellsOf(rowOf('SV-M4RX-8CWD'))[5]).toBe('Confidential, with name');
    expect(screen.getByRole('button', { name: 'Open: A1B2C3D4' })).toBeTruthy();
  });

  it('opens a signal with GET /api/signals/<id>: its reference, topic, description and messages', async () => {
    const api = desk();
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));

    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    expect(api.callsTo('GET', `/api/signals/${ANONYMOUS}`)).toHaveLength(1);
    expect(section.textContent).toContain('Toelichting: Mijn collega maakt steeds grappen over mij in het teamoverleg.');
    expect(within(section).getByRole('listitem').textContent).toBe('Melder: Is er al nieuws?');
    // Nothing in it points at the person: no name, no id.
    expect(section.textContent).not.toMatch(/aad-|Vertrouwelijk/);
  });

  it('names the reporter of a confidential signal once it is opened, not in the list', async () => {
    const api = desk().on('GET', `/api/signals/${NAMED}`, opened(inbox[1]!, [], 'Fatima de Vries'));
    show(api);

    expect(screen.queryByText(/Fatima de Vries/)).toBeNull();
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-M4RX-8CWD' }));

    const section = await screen.findByRole('region', { name: 'SV-M4RX-8CWD: Discriminatie, ook leeftijd' });
    expect(section.textContent).toContain('Naam van de melder: Fatima de Vries');
  });

  it('shows the Entra id of a confidential reporter whose name was not kept (signals from before names were kept)', async () => {
    show(desk().on('GET', `/api/signals/${NAMED}`, opened(inbox[1]!)));
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-M4RX-8CWD' }));
    const section = await screen.findByRole('region', { name: 'SV-M4RX-8CWD: Discriminatie, ook leeftijd' });
    expect(section.textContent).toContain('Melder (Entra-id): aad-0042');
  });

  it('"Laten lezen": says the reporter asked not to be contacted, offers no answer box, and closing tells nobody', async () => {
    const readOnly = signal({ wish: 'laten-lezen', canAnswer: false, reporterTold: false });
    const api = new FakeApi()
      .on('GET', '/api/signals', (_c: unknown, nth: number) => (nth === 1 ? { signals: [readOnly], closed: [] } : { signals: [], closed: [{ ...readOnly, status: 'gesloten', closedOn: '2030-03-04' }] }))
      .on('GET', `/api/signals/${ANONYMOUS}`, opened(readOnly))
      .on('POST', `/api/signals/${ANONYMOUS}/status`, { status: 'gesloten' });
    show(api);

    expect(cellsOf(await waitFor(() => rowOf('SV-7K2Q-HN3P')))[4]).toBe('Laten lezen');
    await userEvent.click(screen.getByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    expect(section.textContent).toContain('De melder wil dat je dit leest, maar dat niemand contact opneemt.');
    expect(within(section).queryByRole('textbox')).toBeNull();

    await userEvent.click(within(section).getByRole('button', { name: 'Sluiten' }));
    within(section).getByRole('group', { name: 'Wil je dit signaal sluiten? De melder krijgt hier geen bericht over. Je kunt het later weer openen.' });
    await userEvent.selectOptions(within(section).getByRole('combobox', { name: /Hoe is het afgelopen\?/ }), 'Geen contact meer');
    await userEvent.click(within(section).getByRole('button', { name: 'Signaal sluiten' }));
    expect(await screen.findByText('Het signaal is gesloten.')).toBeTruthy();
    expect(screen.queryByText(/De melder krijgt daarover een bericht/)).toBeNull();
  });

  it('at the sociaal loket: says the loket sees the topic and not the text, shows no text, name or messages, and offers only passing it on', async () => {
    const atLoket = signal({ inboxRole: 'sociaal-loket', wish: 'gesprek', anonymity: 'vertrouwelijk', canAnswer: false });
    const api = new FakeApi()
      .on('GET', '/api/signals', { signals: [atLoket], closed: [] })
      // What the service sends for the loket: nothing sealed (signal-desk.ts).
      .on('GET', `/api/signals/${ANONYMOUS}`, { signal: { ...atLoket, description: null, reporterName: null, messages: [], handoverTo: ['vertrouwenspersoon-ongewenst-gedrag'], handovers: [] } });
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    expect(section.textContent).toContain(inLocale('nl').t.signals.atLoket);
    expect(section.textContent).not.toContain(inLocale('nl').t.signals.description);
    expect(within(section).queryByRole('textbox')).toBeNull();
    expect(within(section).queryByRole('button', { name: 'Sluiten' })).toBeNull();
    expect(within(section).queryByRole('button', { name: 'In behandeling nemen' })).toBeNull();
    expect(within(section).getByRole('button', { name: inLocale('nl').t.signals.handOver })).toBeTruthy();
  });

  it('refers a signal to a Rijk-wide place after saying what happens: nothing is sent there, it closes here', async () => {
    const api = desk().on('POST', `/api/signals/${ANONYMOUS}/refer`, { outcome: 'referred' });
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    await userEvent.click(within(section).getByRole('button', { name: 'Verwijzen naar een plek buiten je organisatie' }));
    const group = within(section).getByRole('group', { name: inLocale('nl').t.signals.referExplain });
    // Without a place: said at the field, nothing sent.
    await userEvent.click(within(group).getByRole('button', { name: 'Verwijzen en sluiten' }));
    expect(within(group).getByText(inLocale('nl').t.signals.handOverRequired)).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([]);
    await userEvent.selectOptions(within(group).getByRole('combobox', { name: /Welke plek past beter\?/ }), 'Huis voor Klokkenluiders');
    await userEvent.click(within(group).getByRole('button', { name: 'Verwijzen en sluiten' }));
    expect(await screen.findByText('Het signaal is gesloten, verwezen naar Huis voor Klokkenluiders. De melder krijgt de plek en hoe die te bereiken is.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${ANONYMOUS}/refer`, body: { to: 'huis-voor-klokkenluiders' } }]);
  });

  it('says so when a signal has no description', async () => {
    const api = desk().on('GET', `/api/signals/${UNREACHABLE}`, { signal: { ...inbox[2]!, description: null, messages: [], handoverTo: [], handovers: [] } });
    show(api, 'en');

    await userEvent.click(await screen.findByRole('button', { name: 'Open: A1B2C3D4' }));

    const section = await screen.findByRole('region', { name: 'A1B2C3D4: Integrity' });
    expect(section.textContent).toContain('Description: No description.');
    // Fully anonymous: there is no way to answer, so no answer box.
    expect(within(section).queryByRole('textbox')).toBeNull();
    expect(within(section).queryByRole('button', { name: 'Send answer' })).toBeNull();
  });

  it.each([
    ['queued', 'Je antwoord staat klaar en gaat via de bot naar de melder.'],
    ['stored-no-route', 'Je antwoord is bewaard; de melder leest het met de code.'],
  ])('answers: POSTs the text, says where it went (%s), and opens the signal and the list again (its status and term change)', async (outcome, said) => {
    const api = desk().on('POST', `/api/signals/${ANONYMOUS}/answer`, { outcome });
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });

    const box = within(section).getByRole('textbox', { name: 'Antwoord aan de melder (komt via de bot)' });
    await userEvent.type(box, 'Dank je. Zullen we donderdag bellen?');
    await userEvent.click(within(section).getByRole('button', { name: 'Verstuur antwoord' }));

    expect(await screen.findByText(said)).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${ANONYMOUS}/answer`, body: { text: 'Dank je. Zullen we donderdag bellen?' } }]);
    expect((box as HTMLTextAreaElement).value).toBe('');
    await waitFor(() => expect(api.callsTo('GET', `/api/signals/${ANONYMOUS}`)).toHaveLength(2));
    await waitFor(() => expect(api.callsTo('GET', '/api/signals')).toHaveLength(2));
  });

  it('sends an answer once for a double click, busy until the signal shows it', async () => {
    const sent = later();
    const reopened = later();
    const api = desk()
      .on('GET', `/api/signals/${ANONYMOUS}`, (_c: unknown, nth: number) => (nth === 1 ? opened(inbox[0]!) : reopened.reply))
      .on('POST', `/api/signals/${ANONYMOUS}/answer`, sent.reply);
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    await userEvent.type(await screen.findByRole('textbox', { name: 'Antwoord aan de melder (komt via de bot)' }), 'Zullen we bellen?');

    await userEvent.dblClick(screen.getByRole('button', { name: 'Verstuur antwoord' }));

    expect(isBusy(screen.getByRole('button', { name: 'Verstuur antwoord (bezig)' }))).toBe(true);
    await act(async () => sent.answer({ outcome: 'queued' }));
    expect(isBusy(screen.getByRole('button', { name: 'Verstuur antwoord (bezig)' }))).toBe(true);
    await act(async () => reopened.answer(opened(inbox[0]!, [{ author: 'handler', text: 'Zullen we bellen?' }])));

    expect(await screen.findByText('Je antwoord staat klaar en gaat via de bot naar de melder.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Verstuur antwoord (bezig)' })).toBeNull());
    expect(api.callsTo('POST')).toHaveLength(1);
  });

  it('opens a signal once for a double click (each opening is recorded), and changes its status once', async () => {
    const shown = later();
    const status = later();
    const api = desk()
      .on('GET', `/api/signals/${ANONYMOUS}`, (_c: unknown, nth: number) => (nth === 1 ? shown.reply : opened(inbox[0]!)))
      .on('POST', `/api/signals/${ANONYMOUS}/status`, status.reply);
    show(api, 'en');

    await userEvent.dblClick(await screen.findByRole('button', { name: 'Open: SV-7K2Q-HN3P' }));
    expect(isBusy(screen.getByRole('button', { name: 'Open: SV-7K2Q-HN3P (busy)' }))).toBe(true);
    expect(api.callsTo('GET', `/api/signals/${ANONYMOUS}`)).toHaveLength(1);
    await act(async () => shown.answer(opened(inbox[0]!)));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Bullying' });

    await userEvent.dblClick(within(section).getByRole('button', { name: 'Take on' }));
    expect(isBusy(within(section).getByRole('button', { name: 'Take on (busy)' }))).toBe(true);
    // Closing while taking on is on its way would send a second change.
    expect(within(section).getByRole('button', { name: 'Close' }).getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(within(section).getByRole('button', { name: 'Close' }));
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${ANONYMOUS}/status`, body: { status: 'in-behandeling' } }]);
    await act(async () => status.answer({ status: 'in-behandeling' }));
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Take on' }).getAttribute('aria-disabled')).toBeNull());
    expect(api.callsTo('POST')).toHaveLength(1);
  });

  it('wraps a long unbroken string someone typed (a URL) instead of widening the page', async () => {
    const url = `https://example.org/${'a'.repeat(2000)}`;
    const api = desk().on('GET', `/api/signals/${ANONYMOUS}`, { signal: { ...opened(inbox[0]!, [{ author: 'reporter', text: url }]).signal, description: url } });
    show(api, 'nl', 'applied');

    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));

    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    // jsdom lays nothing out: what it can tell is that the text may break anywhere (the Chromium test measures it).
    const description = within(section).getByText(url, { selector: 'p', exact: false });
    const message = within(section).getByRole('listitem');
    expect([getComputedStyle(description).overflowWrap, getComputedStyle(message).overflowWrap]).toEqual(['break-word', 'break-word']);
  });

  it('keeps a draft for the signal it was typed for: opening another one empties the box', async () => {
    const api = desk()
      .on('GET', `/api/signals/${ANONYMOUS}`, (_c: unknown, nth: number) => opened(inbox[0]!, nth === 1 ? [] : [{ author: 'reporter', text: 'Nog iets.' }]))
      .on('GET', `/api/signals/${NAMED}`, opened(inbox[1]!))
      .on('POST', `/api/signals/${NAMED}/answer`, { outcome: 'queued' });
    show(api);
    const box = () => screen.getByRole('textbox', { name: 'Antwoord aan de melder (komt via de bot)' }) as HTMLTextAreaElement;
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    await userEvent.type(box(), 'Alleen voor SV-7K2Q-HN3P');
    // Opening the same signal again (as the page does after an answer) leaves the draft alone.
    await userEvent.click(screen.getByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    expect(await screen.findByText('Nog iets.')).toBeTruthy();
    expect(box().value).toBe('Alleen voor SV-7K2Q-HN3P');

    await userEvent.click(screen.getByRole('button', { name: 'Openen: SV-M4RX-8CWD' }));

    await screen.findByRole('region', { name: 'SV-M4RX-8CWD: Discriminatie, ook leeftijd' });
    expect(box().value).toBe('');
    const send = screen.getByRole('button', { name: 'Verstuur antwoord' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await userEvent.type(box(), 'Voor SV-M4RX-8CWD');
    await userEvent.click(send);
    await waitFor(() => expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${NAMED}/answer`, body: { text: 'Voor SV-M4RX-8CWD' } }]));
  });

  it('refuses an empty or blank answer without calling the service', async () => {
    const api = desk();
    show(api, 'en');
    await userEvent.click(await screen.findByRole('button', { name: 'Open: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Bullying' });
    const send = within(section).getByRole('button', { name: 'Send answer' }) as HTMLButtonElement;

    expect(send.disabled).toBe(true);
    await userEvent.type(within(section).getByRole('textbox', { name: 'Answer to the reporter (sent through the bot)' }), '   ');
    expect(send.disabled).toBe(true);
    await userEvent.click(send);

    expect(api.callsTo('POST')).toEqual([]);
  });

  it("shows the service's words when an answer is refused", async () => {
    const api = desk().on('POST', `/api/signals/${ANONYMOUS}/answer`, refusal(409, 'Dit signaal is gesloten.'));
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    await userEvent.type(await screen.findByRole('textbox', { name: 'Antwoord aan de melder (komt via de bot)' }), 'Hallo');
    await userEvent.click(screen.getByRole('button', { name: 'Verstuur antwoord' }));

    expect(await screen.findByText('Er ging iets mis: Dit signaal is gesloten.')).toBeTruthy();
  });

  it('takes a signal on: POSTs the status, opens it again and reloads the inbox', async () => {
    const api = desk().on('POST', `/api/signals/${ANONYMOUS}/status`, { status: 'in-behandeling' });
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));

    await userEvent.click(await screen.findByRole('button', { name: 'In behandeling nemen' }));

    await waitFor(() => expect(api.callsTo('GET', '/api/signals')).toHaveLength(2));
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${ANONYMOUS}/status`, body: { status: 'in-behandeling' } }]);
    await waitFor(() => expect(api.callsTo('GET', `/api/signals/${ANONYMOUS}`)).toHaveLength(2));
    expect(screen.getByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' })).toBeTruthy();
  });

  it('offers to take a signal on only while nobody handles it yet (en)', async () => {
    show(desk().on('GET', `/api/signals/${NAMED}`, opened(inbox[1]!)), 'en');
    await userEvent.click(await screen.findByRole('button', { name: 'Open: SV-7K2Q-HN3P' }));
    expect(await screen.findByRole('button', { name: 'Take on' })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Open: SV-M4RX-8CWD' }));

    const section = await screen.findByRole('region', { name: 'SV-M4RX-8CWD: Discrimination, including age' });
    expect(within(section).queryByRole('button', { name: 'Take on' })).toBeNull();
    expect(within(section).getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('closes a signal only after asking: POSTs the status, puts it away, says the reporter is told, and lists it as closed (en)', async () => {
    const closedOne = signal({ status: 'gesloten', closedOn: '2030-03-04', outcome: 'advies-gegeven' });
    const api = desk()
      .on('GET', '/api/signals', (_c: unknown, nth: number) => (nth === 1 ? { signals: inbox, closed: [] } : { signals: inbox.slice(1), closed: [closedOne] }))
      .on('POST', `/api/signals/${ANONYMOUS}/status`, { status: 'gesloten' });
    show(api, 'en');
    await userEvent.click(await screen.findByRole('button', { name: 'Open: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Bullying' });

    // First it asks; "Back" sends nothing.
    await userEvent.click(within(section).getByRole('button', { name: 'Close' }));
    const confirm = within(section).getByRole('group', { name: /^Do you want to close this signal\? The reporter gets a message/ });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Back' }));
    expect(api.callsTo('POST')).toEqual([]);
    await userEvent.click(within(section).getByRole('button', { name: 'Close' }));
    // It asks how it ended: without an answer, nothing is sent and the field says why.
    await userEvent.click(within(section).getByRole('button', { name: 'Close signal' }));
    expect(await within(section).findByText('Choose how it ended. It counts in the figures, without names.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([]);
    await userEvent.selectOptions(within(section).getByRole('combobox', { name: /How did it end\?/ }), 'Advice given');
    await userEvent.click(within(section).getByRole('button', { name: 'Close signal' }));

    expect(await screen.findByText('The signal is closed. The reporter gets a message about it.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${ANONYMOUS}/status`, body: { status: 'gesloten', outcome: 'advies-gegeven' } }]);
    expect(screen.queryByRole('region', { name: 'SV-7K2Q-HN3P: Bullying' })).toBeNull();
    const open = screen.getByRole('table', { name: 'Signals for you' });
    await waitFor(() => expect(within(open).queryByRole('cell', { name: 'SV-7K2Q-HN3P' })).toBeNull());
    const closed = screen.getByRole('table', { name: 'Closed signals' });
    expect(cellsOf(within(closed).getByRole('cell', { name: 'SV-7K2Q-HN3P' }).closest('tr') as HTMLElement)).toEqual(['SV-7K2Q-HN3P', 'Bullying', 'Fri 1 Mar 2030', 'Mon 4 Mar 2030', 'Advice given', 'Open again']);
    expect(api.callsTo('GET', '/api/signals')).toHaveLength(2);
  });

  it('opens a closed signal again, once for a double click, and says the reporter is told', async () => {
    const closedOne = signal({ status: 'gesloten', closedOn: '2030-03-04' });
    const status = later();
    const api = new FakeApi()
      .on('GET', '/api/signals', (_c: unknown, nth: number) => (nth === 1 ? { signals: inbox.slice(1), closed: [closedOne] } : { signals: inbox, closed: [] }))
      .on('POST', `/api/signals/${ANONYMOUS}/status`, status.reply);
    show(api);

    await userEvent.dblClick(await screen.findByRole('button', { name: 'Weer openen: SV-7K2Q-HN3P' }));
    expect(isBusy(screen.getByRole('button', { name: 'Weer openen: SV-7K2Q-HN3P (bezig)' }))).toBe(true);
    await act(async () => status.answer({ status: 'in-behandeling' }));

    expect(await screen.findByText('Het signaal staat weer open. De melder krijgt daarover een bericht.')).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${ANONYMOUS}/status`, body: { status: 'in-behandeling' } }]);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Signalen voor jou' })).getByRole('cell', { name: 'SV-7K2Q-HN3P' })).toBeTruthy());
    expect(screen.getByText('Er zijn geen gesloten signalen.')).toBeTruthy();
  });

  it('marks signals with a reply not yet read, in words, first in the list and in the title; opening one reads it', async () => {
    document.title = 'Sociaal Veilig';
    const withReplies = [signal({ id: NAMED, reference: 'SV-M4RX-8CWD', unreadReplies: 2 }), signal({ unreadReplies: 1 }), inbox[2]!];
    const api = new FakeApi().on('GET', '/api/signals', { signals: withReplies, closed: [] }).on('GET', `/api/signals/${ANONYMOUS}`, opened(inbox[0]!, [{ author: 'reporter', text: 'Is er al nieuws?' }]));
    show(api);

    const table = await screen.findByRole('table', { name: 'Signalen voor jou' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => cellsOf(r).slice(0, 2));
    expect(rows).toEqual([
      ['SV-M4RX-8CWD', '2 nieuwe antwoorden'],
      ['SV-7K2Q-HN3P', '1 nieuw antwoord'],
      ['A1B2C3D4', '–'],
    ]);
    expect(screen.getByRole('status').textContent).toBe('2 signalen hebben een nieuw antwoord van de melder.');
    expect(document.title).toBe('(2) Sociaal Veilig');

    await userEvent.click(screen.getByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    expect(cellsOf(rowOf('SV-7K2Q-HN3P'))[1]).toBe('–');
    expect(screen.getByRole('status').textContent).toBe('1 signaal heeft een nieuw antwoord van de melder.');
    expect(document.title).toBe('(1) Sociaal Veilig');
  });

  it('shows the term that runs for each signal, saying in words (not by colour alone) which is overdue or due soon, and counts the overdue', async () => {
    const withClocks = [
      signal({ clock: { kind: 'eerste-reactie', dueOn: '2030-03-08', state: 'op-tijd' } }),
      signal({ id: NAMED, reference: 'SV-M4RX-8CWD', category: 'misstand', clock: { kind: 'bevestigen', dueOn: '2030-03-08', state: 'te-laat' } }),
      signal({ id: UNREACHABLE, reference: 'A1B2C3D4', category: 'integriteit', clock: { kind: 'afhandelen', dueOn: '2030-05-24', state: 'bijna' } }),
    ];
    show(new FakeApi().on('GET', '/api/signals', { signals: withClocks, closed: [] }));

    await screen.findByRole('table', { name: 'Signalen voor jou' });
    expect(cellsOf(rowOf('SV-7K2Q-HN3P'))[2]).toBe('Eerste reactie uiterlijk vr 8 mrt 2030');
    expect(cellsOf(rowOf('SV-M4RX-8CWD'))[2]).toBe('Ontvangst bevestigen uiterlijk vr 8 mrt 2030 Te laat');
    expect(cellsOf(rowOf('A1B2C3D4'))[2]).toBe('Afhandelen uiterlijk vr 24 mei 2030 Bijna verlopen');
    expect(within(rowOf('SV-M4RX-8CWD')).getByText('Te laat').tagName).toBe('STRONG');
    expect(screen.getByRole('status').textContent).toBe('Bij 1 signaal is de termijn voorbij.');
    expect(screen.getByText(/Wet bescherming klokkenluiders: bevestig de ontvangst binnen 7 dagen/)).toBeTruthy();
  });

  it('shows the terms in English too', async () => {
    const withClocks = [signal({ clock: { kind: 'terugkoppelen', dueOn: '2030-06-01', state: 'te-laat' } }), signal({ id: NAMED, reference: 'SV-M4RX-8CWD', clock: { kind: 'afhandelen', dueOn: '2030-06-01', state: 'te-laat' } })];
    show(new FakeApi().on('GET', '/api/signals', { signals: withClocks, closed: [] }), 'en');

    await screen.findByRole('table', { name: 'Signals for you' });
    expect(cellsOf(rowOf('SV-7K2Q-HN3P'))[2]).toBe('Give feedback by Sat 1 Jun 2030 Overdue');
    expect(screen.getByRole('status').textContent).toBe('2 signals are past their deadline.');
  });

  it('passes a signal on to another desk: asks where and why, sends nothing without both, then puts it away and says the reporter is told', async () => {
    const status = later();
    const api = desk()
      .on('GET', '/api/signals', (_c: unknown, nth: number) => (nth === 1 ? { signals: inbox, closed: [] } : { signals: inbox.slice(1), closed: [] }))
      .on('POST', `/api/signals/${ANONYMOUS}/handover`, status.reply);
    show(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });

    await userEvent.click(within(section).getByRole('button', { name: 'Doorzetten' }));
    const form = within(section).getByRole('group', { name: /^De plek die je kiest, ziet het signaal\. Jij niet meer\./ });
    await userEvent.click(within(form).getByRole('button', { name: 'Doorzetten naar deze plek' }));
    expect(within(form).getAllByText('Kies een plek en een reden.')).toHaveLength(2);
    expect(api.callsTo('POST')).toEqual([]);

    await userEvent.selectOptions(within(form).getByRole('combobox', { name: /Naar welke plek\?/ }), 'Integriteitsloket');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: /Waarom\?/ }), 'Het gaat over integriteit');
    await userEvent.dblClick(within(form).getByRole('button', { name: 'Doorzetten naar deze plek' }));
    await act(async () => status.answer({ outcome: 'handed-over' }));
    expect(await screen.findByText(/^Het signaal is doorgezet naar .*Integriteitsloket.*\. De melder krijgt daarover een bericht\.$/)).toBeTruthy();
    expect(api.callsTo('POST')).toEqual([{ method: 'POST', path: `/api/signals/${ANONYMOUS}/handover`, body: { to: 'integriteitsloket', reason: 'integriteit' } }]);
    expect(screen.queryByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' })).toBeNull();
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Signalen voor jou' })).queryByRole('cell', { name: 'SV-7K2Q-HN3P' })).toBeNull());
  });

  it('shows where a signal came from and why, and offers no passing on where no other desk is staffed', async () => {
    const moved = { ...opened(inbox[0]!), signal: { ...opened(inbox[0]!).signal, handoverTo: [], handovers: [{ from: 'vertrouwenspersoon-integriteit', to: 'vertrouwenspersoon-ongewenst-gedrag', reason: 'ander-onderwerp', on: '2030-03-02' }] } };
    show(desk().on('GET', `/api/signals/${ANONYMOUS}`, moved));
    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-7K2Q-HN3P' }));
    const section = await screen.findByRole('region', { name: 'SV-7K2Q-HN3P: Pesten' });
    expect(section.textContent).toMatch(/Doorgezet op za 2 mrt 2030 van .+ naar .+\. Reden: Een andere plek past beter bij dit signaal\./);
    expect(within(section).queryByRole('button', { name: 'Doorzetten' })).toBeNull();
  });

  it('says when a signal cannot be opened', async () => {
    const api = desk().on('GET', `/api/signals/${NAMED}`, refusal(403, 'Dit signaal is niet voor jou.'));
    show(api);

    await userEvent.click(await screen.findByRole('button', { name: 'Openen: SV-M4RX-8CWD' }));

    expect(await screen.findByText('Er ging iets mis: Dit signaal is niet voor jou.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /^SV-M4RX-8CWD/ })).toBeNull();
  });

  it('says when nothing waits', async () => {
    show(new FakeApi().on('GET', '/api/signals', { signals: [], closed: [] }));

    expect(await screen.findByText('Er staan geen signalen voor je open.')).toBeTruthy();
    expect(screen.getByText('Er zijn geen gesloten signalen.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it.each([
    ['nl', 'Je behandelt geen signalen. Neem contact op met de coördinator als dat niet klopt.'],
    ['en', 'You do not handle signals. Contact the coordinator if that is wrong.'],
  ] as const)('tells someone who is no counsellor so (%s)', async (locale, text) => {
    show(new FakeApi().on('GET', '/api/signals', refusal(403, 'Geen toegang.')), locale);

    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
