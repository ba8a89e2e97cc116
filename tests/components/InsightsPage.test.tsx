import { screen, within } from '@testing-library/react';
import { InsightsPage } from '../../tab/src/InsightsPage';
import type { Insights } from '../../bot/src/shared/api/insights';
import { HIDDEN } from '../../bot/src/shared/api/insights';
import { suppressQuarter, suppressVector, tableOf } from '../../bot/src/features/insights/suppression';
import { CATEGORIES } from '../../bot/src/shared/signal-vocabulary';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, refusal } from './fake-api';
import { inLocale, renderInTheme } from './render';

/** Counts per category, the last two months (the service sends twelve; the page draws only the row totals). */
const perMonth: Record<string, [number, number]> = { pesten: [6, 7], 'werkdruk-spanning': [9, 8], discriminatie: [2, 0], uitsluiting: [3, 0] };

/** GET /api/insights, suppressed as the service does it (bot/src/features/insights). */
const insights = (workshops: Partial<Insights['workshops']> = {}): Insights => {
  const months = ['2030-02', '2030-03'].map((_, m) => suppressVector(CATEGORIES.map((c) => (perMonth[c] ?? [0, 0])[m]!)));
  return {
    months: ['2030-02', '2030-03'],
    signalsByMonth: tableOf([...CATEGORIES], ['2030-02', '2030-03'], CATEGORIES.map((_, c) => months.map((m) => m[c]!))),
    quarter: '2030-Q1',
    signalsByOrganisation: suppressQuarter(['bzk', 'jenv'], ['pesten', 'discriminatie', 'werkdruk-spanning'], [
      [2, 3, 9],
      [8, 6, 5],
    ], [true, false, true]),
    workshops: { held: 4, participants: HIDDEN, managerShare: null, averageRating: null, evaluations: HIDDEN, ...workshops },
  };
};

const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<InsightsPage api={api} {...inLocale(locale)} />);
/** The figure's lines as [label, value], as read (the bar itself is hidden from screen readers). */
const bars = (figure: HTMLElement) => Array.from(figure.children).map((line) => Array.from(line.children).filter((c) => c.getAttribute('aria-hidden') !== 'true').map((c) => c.textContent));
/** The figure's lines as drawn: the label, whether a bar or a held-back stub is drawn, the value as shown. */
const drawing = (figure: HTMLElement) =>
  Array.from(figure.children).map((line) => {
    const [label, mark, value] = Array.from(line.children);
    return [label!.textContent, mark!.getAttribute('data-mark'), value!.textContent];
  });
/** A table's body rows, each as the texts of its cells. */
const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
/** What the description list in the "Workshops" region says for a term (a <dt> has no accessible name to query by). */
const figureFor = (term: string) => {
  const region = screen.getByRole('region', { name: /^Workshops, / });
  const dt = within(region).getAllByRole('term').find((d) => d.textContent === term);
  const dd = dt?.nextElementSibling;
  return dd?.tagName === 'DD' ? dd.textContent : undefined;
};

