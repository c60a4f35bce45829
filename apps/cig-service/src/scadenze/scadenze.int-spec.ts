import { carnetStream, cigStream } from '#domain';
import { PostgresEventStore, type EventData, type RecordedEvent } from '#event-store';
import { createLogger, deterministicUuid, ManualClock, randomIds } from '#platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { Scadenze1732601300300 } from './migrazioni/1732601300300-scadenze.js';
import { EsecutoreScadenze } from './esecutore-scadenze.js';
import { scadenzeConsumer } from './scadenze.consumer.js';
import { ScadenzeStore } from './scadenze.store.js';

const CARNET = 20;
const CIG = 20;
const titolare = {
  stazioneAppaltante: { codiceFiscale: '01386030488', denominazione: 'Regione Toscana', codiceAusa: '0000246180' },
  centroDiCosto: { codice: 'CDC', denominazione: 'CdC' }, ufficio: 'UFF', rup: { userId: 'r', nome: 'R', codiceFiscale: 'GVNMRC70A01D612Q' },
};
const codici = (k: number) => Array.from({ length: 50 }, (_, i) => `X${String(k * 100 + i + 1).padStart(9, '0')}`);
const numero = (k: number) => `CARNET/${String(k + 1).padStart(7, '0')}`;
const cig = (n: number) => `${String(1_000_000 + n).padStart(7, '0')}ABC`;
const evento = (type: string, data: unknown): EventData => ({ id: randomIds.uuid(), type, data, metadata: {} });

