import { csvOf } from '../../tab/src/csv';

describe('csvOf', () => {
  it('quotes a cell with a separator, quote or line break, and keeps a formula from running in a spreadsheet', () => {
    expect(csvOf([['Onderwerp', 'K1 2030'], ['Discriminatie, ook leeftijd', '6'], ['Zei "nee"; ging', 'niet getoond'], ['=HYPERLINK("x")', '-1', '+1', '@a']])).toBe(
      'Onderwerp;K1 2030\r\n"Discriminatie, ook leeftijd";6\r\n"Zei ""nee""; ging";niet getoond\r\n"\'=HYPERLINK(""x"")";\'-1;\'+1;\'@a\r\n',
    );
  });
});
