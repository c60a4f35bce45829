import { cella, rigaCsv } from './listing-csv.js';

describe('CSV cells', () => {
  it('quotes cells with the separator, quotes or line breaks, doubling quotes', () => {
    expect(cella('semplice')).toBe('semplice');
    expect(cella('a;b')).toBe('"a;b"');
    expect(cella('detto "così"')).toBe('"detto ""così"""');
    expect(cella('due\nrighe')).toBe('"due\nrighe"');
    expect(cella(null)).toBe('');
  });

  it('neutralises what a spreadsheet would run as a formula', () => {
    for (const f of ['=1+1', '+39 055', '-2', '@SOMMA(A1)']) expect(cella(f)).toBe(`'${f}`);
    expect(cella('=A1;B1')).toBe(`"'=A1;B1"`);
  });

  it('ends rows with CRLF', () => {
    expect(rigaCsv(['a', null, '1,50'])).toBe('a;;1,50\r\n');
  });
});
