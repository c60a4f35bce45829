import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import { CheckpointStore, InMemoryEventStore } from '#event-store';
import { CLOCK, ID_GENERATOR, ManualClock, randomIds, type Attore } from '#platform';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.js';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';
import { migraDatabaseDelServizio } from '../infrastructure/migrazioni.js';
import { CHECKPOINTS, EVENT_STORE, PG_POOL, WALL_CLOCK } from '../infrastructure/tokens.js';
import { CifraSegreti } from './cifra-segreti.js';
import { ElencaSottoscrizioniHandler, RegistroConsegneHandler } from './consulta/consulta.handlers.js';
import { ElencaSottoscrizioni, RegistroConsegne } from './consulta/consulta.queries.js';
import { EliminaSottoscrizione } from './elimina/elimina.command.js';
import { EliminaSottoscrizioneHandler } from './elimina/elimina.handler.js';
import { RiproduciEventi } from './riproduci/riproduci.command.js';
import { RiproduciEventiHandler } from './riproduci/riproduci.handler.js';
import { Sottoscrivi } from './sottoscrivi/sottoscrivi.command.js';
import { SottoscriviHandler } from './sottoscrivi/sottoscrivi.handler.js';
import { NOME_OUTBOX } from './webhook.consumer.js';
import { WebhookService } from './webhook.service.js';

/** The webhook use cases through Nest's CommandBus and QueryBus: events read from the in-memory store, subscriptions and deliveries in PostgreSQL. */
describe('webhook use cases on @nestjs/cqrs', () => {
  const admin: Attore = { userId: 'admin', nome: 'A', codiceFiscale: 'X', ruoli: ['ADMIN'], ufficio: 'UFF-A', centriDiCosto: [], stazioneAppaltante: '01386030488' };
  const dati = { url: 'http://127.0.0.1:9/eventi', segreto: 'una-frase-segreta-lunga', eventi: ['AppaltoCreato', 'CigAssegnato'] };
  let db: TestDatabase;
  let store: InMemoryEventStore;
  let comandi: CommandBus;
  let query: QueryBus;

  beforeAll(async () => {
    db = await createTestDatabase(3);
    await migraDatabaseDelServizio(db.url);
    const checkpoints = new CheckpointStore(db.pool);
    await checkpoints.migrate();
    store = new InMemoryEventStore();
    const evento = (type: string, data: unknown) => ({ id: randomUUID(), type, data, metadata: {} });
    await store.appendToStream('appalto-a1', [evento('AppaltoCreato', { appaltoId: 'a1', ufficio: 'UFF-A' }), evento('AppaltoInviato', { richiestaId: 'r' })]);
    await store.appendToStream('cig-C1', [evento('CigAssegnato', { cig: 'C1', appaltoId: 'a1' })]);
    await store.appendToStream('altro-x', [evento('AppaltoCreato', { appaltoId: 'x' })]);
    // The outbox has seen the whole log: a replay queues up to there.
    await checkpoints.save(db.pool, NOME_OUTBOX, undefined, (await store.headPosition())!);
    const clock = new ManualClock('2025-03-01T09:00:00Z');
    const modulo = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: PG_POOL, useValue: db.pool },
        { provide: CHECKPOINTS, useValue: checkpoints },
        { provide: CLOCK, useValue: clock },
        { provide: WALL_CLOCK, useValue: clock },
        { provide: ID_GENERATOR, useValue: randomIds },
        { provide: AnagraficaService, useValue: { stato: async () => ({ uffici: new Map([['UFF-A', {}]]) }) } },
        { provide: CifraSegreti, useValue: CifraSegreti.daTesto('chiave-dei-segreti-di-prova-lunga-abbastanza') },
        WebhookService,
        SottoscriviHandler, ElencaSottoscrizioniHandler, RegistroConsegneHandler, EliminaSottoscrizioneHandler, RiproduciEventiHandler,
      ],
    }).compile();
    await modulo.init();
    comandi = modulo.get(CommandBus);
    query = modulo.get(QueryBus);
  });
  afterAll(() => db?.drop());

  it('subscribes (never answering the secret), refuses an unknown office, lists the subscriptions', async () => {
    await expect(comandi.execute(new Sottoscrivi({ ...dati, ufficio: 'UFF-Z' }, admin))).rejects.toMatchObject({ code: 'UFFICIO_SCONOSCIUTO' });
    const s = await comandi.execute(new Sottoscrivi(dati, admin));
    expect(s).toMatchObject({ url: dati.url, eventi: dati.eventi, attiva: true, creataIl: '2025-03-01T09:00:00.000Z', creataDa: 'admin' });
    expect(JSON.stringify(s)).not.toContain(dati.segreto);
    const { rows } = await db.pool.query<{ segreto: string }>('SELECT segreto FROM webhook_sottoscrizioni WHERE id = $1', [s.id]);
    expect(rows[0]!.segreto).not.toContain(dati.segreto);
    expect((await query.execute(new ElencaSottoscrizioni())).map((x) => x.id)).toContain(s.id);
  });

  it('replays from the start the events the subscription wants, read from the log, up to the outbox; then deletion cancels them', async () => {
    const s = await comandi.execute(new Sottoscrivi(dati, admin));
    await expect(comandi.execute(new RiproduciEventi(s.id, 'non-una-posizione'))).rejects.toMatchObject({ code: 'POSIZIONE_NON_VALIDA' });
    const esito = await comandi.execute(new RiproduciEventi(s.id, 'inizio'));
    const [, , cig] = await store.readAll();
    expect(esito).toEqual({ sottoscrizione: s.id, dallaPosizione: 'inizio', accodate: 2, finoAllaPosizione: cig!.position });
    const registro = await query.execute(new RegistroConsegne(s.id, {}));
    expect(registro.consegne.map((c) => [c.tipo, c.stato])).toEqual([['CigAssegnato', 'IN_ATTESA'], ['AppaltoCreato', 'IN_ATTESA']]);
    expect(await comandi.execute(new EliminaSottoscrizione(s.id))).toMatchObject({ id: s.id, attiva: false });
    expect((await query.execute(new RegistroConsegne(s.id, { stato: 'ANNULLATA' }))).consegne).toHaveLength(2);
    await expect(comandi.execute(new RiproduciEventi(s.id, 'inizio'))).rejects.toMatchObject({ code: 'SOTTOSCRIZIONE_ELIMINATA' });
    await expect(query.execute(new RegistroConsegne(randomUUID(), {}))).rejects.toMatchObject({ code: 'SOTTOSCRIZIONE_SCONOSCIUTA' });
  });
});
