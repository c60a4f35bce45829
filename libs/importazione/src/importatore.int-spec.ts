import { PostgresEventStore } from '#event-store';
import { campioneCigAnac, CsvNonValido } from '#anac';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { importaCigAnac, type Progresso } from './importatore.js';

const opzioni = { file: 'cig_2019.csv', ufficio: 'OPEN-DATA-ANAC', attore: { userId: 'test', role: 'SISTEMA' }, correlationId: 'test-import' };
async function* pezzi(testo: string, dimensione = 997) {
  for (let i = 0; i < testo.length; i += dimensione) yield Buffer.from(testo.slice(i, i + dimensione), 'utf8');
}

describe('importaCigAnac: ANAC open data into the PostgreSQL event store', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(20);
    store = new PostgresEventStore(db.pool);
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const file = [...campioneCigAnac(300, { cigErrati: [10, 200], dateErrate: [50] })].join('');

  it('imports each valid row with its original dates; reports bad rows with their line and goes on', async () => {
    const progressi: Progresso[] = [];
    const esito = await importaCigAnac(store, pezzi(file), { ...opzioni, ogni: 100, progresso: (p) => progressi.push(p) });
    expect(esito).toMatchObject({ righe: 300, accettate: 297, importate: 297, giaPresenti: 0, scartate: 3 });
    // Data row n is on line n + 1 (line 1 is the header).
    expect(esito.dettaglioScartate.map((s) => s.riga)).toEqual([11, 51, 201]);
    expect(esito.dettaglioScartate[0].motivi[0]).toMatch(/^cig "X[0-9A-F]{9}": (carattere di controllo errato|progressivo nullo)/);
    expect(esito.dettaglioScartate[1].motivi[0]).toMatch(/data_pubblicazione "31\/02\/2019": data non valida/);
    expect(progressi.map((p) => p.righe)).toEqual([100, 200, 300, 300]);

    const [primo] = await store.readStream(`cig-${esitoCig(1)}`);
    expect(primo).toMatchObject({ type: 'CigImportato', metadata: { effectiveAt: '2013-02-01T23:00:00.000Z', causationId: 'cig_2019.csv#2' } });
    const cancellato = await store.readStream(`cig-${esitoCig(7)}`);
    expect(cancellato.map((e) => e.type)).toEqual(['CigImportato', 'CigCancellato']);
    expect(cancellato[1].metadata.effectiveAt).toBe('2019-12-29T23:00:00.000Z');
  });

  it('importing the same file again adds nothing, and says the rows were already there (not imported)', async () => {
    // Counted in the table: readAll stops at the cluster's horizon, which other tests may hold back.
    const conta = async () => Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events')).rows[0].n);
    const prima = await conta();
    const esito = await importaCigAnac(store, pezzi(file, 4096), opzioni);
    expect(esito).toMatchObject({ righe: 300, accettate: 297, importate: 0, giaPresenti: 297, scartate: 3 });
    expect(await conta()).toBe(prima);
    // The same through one append per row (EventStoreDB, or no pool).
    expect(await importaCigAnac(store, pezzi(file), { ...opzioni, pool: undefined })).toMatchObject({ importate: 0, giaPresenti: 297, scartate: 3 });
    expect(await conta()).toBe(prima);
  });

  it('a code that already has another history is reported, not overwritten', async () => {
    const diverso = file.replace('Lotto 1 - servizi di pulizia', 'Lotto 1 - oggetto cambiato');
    const esito = await importaCigAnac(store, pezzi(diverso), opzioni);
    expect(esito.scartate).toBe(4);
    expect(esito.dettaglioScartate.find((s) => s.riga === 2)?.motivi[0]).toMatch(/ha già una storia diversa/);
  });
});

describe('importaCigAnac: malformed CSV lines are reported by their number and lose nothing else', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(20);
    store = new PostgresEventStore(db.pool);
    await store.migrate();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const righe = [...campioneCigAnac(120)];
  const esiste = async (cig: string) => (await db.pool.query('SELECT 1 FROM es_streams WHERE stream_id = $1', [`cig-${cig}`])).rowCount === 1;

  it('an unclosed quote at the end of a row and a stray quote: both lines reported, the row after each one imported', async () => {
    const rotte = [...righe];
    // Data row 40 (line 41): its last field opens a quote and never closes it, so it would run into row 41.
    rotte[40] = rotte[40].replace(/\r\n$/, '"\r\n');
    // Data row 70 (line 71): a quote inside a quoted field, not doubled.
    rotte[70] = rotte[70].replace('"Lotto 70 - servizi di pulizia"', '"Lotto 70 - servizi "di" pulizia"');
    for (const [pool, dimensione] of [[db.pool, 997], [undefined, 64]] as const) {
      const esito = await importaCigAnac(store, pezzi(rotte.join(''), dimensione), { ...opzioni, ...(pool ? { pool } : { pool: undefined }) });
      expect(esito).toMatchObject({ righe: 120, accettate: 118, scartate: 2 });
      expect(esito.dettaglioScartate.map((s) => [s.riga, s.motivi[0]])).toEqual([
        [41, expect.stringMatching(/^CSV malformato: virgolette/)],
        [71, expect.stringMatching(/^CSV malformato: virgolette chiuse a metà/)],
      ]);
    }
    expect(await esiste(esitoCig(41))).toBe(true);
    expect(await esiste(esitoCig(71))).toBe(true);
    expect(await esiste(esitoCig(40))).toBe(false);
  });

  it('a row with a NUL character is refused with its line, not sent to the database', async () => {
    const conNul = [...righe];
    conNul[5] = conNul[5].replace('Lotto 5 - servizi', 'Lotto 5 \u0000 servizi');
    const esito = await importaCigAnac(store, pezzi(conNul.join('')), opzioni);
    expect(esito.dettaglioScartate).toEqual([{ riga: 6, cig: esitoCig(5), motivi: [expect.stringMatching(/oggetto_lotto: caratteri di controllo non ammessi/)] }]);
  });

  it('a comma-separated file is refused with a message that names the comma', async () => {
    const virgole = righe.slice(0, 3).map((r) => r.replaceAll(';', ',')).join('');
    const errore = await importaCigAnac(store, pezzi(virgole), opzioni).catch((e: unknown) => e);
    expect(errore).toBeInstanceOf(CsvNonValido);
    expect((errore as Error).message).toMatch(/riga 1: .*la virgola \(,\).*il punto e virgola \(;\)/);
    const senzaVirgolette = righe.slice(0, 3).map((r) => r.replace(/"/g, '').replaceAll(';', ',')).join('');
    await expect(importaCigAnac(store, pezzi(senzaVirgolette), opzioni)).rejects.toThrow(/intestazione senza la colonna "cig": l'intestazione usa come separatore la virgola \(,\)/);
  });
});

function esitoCig(n: number): string {
  const riga = [...campioneCigAnac(n)][n];
  return riga.split(';')[0].replace(/"/g, '');
}