describe('InsightsPage', () => {
  it('draws the signals per topic as a named figure, with the totals the service sent (nl)', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()));

    const figure = await screen.findByRole('figure', { name: 'Signalen per onderwerp, laatste 12 afgesloten maanden' });
    expect(screen.getByRole('heading', { level: 3, name: 'Signalen per onderwerp, laatste 12 afgesloten maanden' })).toBeTruthy();
    expect(bars(figure)).toEqual([
      ['Pesten', '13'],
      ["Intimidatie of agressie door collega's", '0'],
      // The category added in issue 16 comes from the one list of categories the bot uses too.
      ['Agressie of bedreiging door burgers of klanten', '0'],
      ['Seksuele intimidatie', '0'],
      // 2 and 3 are hidden: the total of what is shown is 0, but the topic had signals, so it is held back, not 0.
      ['Discriminatie, ook leeftijd', 'niet getoond'],
      ['Uitsluiting / er niet bij horen', 'niet getoond'],
      ['Gedrag van een leidinggevende / hiërarchie', '0'],
      ['Integriteit', '0'],
      ['Misstand (klokkenluiden)', '0'],
      ['Werkdruk of spanning', '17'],
      ['Iets anders', '0'],
    ]);
    expect(screen.getByText(/^Cijfers tonen we per afgesloten maand of kwartaal/)).toBeTruthy();
  });

  it('draws a held-back total as held back: a hatched stub and "niet getoond", not a bar of 0, as the table says it', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()));

    const figure = await screen.findByRole('figure', { name: 'Signalen per onderwerp, laatste 12 afgesloten maanden' });
    expect(drawing(figure).slice(0, 6)).toEqual([
      ['Pesten', 'bar', '13'],
      ["Intimidatie of agressie door collega's", 'bar', '0'],
      ['Agressie of bedreiging door burgers of klanten', 'bar', '0'],
      ['Seksuele intimidatie', 'bar', '0'],
      ['Discriminatie, ook leeftijd', 'hidden', 'niet getoond'],
      ['Uitsluiting / er niet bij horen', 'hidden', 'niet getoond'],
    ]);
  });

  it.each([
    ['a total held back', { rowTotals: [HIDDEN], cells: [[HIDDEN]] }],
    // Another marker for a held-back count: anything that is not a number is one.
    ['another marker', { rowTotals: [{ hidden: true }], cells: [[{ hidden: true }]] }],
    ['no figure at all', { rowTotals: [null], cells: [[null]] }],
  ])('draws %s as held back, in the chart and in the table (en)', async (_what, row) => {
    const table = { rows: ['pesten'], columns: ['2030-03'], ...row };
    const api = new FakeApi().on('GET', '/api/insights', { ...insights(), signalsByMonth: table, signalsByOrganisation: { ...table, rows: ['bzk'], columns: ['pesten'] } });
    show(api, 'en');

    const figure = await screen.findByRole('figure', { name: 'Signals per topic, last 12 closed months' });
    expect(drawing(figure)).toEqual([['Bullying', 'hidden', 'not shown']]);
    expect(bars(figure)).toEqual([['Bullying', 'not shown']]);
    expect(rowsOf(screen.getByRole('table', { name: 'Signals per organisation, Q1 2030' }))).toEqual([['BZK', 'not shown', 'not shown']]);
  });

  it('says "niet getoond" in the table per organisation of the last closed quarter, exactly where the service held counts back', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()));

    const table = await screen.findByRole('table', { name: 'Signalen per organisatie, 1e kwartaal 2030' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Organisatie', 'Pesten', 'Discriminatie, ook leeftijd', 'Werkdruk of spanning', 'Totaal (getoond)']);
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      // A column with a small count goes whole (the 8 too), and so does one whose months were held back (3 and 6).
      ['BZK', 'niet getoond', 'niet getoond', '9', '9'],
      ['J&V', 'niet getoond', 'niet getoond', '5', '5'],
    ]);
  });

  it('says the workshop figures, "< 5" and "too few" where the service held them back (en)', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()), 'en');

    expect(await screen.findByRole('heading', { level: 3, name: 'Workshops, Q1 2030' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Signals per topic, last 12 closed months' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Signals per organisation, Q1 2030' })).toBeTruthy();
    expect(figureFor('Held')).toBe('4');
    expect(figureFor('Participants')).toBe('not shown');
    expect(figureFor('Share of managers')).toBe('too few to show');
    expect(figureFor('Average rating')).toBe('too few to show');
    expect(figureFor('Ratings')).toBe('not shown');
  });

  it('says the workshop figures when there are enough (en)', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights({ held: 9, participants: 120, managerShare: 0.25, averageRating: 7.8, evaluations: 64 })), 'en');

    await screen.findByRole('heading', { level: 3, name: /^Workshops, / });
    expect(figureFor('Held')).toBe('9');
    expect(figureFor('Participants')).toBe('120');
    expect(figureFor('Share of managers')).toBe('25%');
    expect(figureFor('Average rating')).toBe('7.8');
    expect(figureFor('Ratings')).toBe('64');
  });

  it('says the workshop figures in Dutch', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights({ held: 9, participants: 120, managerShare: 0.25, averageRating: null, evaluations: HIDDEN })));

    await screen.findByRole('heading', { level: 3, name: /^Workshops, / });
    expect(figureFor('Gehouden')).toBe('9');
    expect(figureFor('Deelnemers')).toBe('120');
    expect(figureFor('Aandeel leidinggevenden')).toBe('25%');
    expect(figureFor('Gemiddeld cijfer')).toBe('te weinig om te tonen');
    expect(figureFor('Beoordelingen')).toBe('niet getoond');
  });

  it('writes the numbers the Dutch way', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights({ held: 1250, participants: 14800, managerShare: 0.255, averageRating: 7.8, evaluations: 9625 })));

    await screen.findByRole('heading', { level: 3, name: /^Workshops, / });
    expect(figureFor('Gehouden')).toBe('1.250');
    expect(figureFor('Deelnemers')).toBe('14.800');
    expect(figureFor('Aandeel leidinggevenden')).toBe('26%');
    expect(figureFor('Gemiddeld cijfer')).toBe('7,8');
    expect(figureFor('Beoordelingen')).toBe('9.625');
  });

  it.each([
    ['nl', 'Alleen de coördinator ziet de cijfers.'],
    ['en', 'Only the coordinator sees the figures.'],
  ] as const)('tells someone who is not the coordinator so (%s)', async (locale, text) => {
    show(new FakeApi().on('GET', '/api/insights', refusal(403, 'Geen toegang.')), locale);

    expect(await screen.findByText(text)).toBeTruthy();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('shows any other failure with its message', async () => {
    show(new FakeApi().on('GET', '/api/insights', refusal(500, 'Time-out')), 'en');

    expect(await screen.findByText('Something went wrong: Time-out')).toBeTruthy();
  });
});
