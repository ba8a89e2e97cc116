import { act, fireEvent, screen, within } from '@testing-library/react';
import { tableOf } from '../../bot/src/features/insights/suppression';
import { HIDDEN } from '../../bot/src/shared/api/insights';
import type { NetworkFigures, YearReport } from '../../bot/src/shared/api/network';
import { CATEGORIES, OUTCOMES } from '../../bot/src/shared/signal-vocabulary';
import { NetworkPage } from '../../tab/src/NetworkPage';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, refusal } from './fake-api';
import { cellsOf, headersOf, inLocale, renderInTheme } from './render';

const QUARTERS = ['2029-Q4', '2030-Q1', '2030-Q2', '2030-Q3'];
const counts: Record<string, Array<number | typeof HIDDEN>> = { pesten: [12, 9, 0, 14], discriminatie: [HIDDEN, HIDDEN, 0, 6], 'werkdruk-spanning': [5, HIDDEN, 7, 8] };

/** GET /api/network/figures as the service sends it (bot/src/features/insights/network-figures.ts). */
const figures = (scope = 'financien'): NetworkFigures => ({
  scopes: ['belastingdienst', 'financien'],
  scope,
  organisations: scope === 'financien' ? ['belastingdienst', 'financien'] : [scope],
  quarters: QUARTERS,
  categories: tableOf([...CATEGORIES], QUARTERS, CATEGORIES.map((c) => counts[c] ?? [0, 0, 0, 0])),
  breakdowns: [
    { dimension: 'wish', values: ['alleen-laten-weten', 'laten-lezen', 'advies', 'gesprek', 'formeel-melden'], cells: [[HIDDEN, 5, 6, 0], [HIDDEN, 0, 0, 0], [HIDDEN, 12, 10, 20], [HIDDEN, 10, 8, 8], [HIDDEN, 0, 0, 0]] },
    { dimension: 'anonymity', values: ['vertrouwelijk', 'anoniem', 'volledig-anoniem'], cells: [[HIDDEN, 7, 6, 8], [HIDDEN, 20, 18, 20], [HIDDEN, 0, 0, 0]] },
    { dimension: 'relation', values: ['leidinggevende', 'collega', 'ondergeschikte', 'burger-of-klant', 'extern'], cells: Array(5).fill([0, 0, 0, 0]) },
    { dimension: 'outcome', values: [...OUTCOMES], cells: OUTCOMES.map((_, i) => [HIDDEN, HIDDEN, i === 0 ? 12 : 0, i === 0 ? 14 : 5]) },
  ],
  firstReactionDays: [null, 4, 3, 2],
  workshops: QUARTERS.map((_, i) => ({ held: i + 1, participants: i === 0 ? HIDDEN : 20 * i, managerShare: null, averageRating: i === 0 ? null : 7.5, evaluations: i === 0 ? HIDDEN : 10 })),
});

const year = (): YearReport => ({
  scopes: ['belastingdienst', 'financien'],
  scope: 'financien',
  organisations: ['belastingdienst', 'financien'],
  year: 2029,
  categories: {
    rows: ['pesten', 'seksuele-intimidatie', 'agressie-en-geweld', 'discriminatie', 'integriteit', 'overig'],
    columns: ['2029-Q1', '2029-Q2', '2029-Q3', '2029-Q4'],
    cells: [[10, 10, 10, 10], [0, 0, 0, 0], [6, 6, 6, HIDDEN], [0, 0, 0, 0], [5, 0, 0, 0], [0, 0, 0, 0]],
    rowTotals: [40, 0, HIDDEN, 0, 5, 0],
    columnTotals: [21, 16, 16, HIDDEN],
    total: HIDDEN,
  },
  breakdowns: [
    { dimension: 'outcome', values: [...OUTCOMES], cells: OUTCOMES.map((_, i) => [i === 1 ? 30 : 0]) },
    { dimension: 'wish', values: ['alleen-laten-weten', 'laten-lezen', 'advies', 'gesprek', 'formeel-melden'], cells: [[HIDDEN], [HIDDEN], [HIDDEN], [HIDDEN], [HIDDEN]] },
  ],
  firstReactionDays: 3,
  workshops: { held: 6, participants: 80, averageRating: null },
});

const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<NetworkPage api={api} {...inLocale(locale)} />);

/** What the page saves as CSV: the file the browser is given, parsed back into cells. */
async function savedCsv(button: HTMLElement): Promise<string[][]> {
  let saved: Blob | undefined;
  const create = jest.fn((blob: Blob) => {
    saved = blob;
    return 'blob:csv';
  });
  Object.assign(URL, { createObjectURL: create, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  fireEvent.click(button);
  click.mockRestore();
  expect(create).toHaveBeenCalledTimes(1);
  const text = await new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(saved!);
  });
  return parseCsv(text.replace(/^\ufeff/, ''));
}

