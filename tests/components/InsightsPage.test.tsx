import { screen, within } from '@testing-library/react';
import { InsightsPage } from '../../tab/src/InsightsPage';
import { suppressTable } from '../../bot/src/domain/insights/suppression';
import { CATEGORIES } from '../../bot/src/domain/signals/vocabulary';
import type { Insights } from '../../bot/src/storage/insights-store';
import type { TabLocale } from '../../tab/src/strings';
import { FakeApi, refusal } from './fake-api';
import { inLocale, renderInTheme } from './render';

/** Counts per category, the last two months (the service sends twelve; the page draws only the row totals). */
const perMonth: Record<string, [number, number]> = { pesten: [6, 7], 'werkdruk-spanning': [9, 8], discriminatie: [2, 0], uitsluiting: [3, 0] };

/** GET /api/insights, suppressed as the service does it (bot/src/storage/insights-store.ts). */
const insights = (workshops: Partial<Insights['workshops']> = {}): Insights => ({
  signalsByMonth: suppressTable([...CATEGORIES], ['2030-02', '2030-03'], CATEGORIES.map((c) => perMonth[c] ?? [0, 0])),
  signalsByOrganisation: suppressTable(['bzk', 'jenv'], ['pesten', 'discriminatie', 'werkdruk-spanning'], [
    [2, 3, 9],
    [8, 6, 5],
  ]),
  workshops: { held: 4, participants: '< 5', managerShare: null, averageRating: null, evaluations: '< 5', ...workshops },
});

const show = (api: FakeApi, locale: TabLocale = 'nl') => renderInTheme(<InsightsPage api={api} {...inLocale(locale)} />);
/** What a screen reader reads of an element: its text, without what is hidden from it (aria-hidden). */
const spoken = (element: Element): string =>
  Array.from(element.childNodes)
    .map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : n instanceof Element && n.getAttribute('aria-hidden') !== 'true' ? spoken(n) : ''))
    .join('');
/** What is drawn of an element: its text, without what only a screen reader gets (the visually hidden words). */
const drawn = (element: Element): string => {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[data-spoken-only]').forEach((e) => e.remove());
  return copy.textContent ?? '';
};
/** The figure's lines as [label, value as read out]. */
const bars = (figure: HTMLElement) => Array.from(figure.children).map((line) => Array.from(line.children).filter((c) => c.getAttribute('aria-hidden') !== 'true').map(spoken));
/** The figure's lines as drawn: the label, whether a bar or a held-back stub is drawn, the value as shown. */
const drawing = (figure: HTMLElement) =>
  Array.from(figure.children).map((line) => {
    const [label, mark, value] = Array.from(line.children);
    return [label!.textContent, mark!.getAttribute('data-mark'), drawn(value!)];
  });
/** A table's body rows as read out. */
const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map(spoken));
/** What the description list in the "Workshops" region says for a term (a <dt> has no accessible name to query by). */
const figureFor = (term: string) => {
  const region = screen.getByRole('region', { name: /^Workshops$/ });
  const dt = within(region).getAllByRole('term').find((d) => d.textContent === term);
  const dd = dt?.nextElementSibling;
  return dd?.tagName === 'DD' ? drawn(dd) : undefined;
};