/** The deadline scheduler with two instances on one database, a crashed claim and a crash after the append. */
describe('deadline scheduler: exactly once, with two instances and across restarts (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await createTestDatabase(20);
    store = new PostgresEventStore(db.pool);
    await store.migrate();
    const ds = new DataSource({ type: 'postgres', url: db.url, migrations: [Scadenze1732601300300], migrationsTableName: 'rm_migrations' });
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    for (let k = 0; k < CARNET; k++) {
      await store.appendToStream(carnetStream(numero(k)), [
        evento('CarnetRichiesto', { ...titolare, richiestoDa: titolare.rup, numero: numero(k), richiestaId: `req-${k}`, dimensione: 50, il: '2015-01-01T10:00:00.000Z' }),
        evento('CarnetRilasciato', {
          numero: numero(k), richiestaId: `req-${k}`, titolare: { ...titolare, richiestoDa: titolare.rup }, codici: codici(k),
          rilasciatoIl: '2015-01-01T10:00:00.000Z', scadenzaIl: '2015-04-01T10:00:00.000Z', termineRendicontazione: '2015-05-01T10:00:00.000Z', il: '2015-01-01T10:00:00.000Z',
        }),
      ]);
    }
    for (let n = 0; n < CIG; n++) {
      await store.appendToStream(cigStream(cig(n)), [evento('CigAssegnato', {
        cig: cig(n), regime: 'SIMOG', appaltoId: 'g', lotIdentifier: 'LOT-0001', il: '2015-01-01T10:00:00.000Z',
        richiesta: { ...titolare, creatoDa: titolare.rup, oggettoProcedura: 'o', oggetto: 'o', importo: '1', origine: 'ANAC', perfezionareEntro: '2015-04-01T10:00:00.000Z' },
      })]);
    }
    // The consumer records the deadlines from the events, in one transaction (streams read one by
    // one: readAll stops at the cluster's horizon, which other tests' open transactions hold back).
    const eventi: RecordedEvent[] = [];
    for (let k = 0; k < CARNET; k++) eventi.push(...(await store.readStream(carnetStream(numero(k)))));
    for (let n = 0; n < CIG; n++) eventi.push(...(await store.readStream(cigStream(cig(n)))));
    const client = await db.pool.connect();
    await client.query('BEGIN');
    await scadenzeConsumer(() => undefined).handle(eventi, client);
    await scadenzeConsumer(() => undefined).handle(eventi, client); // replayed: nothing twice
    await client.query('COMMIT');
    client.release();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  const esecutore = (istanza: string, clock: ManualClock) =>
    new EsecutoreScadenze({ pool: db.pool, aggregates: new AggregateStore(store, clock, randomIds), clock, ids: randomIds, logger: createLogger('silent'), istanza, leaseMs: 200 });

  it('records each deadline once: 2 per carnet, 1 per SIMOG CIG', async () => {
    const { rows } = await db.pool.query(`SELECT tipo, count(*)::int AS n FROM scadenze GROUP BY tipo ORDER BY tipo`);
    expect(rows).toEqual([{ tipo: 'CARNET_SCADENZA', n: CARNET }, { tipo: 'CIG_PERFEZIONAMENTO', n: CIG }, { tipo: 'RENDICONTAZIONE_SCADENZA', n: CARNET }]);
  });

  it('nothing fires before its time on the business clock', async () => {
    expect(await esecutore('A', new ManualClock('2015-04-01T09:59:59.999Z')).ciclo(1000)).toBe(0);
  });

  it('two instances fire every due deadline exactly once, despite a dead claim and a crash after an append', async () => {
    const adesso = '2015-06-01T00:00:00.000Z';
    // An instance claimed 5 deadlines and died (its lease runs out); another appended CarnetScaduto
    // of carnet 0 and died before marking it done.
    await new ScadenzeStore(db.pool).reclama('morto', new Date(adesso), 5, 100);
    const morto = new AggregateStore(store, new ManualClock(adesso), randomIds);
    await morto.append(carnetStream(numero(0)), [{ type: 'CarnetScaduto', data: { numero: numero(0), il: adesso } }],
      { attore: { sistema: 'scadenze' }, correlationId: 'x', causationId: 'x', eventIdSeed: 'scadenza:CARNET_SCADENZA:CARNET/0000001' }, 'any');

    const a = esecutore('A', new ManualClock(adesso));
    const b = esecutore('B', new ManualClock(adesso));
    const lavora = async (e: EsecutoreScadenze) => {
      for (let vuoti = 0; vuoti < 10;) {
        if ((await e.ciclo(3)) === 0) {
          vuoti++;
          await new Promise((r) => setTimeout(r, 50));
        } else vuoti = 0;
      }
    };
    await Promise.all([lavora(a), lavora(b)]);

    const tipi = async (stream: string) => (await store.readStream(stream)).map((e: RecordedEvent) => e.type);
    for (let k = 0; k < CARNET; k++) expect(await tipi(carnetStream(numero(k)))).toEqual(['CarnetRichiesto', 'CarnetRilasciato', 'CarnetScaduto', 'RendicontazioneScaduta']);
    for (let n = 0; n < CIG; n++) expect(await tipi(cigStream(cig(n)))).toEqual(['CigAssegnato', 'CigScaduto']);
    const { rows } = await db.pool.query(`SELECT stato, eseguita_da, count(*)::int AS n FROM scadenze GROUP BY stato, eseguita_da`);
    expect(rows.every((r) => r.stato === 'ESEGUITA' && ['A', 'B'].includes(r.eseguita_da))).toBe(true);
    expect(rows.reduce((s, r) => s + r.n, 0)).toBe(2 * CARNET + CIG);
    // The event ids derive from the deadline (expiry, or the reporting term that recorded it first): a later run appends the same ids.
    const [scaduto] = (await store.readStream(carnetStream(numero(3)))).filter((e) => e.type === 'CarnetScaduto');
    expect([deterministicUuid('scadenza:CARNET_SCADENZA:CARNET/0000004', carnetStream(numero(3)), '0'), deterministicUuid('scadenza:RENDICONTAZIONE_SCADENZA:CARNET/0000004', carnetStream(numero(3)), '0')]).toContain(scaduto.id);
  });

  it('fired on 1/6 (the service was down since before 1/4): each deadline is effective when it fell due; recorded now', async () => {
    const inizio = Date.now() - 60_000;
    const [scaduto] = (await store.readStream(cigStream(cig(7)))).filter((e) => e.type === 'CigScaduto');
    expect(scaduto.data).toMatchObject({ scadenza: '2015-04-01T10:00:00.000Z', il: '2015-04-01T10:00:00.000Z' });
    expect(scaduto.metadata.effectiveAt).toBe('2015-04-01T10:00:00.000Z');
    expect(Date.parse(String(scaduto.metadata.recordedAt))).toBeGreaterThan(inizio);
    const carnet = await store.readStream(carnetStream(numero(7)));
    const rendicontazione = carnet.find((e) => e.type === 'RendicontazioneScaduta')!;
    expect(rendicontazione.data).toMatchObject({ il: '2015-05-01T10:00:00.000Z' });
    expect(rendicontazione.metadata.effectiveAt).toBe('2015-05-01T10:00:00.000Z');
    expect(carnet.find((e) => e.type === 'CarnetScaduto')!.data).toMatchObject({ il: '2015-04-01T10:00:00.000Z' });
  });

  it('a restarted instance finds nothing left to do', async () => {
    expect(await esecutore('C', new ManualClock('2016-01-01T00:00:00.000Z')).ciclo(1000)).toBe(0);
  });
});
