import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { DataSource } from 'typeorm';
import type { RecordedEvent } from '#event-store';
import { readModelMigrations } from '../data-source.js';
import { applicaListing } from './listing.projection.js';

const RUP = { userId: 'marco.giovannetti', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' };
const SA = { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' };
const CDC = { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' };
const GARA = '7d1f0c2a-4b7d-4c1e-9a3f-2d6b8e1c0a02';
const RICHIESTA = { stazioneAppaltante: SA, centroDiCosto: CDC, ufficio: 'UFF-TOSCANA-GARE', rup: RUP, creatoDa: RUP, oggettoProcedura: 'Pulizie', oggetto: 'Lotto 1', importo: '1000', numeroGara: '7000001', origine: 'ANAC' as const, perfezionareEntro: '2019-05-30T10:00:00.000Z' };
const CARNET_REQ = '5f0c2a8e-4b7d-4c1e-9a3f-2d6b8e1c0a09';
const CODICI = ['X0B0000001', 'X160000002'];
const titolare = { stazioneAppaltante: SA, centroDiCosto: CDC, ufficio: 'UFF-TOSCANA-GARE', rup: RUP, richiestoDa: RUP };
const dati = { fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', importo: '1500', oggetto: 'stampe digitali', procedura: 'AFFIDAMENTO_DIRETTO', oggettoPrincipale: 'SERVIZI' };

/** A SIMOG lot perfected, a SmartCIG communicated, a carnet used and expired, an imported CIG cancelled. */
const STORIA: Array<[string, { type: string; data: unknown }]> = [
  [`gara-simog-${GARA}`, { type: 'GaraSimogCreata', data: { garaId: GARA } }],
  ['cig-1234567ABC', { type: 'CigAssegnato', data: { cig: '1234567ABC', regime: 'SIMOG', appaltoId: GARA, lotIdentifier: 'LOT-0001', richiesta: RICHIESTA, il: '2019-03-01T10:00:00.000Z' } }],
  ['cig-1234567ABC', { type: 'CigPerfezionato', data: { cig: '1234567ABC', pubblicazione: { dataPubblicazione: '2019-03-05' }, il: '2019-03-06T10:00:00.000Z' } }],
  ['cig-X000000001', { type: 'CigAssegnato', data: { cig: 'X000000001', regime: 'SMARTCIG', appaltoId: GARA.replace('02', '03'), lotIdentifier: 'X000000001', richiesta: { ...RICHIESTA, numeroGara: undefined, perfezionareEntro: undefined }, il: '2019-03-01T10:00:00.000Z' } }],
  ['cig-X000000001', { type: 'CigComunicato', data: { cig: 'X000000001', dati, modifica: false, il: '2019-03-01T10:00:00.000Z' } }],
  ['carnet-CARNET-0000001', { type: 'CarnetRilasciato', data: { numero: 'CARNET/0000001', richiestaId: CARNET_REQ, titolare, codici: CODICI, rilasciatoIl: '2019-03-01T10:00:00.000Z', scadenzaIl: '2019-05-30T10:00:00.000Z', termineRendicontazione: '2019-06-29T10:00:00.000Z', il: '2019-03-01T10:00:00.000Z' } }],
  ['carnet-CARNET-0000001', { type: 'CigDelCarnetComunicato', data: { numero: 'CARNET/0000001', cig: CODICI[0], dati, tardiva: false, il: '2019-03-02T10:00:00.000Z' } }],
  ['carnet-CARNET-0000001', { type: 'CarnetScaduto', data: { numero: 'CARNET/0000001', il: '2019-05-30T10:00:00.000Z' } }],
  ['carnet-CARNET-0000001', { type: 'RendicontazioneScaduta', data: { numero: 'CARNET/0000001', nonRendicontati: [CODICI[1]], il: '2019-06-29T10:00:00.000Z' } }],
  ['cig-2234567AB0', { type: 'CigImportato', data: { cig: '2234567AB0', regime: 'SIMOG', appaltoId: GARA.replace('02', '04'), lotIdentifier: '2234567AB0', dati: { numeroGara: '555', oggettoLotto: 'Importato', importoLotto: '99.5', ufficio: 'OPEN-DATA', origine: { file: 'x.csv', riga: 2 } }, il: '2018-01-01T00:00:00.000Z' } }],
  ['cig-2234567AB0', { type: 'CigCancellato', data: { cig: '2234567AB0', motivo: 'Cancellato (open data ANAC)', il: '2018-02-01T00:00:00.000Z' } }],
];

describe('The listing projection folds SIMOG, SmartCIG, carnet and imported rows of rm_cig_listing (real PostgreSQL)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(4);
    const ds = new DataSource({ type: 'postgres', url: db.url, migrations: [...readModelMigrations], migrationsTableName: 'rm_migrations' });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const registrati = (storia: typeof STORIA): RecordedEvent[] =>
    storia.map(([streamId, e], i) => ({ streamId, revision: 0n, position: String(i), id: `e${i}`, type: e.type, data: e.data, metadata: {}, created: new Date(0) }) as unknown as RecordedEvent);
  /** Folds the events in batches of `perBatch` (all in one by default), each batch in its transaction, as the consumer does. */
  const applica = async (storia = STORIA, perBatch = storia.length) => {
    const eventi = registrati(storia);
    for (let i = 0; i < eventi.length; i += perBatch) {
      const client: pg.PoolClient = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await applicaListing(eventi.slice(i, i + perBatch), client as never);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }
  };
  const righe = async () =>
    (await db.pool.query(`SELECT appalto_id, lot_identifier, cig, modalita, regime, stato_richiesta, stato_lotto, oggetto_lotto, valore::text, cig_disponibile, cig_utilizzato,
       to_char(data_scadenza_cig, 'YYYY-MM-DD') AS scadenza, id_appalto_anac FROM rm_cig_listing ORDER BY cig`)).rows;

  it('writes one row per code with the regime, modality and state of manuale START Richiedi CIG', async () => {
    await applica();
    const r = await righe();
    expect(r).toEqual([
      expect.objectContaining({ cig: '1234567ABC', appalto_id: GARA, lot_identifier: 'LOT-0001', modalita: 'CIG', regime: 'SIMOG', stato_richiesta: 'Perfezionata', cig_disponibile: true, scadenza: null, id_appalto_anac: '7000001' }),
      expect.objectContaining({ cig: '2234567AB0', modalita: 'CIG', regime: 'SIMOG', stato_richiesta: 'Annullata', oggetto_lotto: 'Importato', valore: '99.50' }),
      expect.objectContaining({ cig: 'X000000001', modalita: 'SMARTCIG', regime: 'SMARTCIG', stato_richiesta: 'Perfezionata', stato_lotto: 'COMUNICATO', oggetto_lotto: 'stampe digitali', valore: '1500.00' }),
      expect.objectContaining({ cig: CODICI[0], appalto_id: CARNET_REQ, modalita: 'SMARTCIG', stato_richiesta: 'Perfezionata', cig_utilizzato: true, scadenza: '2019-05-30', id_appalto_anac: 'CARNET/0000001' }),
      expect.objectContaining({ cig: CODICI[1], stato_richiesta: 'Scaduta', stato_lotto: 'NON_RENDICONTATO', cig_disponibile: false }),
    ]);
  });

  it('replaying every event again gives the same rows', async () => {
    const prima = await righe();
    await applica();
    expect(await righe()).toEqual(prima);
  });

  it('one event per batch gives the same rows as one batch (the fold does not depend on where a batch ends)', async () => {
    const prima = await righe();
    await db.pool.query('TRUNCATE rm_cig_listing, rm_appalti');
    await applica(STORIA, 1);
    expect(await righe()).toEqual(prima);
    await db.pool.query('TRUNCATE rm_cig_listing, rm_appalti');
    await applica(STORIA, 3);
    expect(await righe()).toEqual(prima);
  });

  it('a PCP CigAssegnato without its appalto writes no row of these regimes', async () => {
    const prima = await righe();
    await applica([
      ['cig-A000000001', { type: 'CigAssegnato', data: { cig: 'A000000001', regime: 'PCP', appaltoId: GARA, lotIdentifier: 'LOT-9', il: '2024-03-01T10:00:00.000Z' } }],
      ['cig-A000000001', { type: 'CigPerfezionato', data: { cig: 'A000000001', il: '2024-03-01T10:00:00.000Z' } }],
    ]);
    expect(await righe()).toEqual(prima);
  });
});