describe('InsightsPage', () => {
  it('draws the signals per topic as a named figure, with the totals the service sent (nl)', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()));

    const figure = await screen.findByRole('figure', { name: 'Signalen per onderwerp, laatste 12 maanden' });
    expect(screen.getByRole('heading', { level: 3, name: 'Signalen per onderwerp, laatste 12 maanden' })).toBeTruthy();
    expect(bars(figure)).toEqual([
      ['Pesten', '13'],
      ['Intimidatie of agressie', '0'],
      ['Seksuele intimidatie', '0'],
      // 2 and 3 are hidden: the total of what is shown is 0, but the topic had signals, so it is held back, not 0.
      ['Discriminatie, ook leeftijd', 'verborgen, minder dan 5'],
      ['Uitsluiting / er niet bij horen', 'verborgen, minder dan 5'],
      ['Gedrag van een leidinggevende / hiërarchie', '0'],
      ['Integriteit', '0'],
      ['Misstand', '0'],
      ['Werkdruk of spanning', '17'],
      ['Iets anders', '0'],
    ]);
    expect(screen.getByText(/^Aantallen onder de 5 staan er als "< 5"/)).toBeTruthy();
  });

  it('draws a held-back total as held back: a hatched stub and "< 5", not a bar of 0, the same as the table', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()));

    const figure = await screen.findByRole('figure', { name: 'Signalen per onderwerp, laatste 12 maanden' });
    expect(drawing(figure).slice(0, 5)).toEqual([
      ['Pesten', 'bar', '13'],
      ['Intimidatie of agressie', 'bar', '0'],
      ['Seksuele intimidatie', 'bar', '0'],
      ['Discriminatie, ook leeftijd', 'hidden', '< 5'],
      ['Uitsluiting / er niet bij horen', 'hidden', '< 5'],
    ]);
    const table = screen.getByRole('table', { name: 'Signalen per organisatie, laatste 12 maanden' });
    expect(within(table).getAllByRole('row').slice(1).map((r) => drawn(within(r).getAllByRole('cell')[2]!))).toEqual(['< 5', '< 5']);
  });

  it.each([
    ['a total held back', { rowTotals: ['< 5'], cells: [['< 5']] }],
    // The Inzicht API may send another marker for a held-back count: anything that is not a number is one.
    ['another marker', { rowTotals: [{ hidden: true }], cells: [[{ hidden: true }]] }],
    ['no figure at all', { rowTotals: [null], cells: [[null]] }],
  ])('draws %s as held back, in the chart and in the table (en)', async (_what, row) => {
    const table = { rows: ['pesten'], columns: ['2030-03'], ...row };
    const api = new FakeApi().on('GET', '/api/insights', { ...insights(), signalsByMonth: table, signalsByOrganisation: { ...table, rows: ['bzk'], columns: ['pesten'] } });
    show(api, 'en');

    const figure = await screen.findByRole('figure', { name: 'Signals per topic, last 12 months' });
    expect(drawing(figure)).toEqual([['Bullying', 'hidden', '< 5']]);
    expect(bars(figure)).toEqual([['Bullying', 'hidden, fewer than 5']]);
    expect(rowsOf(screen.getByRole('table', { name: 'Signals per organisation, last 12 months' }))).toEqual([['BZK', 'hidden, fewer than 5', 'hidden, fewer than 5']]);
  });

  it('reads a held-back count out in the table per organisation, and shows "< 5"', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()));

    const table = await screen.findByRole('table', { name: 'Signalen per organisatie, laatste 12 maanden' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Organisatie', 'Pesten', 'Discriminatie, ook leeftijd', 'Werkdruk of spanning', 'Totaal (getoond)']);
    const hidden = 'verborgen, minder dan 5';
    expect(rowsOf(table)).toEqual([
      ['BZK', hidden, hidden, '9', '9'],
      // 8 and 6 are hidden too, or the hidden 2 and 3 could be worked out from the columns.
      ['J&V', hidden, hidden, '5', '5'],
    ]);
    expect(within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map(drawn))).toEqual([
      ['BZK', '< 5', '< 5', '9', '9'],
      ['J&V', '< 5', '< 5', '5', '5'],
    ]);
  });

  it('says the workshop figures, "< 5" and "too few" where the service held them back (en)', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights()), 'en');

    expect(await screen.findByRole('heading', { level: 3, name: 'Workshops' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Signals per topic, last 12 months' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Signals per organisation, last 12 months' })).toBeTruthy();
    expect(figureFor('Held')).toBe('4');
    expect(figureFor('Participants')).toBe('< 5');
    expect(figureFor('Share of managers')).toBe('too few to show');
    expect(figureFor('Average rating')).toBe('too few to show');
    expect(figureFor('Ratings')).toBe('< 5');
  });

  it('says the workshop figures when there are enough (en)', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights({ held: 9, participants: 120, managerShare: 0.25, averageRating: 7.8, evaluations: 64 })), 'en');

    await screen.findByRole('heading', { level: 3, name: 'Workshops' });
    expect(figureFor('Held')).toBe('9');
    expect(figureFor('Participants')).toBe('120');
    expect(figureFor('Share of managers')).toBe('25%');
    expect(figureFor('Average rating')).toBe('7.8');
    expect(figureFor('Ratings')).toBe('64');
  });

  it('says the workshop figures in Dutch', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights({ held: 9, participants: 120, managerShare: 0.25, averageRating: null, evaluations: '< 5' })));

    await screen.findByRole('heading', { level: 3, name: 'Workshops' });
    expect(figureFor('Gehouden')).toBe('9');
    expect(figureFor('Deelnemers')).toBe('120');
    expect(figureFor('Aandeel leidinggevenden')).toBe('25%');
    expect(figureFor('Gemiddeld cijfer')).toBe('te weinig om te tonen');
    expect(figureFor('Beoordelingen')).toBe('< 5');
  });

  it('writes the numbers the Dutch way', async () => {
    show(new FakeApi().on('GET', '/api/insights', insights({ held: 1250, participants: 14800, managerShare: 0.255, averageRating: 7.8, evaluations: 9625 })));

    await screen.findByRole('heading', { level: 3, name: 'Workshops' });
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
