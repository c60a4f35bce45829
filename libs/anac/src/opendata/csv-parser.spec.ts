import fc from 'fast-check';
import { CsvNonValido, leggiCsv, suggerimentoSeparatore, type VoceCsv } from './csv-parser.js';

async function leggi(testo: string, pezzi = 1): Promise<VoceCsv[]> {
  const bytes = Buffer.from(testo, 'utf8');
  const passo = Math.max(1, Math.ceil(bytes.length / pezzi));
  async function* sorgente() {
    for (let i = 0; i < bytes.length; i += passo) yield bytes.subarray(i, i + passo);
  }
  const out: VoceCsv[] = [];
  for await (const v of leggiCsv(sorgente())) out.push(v);
  return out;
}

describe('leggiCsv (csv-parse): semicolons, quotes, escaped quotes, CRLF (ANAC open data)', () => {
  it('reads plain and quoted fields, with the line each record starts on', async () => {
    expect(await leggi('cig;oggetto\n1234567ABC;Pulizia\n"X000000001";"Servizi; pulizia"\n')).toEqual([
      { campi: ['cig', 'oggetto'], riga: 1 },
      { campi: ['1234567ABC', 'Pulizia'], riga: 2 },
      { campi: ['X000000001', 'Servizi; pulizia'], riga: 3 },
    ]);
  });

  it('escaped quotes, empty fields, CRLF, a line break inside quotes, a BOM, no final newline', async () => {
    expect(await leggi('\uFEFFa;b;c\r\n"detto ""cottimo""";;"due\r\nrighe"\r\nultima;;')).toEqual([
      { campi: ['a', 'b', 'c'], riga: 1 },
      { campi: ['detto "cottimo"', '', 'due\r\nrighe'], riga: 2 },
      { campi: ['ultima', '', ''], riga: 4 },
    ]);
  });

  it('skips blank lines but counts them', async () => {
    expect(await leggi('a\n\nb\n')).toEqual([{ campi: ['a'], riga: 1 }, { campi: ['b'], riga: 3 }]);
  });

  it('an unclosed quote is reported on its line and swallows nothing: the next rows are still read', async () => {
    const testo = 'cig;oggetto;importo\n"A1";"Pulizia;"10"\n"A2";"Lavori";"20"\n"A3";"Servizi\n"A4";"Forniture";"40"\n';
    for (const pezzi of [1, 3, 17]) {
      expect([pezzi, await leggi(testo, pezzi)]).toEqual([pezzi, [
        { campi: ['cig', 'oggetto', 'importo'], riga: 1 },
        { riga: 2, motivo: expect.stringMatching(/virgolette/) },
        { campi: ['A2', 'Lavori', '20'], riga: 3 },
        { riga: 4, motivo: expect.stringMatching(/virgolette/) },
        { campi: ['A4', 'Forniture', '40'], riga: 5 },
      ]]);
    }
  });

  it('a quote left open on unquoted rows: the merged record has the wrong number of fields, its first line is reported', async () => {
    expect(await leggi('cig;oggetto;importo\nA1;"Pulizia;10\nA2;Lavori;20\nA3";Servizi;30\nA4;Forniture;40\n')).toEqual([
      { campi: ['cig', 'oggetto', 'importo'], riga: 1 },
      { riga: 2, motivo: "4 campi invece dei 3 dell'intestazione (separatore \";\" o virgolette non chiuse?)" },
      { campi: ['A2', 'Lavori', '20'], riga: 3 },
      { riga: 4, motivo: expect.stringMatching(/virgoletta dentro un campo/) },
      { campi: ['A4', 'Forniture', '40'], riga: 5 },
    ]);
  });

  it('a stray quote inside a field and a row with too many fields are reported, not accepted', async () => {
    expect(await leggi('cig;oggetto\nA1;Pu"lizia\nA2;"Lavori"x\nA3;a;b\nA4;ok\n')).toEqual([
      { campi: ['cig', 'oggetto'], riga: 1 },
      { riga: 2, motivo: expect.stringMatching(/virgoletta dentro un campo/) },
      { riga: 3, motivo: expect.stringMatching(/virgolette chiuse a metà/) },
      { riga: 4, motivo: "3 campi invece dei 2 dell'intestazione (separatore \";\" o virgolette non chiuse?)" },
      { campi: ['A4', 'ok'], riga: 5 },
    ]);
  });

  it('a quote still open at the end of the file: its line is reported, the lines after it are read', async () => {
    expect(await leggi('a;b\n1;2\n3;"x\n5;6\n7;8')).toEqual([
      { campi: ['a', 'b'], riga: 1 },
      { campi: ['1', '2'], riga: 2 },
      { riga: 3, motivo: 'virgolette aperte e mai chiuse' },
      { campi: ['5', '6'], riga: 4 },
      { campi: ['7', '8'], riga: 5 },
    ]);
  });

  it('a header that cannot be read stops the reading, naming the separator found', async () => {
    await expect(leggi('"cig","oggetto"\n"A1","x"\n')).rejects.toThrow(CsvNonValido);
    await expect(leggi('"cig","oggetto"\n"A1","x"\n')).rejects.toThrow(/riga 1: .*usa come separatore la virgola \(,\), i file open data ANAC usano il punto e virgola \(;\)/);
    expect(suggerimentoSeparatore('cig,oggetto,importo')).toMatch(/virgola \(,\).*punto e virgola \(;\)/);
    expect(suggerimentoSeparatore('cig\toggetto')).toMatch(/tabulazione/);
    expect(suggerimentoSeparatore('cig;oggetto,x')).toBe('');
  });

  it('any chunking gives the same records and the same malformed lines (property)', async () => {
    const campo = fc.string({ unit: fc.constantFrom('a', 'b', ';', '"', '\n', '\r', ' ', 'è') });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(campo, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.nat(5), async (righe, pezzi, crlf, rotta) => {
        const fine = crlf ? '\r\n' : '\n';
        const testo = 'x;y' + fine + righe.map((r, i) => (i === rotta ? `"${r[0]};${r[1]}` : r.map((c) => `"${c.replace(/"/g, '""')}"`).join(';'))).join(fine);
        expect(await leggi(testo, pezzi)).toEqual(await leggi(testo, 1));
        if (rotta >= righe.length) expect((await leggi(testo, pezzi)).slice(1).map((r) => ('campi' in r ? r.campi : r))).toEqual(righe);
      }),
    );
  });

  it('decodes UTF-8 split across byte chunks', async () => {
    const bytes = Buffer.from('oggetto\n"Attività è già"\n', 'utf8');
    async function* pezzi() {
      for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
    }
    const records = [];
    for await (const r of leggiCsv(pezzi())) records.push(r);
    expect(records).toEqual([{ campi: ['oggetto'], riga: 1 }, { campi: ['Attività è già'], riga: 2 }]);
  });
});
