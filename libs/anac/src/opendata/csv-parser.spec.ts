import fc from 'fast-check';
import { CsvNonValido, CsvParser, leggiCsv } from './csv-parser.js';

const parse = (testo: string, pezzi = 1) => {
  const p = new CsvParser();
  const passo = Math.max(1, Math.ceil(testo.length / pezzi));
  const out = [];
  for (let i = 0; i < testo.length; i += passo) out.push(...p.push(testo.slice(i, i + passo)));
  out.push(...p.end());
  return out;
};

describe('CsvParser: semicolons, quotes, escaped quotes, CRLF (ANAC open data)', () => {
  it('reads plain and quoted fields, with the line each record starts on', () => {
    expect(parse('cig;oggetto\n1234567ABC;Pulizia\n"X000000001";"Servizi; pulizia"\n')).toEqual([
      { campi: ['cig', 'oggetto'], riga: 1 },
      { campi: ['1234567ABC', 'Pulizia'], riga: 2 },
      { campi: ['X000000001', 'Servizi; pulizia'], riga: 3 },
    ]);
  });

  it('escaped quotes, empty fields, CRLF, a line break inside quotes, a BOM, no final newline', () => {
    expect(parse('\uFEFFa;b;c\r\n"detto ""cottimo""";;"due\r\nrighe"\r\nultima;;')).toEqual([
      { campi: ['a', 'b', 'c'], riga: 1 },
      { campi: ['detto "cottimo"', '', 'due\r\nrighe'], riga: 2 },
      { campi: ['ultima', '', ''], riga: 4 },
    ]);
  });

  it('a quote inside an unquoted field is kept as it is', () => {
    expect(parse('a"b;c\n', 3)).toEqual([{ campi: ['a"b', 'c'], riga: 1 }]);
  });

  it('skips blank lines but counts them', () => {
    expect(parse('a\n\nb\n')).toEqual([{ campi: ['a'], riga: 1 }, { campi: ['b'], riga: 3 }]);
  });

  it('an unclosed quote at the end is reported with its line', () => {
    expect(() => parse('a\n"b;c\n')).toThrow(CsvNonValido);
    expect(() => parse('a\n"b;c\n')).toThrow(/riga 2/);
  });

  it('any chunking gives the same records (property)', () => {
    const campo = fc.string({ unit: fc.constantFrom('a', 'b', ';', '"', '\n', '\r', ' ', 'è') });
    fc.assert(
      fc.property(fc.array(fc.array(campo, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), (righe, pezzi, crlf) => {
        const testo = righe.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(';')).join(crlf ? '\r\n' : '\n');
        expect(parse(testo, pezzi).map((r) => r.campi)).toEqual(righe);
      }),
    );
  });

  it('leggiCsv decodes UTF-8 split across byte chunks', async () => {
    const bytes = Buffer.from('oggetto\n"Attività è già"\n', 'utf8');
    async function* pezzi() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const records = [];
    for await (const r of leggiCsv(pezzi())) records.push(r.campi);
    expect(records).toEqual([['oggetto'], ['Attività è già']]);
  });
});
