import { screen, within } from '@testing-library/react';
import { Notice, TableSection } from '../../tab/src/TableSection';
import { renderInTheme } from './render';

const headers = ['Naam', 'Organisatie'];

describe('TableSection', () => {
  it('shows a table named by its heading, with the headers as column headers and a row per entry', () => {
    renderInTheme(
      <TableSection
        id="t-heading"
        heading="Begeleiders"
        headers={headers}
        emptyText="Niemand."
        rows={[
          { key: 'a', cells: ['Henk Jansen', 'BZK'] },
          { key: 'b', cells: ['Fatima el Amrani', <em key="x">J&amp;V</em>] },
        ]}
      />,
    );
    expect(screen.getByRole('heading', { level: 3, name: 'Begeleiders' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Begeleiders' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(headers);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['Henk Jansen', 'BZK'],
      ['Fatima el Amrani', 'J&V'],
    ]);
    expect(screen.queryByText('Niemand.')).toBeNull();
  });

  it('says the empty text instead of a table when there are no rows', () => {
    renderInTheme(<TableSection id="t-heading" heading="Begeleiders" headers={headers} emptyText="Niemand." rows={[]} />);
    expect(screen.getByText('Niemand.').tagName).toBe('P');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('columnheader')).toBeNull();
  });

  it('keeps an empty table with its headers when no empty text is given', () => {
    renderInTheme(<TableSection id="t-heading" heading="Cijfers" headers={headers} rows={[]} />);
    const table = screen.getByRole('table', { name: 'Cijfers' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(headers);
    expect(within(table).getAllByRole('row')).toHaveLength(1);
  });
});

describe('Notice', () => {
  it('says its text, and nothing at all without one', () => {
    const { rerender, container } = renderInTheme(<Notice />);
    expect(container.textContent).toBe('');
    rerender(<Notice text="Je antwoord is verwerkt." />);
    expect(screen.getByText('Je antwoord is verwerkt.')).toBeTruthy();
  });
});
