import type pg from 'pg';
import type { RecordedEvent } from '#event-store';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { RegimiStorici1732600100000 } from '../migrations/1732600100000-regimi-storici.js';
import { carnetProjection } from './carnet.projection.js';

const RUP = { userId: 'r', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' };
const titolare = {
  stazioneAppaltante: { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' },
  centroDiCosto: { codice: 'CDC-TOSCANA-CONTRATTI', denominazione: 'Settore Contratti' }, ufficio: 'UFF-TOSCANA-GARE', rup: RUP, richiestoDa: RUP,
};
const N = 'CARNET/0000555';
const codici = ['X11000277E', 'X33000111F', 'X440005530'];
const dati = { fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', importo: '1500', oggetto: 'stampe digitali', procedura: 'AFFIDAMENTO_DIRETTO', oggettoPrincipale: 'SERVIZI' };
const e = (type: string, data: unknown) => ({ type, data, streamId: 'carnet-CARNET-0000555' }) as unknown as RecordedEvent;
const STORIA = [
  e('CarnetRichiesto', { ...titolare, numero: N, richiestaId: 'req', dimensione: 3, il: '2011-05-04T08:00:00.000Z' }),
  e('CarnetRilasciato', { numero: N, richiestaId: 'req', titolare, codici, rilasciatoIl: '2011-05-04T08:00:00.000Z', scadenzaIl: '2011-08-02T08:00:00.000Z', termineRendicontazione: '2011-09-01T08:00:00.000Z', il: '2011-05-04T08:00:00.000Z' }),
  e('CigDelCarnetComunicato', { numero: N, cig: codici[0], dati, tardiva: false, il: '2011-05-05T08:00:00.000Z' }),
  e('CigDelCarnetAnnullato', { numero: N, cig: codici[1], motivo: 'x', tardiva: false, il: '2011-05-05T08:00:00.000Z' }),
  e('CarnetScaduto', { numero: N, il: '2011-08-02T08:00:00.000Z' }),
];

describe('carnetProjection: Lista CARNET and Dettaglio CARNET (nota SMART CIG 2011), real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(4);
    const ds = new DataSource({ type: 'postgres', url: db.url, migrations: [RegimiStorici1732600100000], migrationsTableName: 'rm_migrations' });
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
  });
  afterAll(async () => {
    await db?.drop();
  });

  const applica = async () => {
    const client: pg.PoolClient = await db.pool.connect();
    await client.query('BEGIN');
    await carnetProjection.handle(STORIA, client);
    await client.query('COMMIT');
    client.release();
  };
  const righe = async () => ({
    carnet: (await db.pool.query('SELECT numero, stato, dimensione, non_rendicontati, comunicati, annullati, data_scadenza FROM rm_carnet')).rows,
    cig: (await db.pool.query('SELECT numero, ordine, cig, stato, oggetto FROM rm_carnet_cig ORDER BY ordine')).rows,
  });

  it('counts codes by state and keeps their order, object and state; replaying gives the same rows', async () => {
    await applica();
    const prima = await righe();
    expect(prima.carnet).toEqual([expect.objectContaining({ numero: N, stato: 'SCADUTO', dimensione: 3, non_rendicontati: 1, comunicati: 1, annullati: 1 })]);
    expect(prima.cig.map((c) => [c.cig, c.stato, c.oggetto])).toEqual([[codici[0], 'COMUNICATO', 'stampe digitali'], [codici[1], 'ANNULLATO', null], [codici[2], 'NON_RENDICONTATO', null]]);
    await applica();
    expect(await righe()).toEqual(prima);
  });
});