/** RFC 4180 with ";" between cells, as a spreadsheet reads it: quoted cells may hold ";", quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

describe('NetworkPage', () => {
  it("shows the organisation with its parts, the signals per topic and quarter, and 'niet getoond' where the service held a count back", async () => {
    show(new FakeApi().on('GET', '/api/network/figures', figures()));

    const table = await screen.findByRole('table', { name: 'Signalen per onderwerp en kwartaal' });
    expect(screen.getByText('Financiën (met Belastingdienst)')).toBeTruthy();
    expect(headersOf(table)).toEqual(['Onderwerp', 'K4 2029', 'K1 2030', 'K2 2030', 'K3 2030', 'Totaal (getoond)']);
    const rows = cellsOf(table);
    expect(rows[0]).toEqual(['Pesten', '12', '9', '0', '14', '35']);
    expect(rows.find((r) => r[0] === 'Discriminatie, ook leeftijd')).toEqual(['Discriminatie, ook leeftijd', 'niet getoond', 'niet getoond', '0', '6', '6']);
    // A breakdown held back in a quarter says so in every row of that quarter.
    expect(cellsOf(screen.getByRole('table', { name: 'Hoe anoniem' }))[0]).toEqual(['Met naam, vertrouwelijk', 'niet getoond', '7', '6', '8']);
    expect(cellsOf(screen.getByRole('table', { name: 'Dagen tot de eerste reactie (middelste waarde)' }))).toEqual([
      ['K4 2029', 'te weinig'],
      ['K1 2030', '4'],
      ['K2 2030', '3'],
      ['K3 2030', '2'],
    ]);
    expect(cellsOf(screen.getByRole('table', { name: 'Workshops in het hele Rijk' }))[0]).toEqual(['K4 2029', '1', 'niet getoond', 'te weinig']);
  });

  it('draws each trend as a named figure whose drawing screen readers skip, with a table beside it that says the same', async () => {
    show(new FakeApi().on('GET', '/api/network/figures', figures()));

    const line = await screen.findByRole('figure', { name: 'Dagen tot de eerste reactie (middelste waarde)' });
    expect(line.querySelector('svg')!.getAttribute('aria-hidden')).toBe('true');
    // The quarter without a median is no point: three points, one line through them.
    expect(line.querySelectorAll('circle')).toHaveLength(3);
    expect(line.querySelectorAll('polyline')).toHaveLength(1);
    const perQuarter = screen.getByRole('figure', { name: 'Signalen per kwartaal (getoonde aantallen)' });
    expect(perQuarter.querySelectorAll('circle')).toHaveLength(4);
    expect(cellsOf(screen.getByRole('table', { name: 'Signalen per kwartaal (getoonde aantallen)' }))).toEqual([
      ['K4 2029', '17'],
      ['K1 2030', '9'],
      ['K2 2030', '7'],
      ['K3 2030', '28'],
    ]);
  });

  it('saves each table as CSV with, cell for cell, what the table shows: a held-back count stays held back', async () => {
    show(new FakeApi().on('GET', '/api/network/figures', figures()));

    const table = await screen.findByRole('table', { name: 'Signalen per onderwerp en kwartaal' });
    const csv = await savedCsv(screen.getByRole('button', { name: 'Download als CSV: Signalen per onderwerp en kwartaal' }));
    expect(csv).toEqual([headersOf(table), ...cellsOf(table)]);
    expect(csv.flat()).toContain('niet getoond');
    for (const name of ['Hoe anoniem', 'Hoe het afliep', 'Workshops in het hele Rijk']) {
      const other = screen.getByRole('table', { name });
      expect(await savedCsv(screen.getByRole('button', { name: `Download als CSV: ${name}` }))).toEqual([headersOf(other), ...cellsOf(other)]);
    }
  });

  it('asks the service for the organisation chosen, and says so when a network coordinator has none', async () => {
    const api = new FakeApi().on('GET', '/api/network/figures', figures()).on('GET', '/api/network/figures?scope=belastingdienst', figures('belastingdienst'));
    show(api);
    const select = await screen.findByRole('combobox', { name: 'Organisatie' });
    fireEvent.change(select, { target: { value: 'belastingdienst' } });
    await screen.findByRole('option', { name: 'Belastingdienst', selected: true });
    expect(api.callsTo('GET').map((c) => c.path)).toEqual(['/api/network/figures', '/api/network/figures?scope=belastingdienst']);
    expect(screen.queryByText(/\(met /)).toBeNull();

    show(new FakeApi().on('GET', '/api/network/figures', refusal(403, 'forbidden')));
    expect(await screen.findByText(/^Je ziet hier de cijfers van je eigen organisatie als de coördinator/)).toBeTruthy();
  });

  it('opens the year report in the annual-report topics, prints it, and says when no year has closed (en)', async () => {
    const print = jest.fn();
    Object.assign(window, { print });
    const api = new FakeApi().on('GET', '/api/network/figures', figures()).on('GET', '/api/network/year-report?scope=financien', year());
    show(api, 'en');
    fireEvent.click(await screen.findByRole('button', { name: 'Year report' }));
    const report = await screen.findByRole('article', { name: 'Year report 2029: Finance' });
    const table = within(report).getByRole('table', { name: 'Signals per topic and quarter' });
    expect(within(report).getByText('Finance (with Tax Administration)')).toBeTruthy();
    expect(headersOf(table)).toEqual(['Topic', 'Q1 2029', 'Q2 2029', 'Q3 2029', 'Q4 2029', 'Year']);
    expect(cellsOf(table)[0]).toEqual(['Bullying (including exclusion)', '10', '10', '10', '10', '40']);
    expect(cellsOf(table)[2]).toEqual(['Aggression and violence', '6', '6', '6', 'not shown', 'not shown']);
    expect(cellsOf(within(report).getByRole('table', { name: 'How it ended' }))[1]).toEqual(['Referred', '30']);
    expect(cellsOf(within(report).getByRole('table', { name: 'What people wanted' }))[0]).toEqual(['Just let it be known', 'not shown']);
    await act(async () => fireEvent.click(within(report).getByRole('button', { name: 'Print or save as PDF' })));
    expect(print).toHaveBeenCalledTimes(1);
    fireEvent.click(within(report).getByRole('button', { name: 'Back to the figures' }));
    expect(await screen.findByRole('table', { name: 'Signals per topic and quarter' })).toBeTruthy();

    const closed = new FakeApi().on('GET', '/api/network/figures', figures()).on('GET', '/api/network/year-report?scope=financien', refusal(409, 'not-closed'));
    show(closed);
    fireEvent.click((await screen.findAllByRole('button', { name: 'Jaarverslag' })).at(-1)!);
    expect(await screen.findByText('Er is nog geen afgesloten jaar.')).toBeTruthy();
  });

  it('lets the coordinator, and only the coordinator, keep who sees which network: refused input said at its field, a removal asked twice', async () => {
    const noor = { aadObjectId: '0e000000-0000-4000-8000-0000000000a2', displayName: 'Noor Hendriks', organisation: 'financien' };
    let kept = [noor];
    const api = new FakeApi()
      .on('GET', '/api/network/figures', { ...figures('all'), scopes: ['all', 'bzk', 'financien', 'belastingdienst'] })
      .on('GET', '/api/network-coordinators', () => ({ networkCoordinators: kept }))
      .on('PUT', '/api/network-coordinators/not-an-id', refusal(400, 'bad', [{ path: 'aadObjectId', reason: 'Dit is geen geldig id.' }]))
      .on('PUT', '/api/network-coordinators/0e000000-0000-4000-8000-0000000000a5', (call: { body?: unknown }) => {
        kept = [...kept, call.body as typeof noor];
        return { networkCoordinator: call.body };
      })
      .on('DELETE', `/api/network-coordinators/${noor.aadObjectId}?organisation=financien`, () => {
        kept = kept.filter((k) => k !== noor);
        return { removed: true };
      });
    show(api);
    const list = await screen.findByRole('table', { name: 'Netwerkcoördinatoren' });
    expect(cellsOf(list)[0]!.slice(0, 2)).toEqual(['Noor Hendriks', 'Financiën']);

    fireEvent.click(screen.getByRole('button', { name: 'Netwerkcoördinator toevoegen' }));
    const form = screen.getByRole('form', { name: 'Nieuwe netwerkcoördinator' });
    fireEvent.change(within(form).getByRole('textbox', { name: /Entra-object-id/ }), { target: { value: 'not-an-id' } });
    fireEvent.change(within(form).getByRole('textbox', { name: /Naam/ }), { target: { value: 'Sam de Vries' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await within(form).findByText('Dit is geen geldig id.')).toBeTruthy();
    expect(cellsOf(screen.getByRole('table', { name: 'Netwerkcoördinatoren' }))).toHaveLength(1);

    fireEvent.change(within(form).getByRole('textbox', { name: /Entra-object-id/ }), { target: { value: '0e000000-0000-4000-8000-0000000000a5' } });
    fireEvent.change(within(form).getByRole('combobox', { name: /Organisatie/ }), { target: { value: 'bzk' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Opslaan' }));
    expect(await screen.findByText('Opgeslagen: Sam de Vries ziet de cijfers van BZK.')).toBeTruthy();
    expect(api.callsTo('PUT').at(-1)!.body).toEqual({ aadObjectId: '0e000000-0000-4000-8000-0000000000a5', displayName: 'Sam de Vries', organisation: 'bzk' });

    fireEvent.click(screen.getByRole('button', { name: 'Weghalen: Noor Hendriks' }));
    expect(api.callsTo('DELETE')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Ja, weghalen: Noor Hendriks' }));
    expect(await screen.findByText('Noor Hendriks ziet de cijfers van deze organisatie niet meer.')).toBeTruthy();
    expect(cellsOf(screen.getByRole('table', { name: 'Netwerkcoördinatoren' })).map((r) => r[0])).toEqual(['Sam de Vries']);
  });

  it('shows a network coordinator no list of who sees which network, and asks the service for none', async () => {
    const api = new FakeApi().on('GET', '/api/network/figures', figures());
    show(api);
    await screen.findByRole('table', { name: 'Signalen per onderwerp en kwartaal' });
    expect(screen.queryByRole('region', { name: /Wie ziet de cijfers/ })).toBeNull();
    expect(api.callsTo('GET').map((c) => c.path)).toEqual(['/api/network/figures']);
  });
});
