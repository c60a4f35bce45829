import { campioneCigAnac } from '#anac';
import { servizioDellaSuite, startTestService } from './support/service.js';
import { ENV_REGIMI, must } from './support/regimi.js';

/** POST /admin/import with a sample file in ANAC's open data format, built here (no real data shipped). */
describe('Import of ANAC open data (dataset cig)', () => {
  const t = servizioDellaSuite(() => startTestService({ ...ENV_REGIMI, IMPORT_MAX_MB: '2' }));

  const file = [...campioneCigAnac(1_000, { cigErrati: [5], dateErrate: [17] })].join('');
  const importa = (utente: string, corpo = file) => t.as(utente).request('POST', '/admin/import?file=cig_2019.csv&ufficio=UFF-TOSCANA-GARE', corpo, { 'content-type': 'text/csv' });
  const cigDellaRiga = (n: number) => [...campioneCigAnac(n)][n].split(';')[0].replace(/"/g, '');

  it('is for administrators only (403 for others)', async () => {
    expect((await importa('francesca.bianchi')).status).toBe(403);
    expect((await importa('paola.neri')).status).toBe(403);
  });

  it('imports the valid rows with their original dates, reports the bad ones by line, and adds nothing the second time', async () => {
    const esito = must(await importa('luca.conti'), 200, 'import');
    expect(esito).toMatchObject({ righe: 1000, accettate: 998, importate: 998, giaPresenti: 0, scartate: 2 });
    expect(esito.dettaglioScartate.map((s: { riga: number }) => s.riga)).toEqual([6, 18]);
    const eventi = async () => Number((await t.service.runtime.database.pool.query<{ n: string }>("SELECT count(*) AS n FROM es_events WHERE stream_id LIKE 'cig-%'")).rows[0].n);
    const dopo = await eventi();
    expect(dopo).toBe(esito.eventi);
    expect(must(await importa('luca.conti'), 200, 'again')).toMatchObject({ accettate: 998, importate: 0, giaPresenti: 998, scartate: 2 });
    expect(await eventi()).toBe(dopo);

    const perfezionato = must(await t.as('paola.neri').request('GET', `/simog/cig/${cigDellaRiga(1)}`), 200, 'imported CIG');
    expect(perfezionato).toMatchObject({ regime: 'SIMOG', stato: 'PERFEZIONATO', importato: { numeroGara: expect.any(String), origine: { file: 'cig_2019.csv', riga: 2 } } });
    const [primo] = await t.service.runtime.eventStore.readStream(`cig-${cigDellaRiga(1)}`);
    expect(primo.metadata).toMatchObject({ effectiveAt: '2013-02-01T23:00:00.000Z', actor: { userId: 'luca.conti' } });
    expect(must(await t.as('francesca.bianchi').request('GET', `/simog/cig/${cigDellaRiga(5 * 2)}`), 200, 'SmartCIG of the office').regime).toBe('SMARTCIG');
    expect(must(await t.as('francesca.bianchi').request('GET', `/cig/${cigDellaRiga(1)}`), 200, 'GET /cig/:cig').importato).toMatchObject({ origine: { riga: 2 } });
  });

  it('a file above the JSON body limit is streamed in; above IMPORT_MAX_MB it is refused (413) before any row is stored', async () => {
    const grande = [...campioneCigAnac(4_000)].join('');
    expect(Buffer.byteLength(grande)).toBeGreaterThan(1024 * 1024); // BODY_LIMIT_BYTES, which does not apply here
    expect(must(await importa('luca.conti', grande), 200, 'large import')).toMatchObject({ righe: 4000, accettate: 4000, scartate: 0 });

    const eventi = async () => Number((await t.service.runtime.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
    const prima = await eventi();
    const troppo = [...campioneCigAnac(7_000)].join('');
    expect(Buffer.byteLength(troppo)).toBeGreaterThan(2 * 1024 * 1024);
    const risposta = await importa('luca.conti', troppo);
    expect(risposta.status).toBe(413);
    expect(risposta.body).toMatchObject({ code: 'FILE_TROPPO_GRANDE' });
    expect(await eventi()).toBe(prima);
  });

  it('a body that is not CSV, an empty file or one without the cig column is refused (400)', async () => {
    expect((await t.as('luca.conti').request('POST', '/admin/import', { cig: 'x' })).status).toBe(400);
    expect((await t.as('luca.conti').request('POST', '/admin/import', undefined, { 'content-type': 'text/csv' })).body).toMatchObject({ status: 400, code: 'CSV_NON_VALIDO' });
    expect((await importa('luca.conti', 'codice;oggetto\n1;2\n')).body).toMatchObject({ status: 400, code: 'CSV_NON_VALIDO' });
  });

  it('a comma-separated file is refused naming the comma; a malformed line is reported and the next row is imported', async () => {
    const virgole = [...campioneCigAnac(3)].map((r) => r.replace(/"/g, '').replaceAll(';', ',')).join('');
    const refusal = await importa('luca.conti', virgole);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toMatchObject({ code: 'CSV_NON_VALIDO', detail: expect.stringMatching(/virgola \(,\).*punto e virgola \(;\)/) });

    // Rows 4001–4010 of the sample: none imported by the tests above.
    const righe = [...campioneCigAnac(4_010)];
    righe[4_005] = righe[4_005].replace(/\r\n$/, '"\r\n'); // a quote never closed, at the end of line 6 of the file sent
    const esito = must(await importa('luca.conti', righe[0] + righe.slice(4_001).join('')), 200, 'malformed line');
    expect(esito).toMatchObject({ righe: 10, importate: 9, scartate: 1 });
    expect(esito.dettaglioScartate).toEqual([{ riga: 6, motivi: [expect.stringMatching(/^CSV malformato: virgolette/)] }]);
    expect((await t.as('paola.neri').request('GET', `/simog/cig/${cigDellaRiga(4_006)}`)).status).toBe(200);
  });
});
