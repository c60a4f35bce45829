import { randomUUID } from 'node:crypto';
import type { CommandBus, QueryBus } from '@nestjs/cqrs';
import { isCigValido } from '#anac';
import { eventiImportazione } from '#domain';
import { InMemoryEventStore } from '#event-store';
import { LOGGER, type Attore } from '#platform';
import type { ProiezioneRicostruibile } from '#read-models';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { CHECKPOINTS, PG_POOL } from '../infrastructure/tokens.js';
import { moduloCqrs } from '../testing/modulo-cqrs.js';
import { CarnetDelCig } from '../carnet/carnet-del-cig.js';
import { AvanzamentoRicostruzioneHandler, ElencaProiezioniHandler } from './elenca-proiezioni/elenca-proiezioni.handlers.js';
import { AvanzamentoRicostruzione, ElencaProiezioni } from './elenca-proiezioni/elenca-proiezioni.queries.js';
import { RicostruisciProiezione } from './ricostruisci-proiezione/ricostruisci-proiezione.command.js';
import { RicostruisciProiezioneHandler } from './ricostruisci-proiezione/ricostruisci-proiezione.handler.js';
import { RicostruzioniService } from './ricostruzioni.service.js';
import { StoriaCigHandler } from './storia-cig/storia-cig.handler.js';
import { StoriaCig } from './storia-cig/storia-cig.query.js';

/** The read side's use cases through Nest's QueryBus and CommandBus, on the in-memory event store (no HTTP, no database). */
describe('consultazione use cases on @nestjs/cqrs and the in-memory event store', () => {
  const CIG = '1234567CE7';
  const attore = (ufficio: string, ruoli: Attore['ruoli'] = ['BUYER']): Attore => ({ userId: 'x', nome: 'X', codiceFiscale: 'X', ruoli, ufficio, centriDiCosto: [], stazioneAppaltante: '01386030488' });
  let store: InMemoryEventStore;
  let query: QueryBus;
  let comandi: CommandBus;
  let ricostruzioni: RicostruzioniService;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    const dati = {
      numeroGara: '7654321', oggettoLotto: 'Pulizia', importoLotto: '1000', ufficio: 'UFF-A', origine: { file: 'cig_2019.csv', riga: 2 },
      dataPubblicazione: '2019-03-20T23:00:00.000Z', dataUltimoPerfezionamento: '2019-03-10T23:00:00.000Z',
    };
    const eventi = eventiImportazione(CIG, dati, { appaltoId: randomUUID() }, isCigValido);
    await store.appendToStream(
      `cig-${CIG}`,
      eventi.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata: { effectiveAt: e.effectiveAt, recordedAt: '2024-05-01T10:00:00.000Z' } })),
    );
    const { modulo, ...bus } = await moduloCqrs({
      store,
      providers: [
        // Neither the carnet look-up nor a rebuild reaches the database in these cases.
        { provide: PG_POOL, useValue: {} },
        { provide: CHECKPOINTS, useValue: {} },
        { provide: LOGGER, useValue: { info: () => undefined, warn: () => undefined } },
        { provide: CarnetDelCig, useValue: { trova: async () => undefined } },
        { provide: ConsumerRegistry, useValue: { get: (nome: string) => (nome === 'listing' ? { status: () => ({ position: '7', active: true, caughtUp: true }) } : undefined) } },
        RicostruzioniService,
        StoriaCigHandler, ElencaProiezioniHandler, AvanzamentoRicostruzioneHandler, RicostruisciProiezioneHandler,
      ],
    });
    ({ query, comandi } = bus);
    ricostruzioni = modulo.get(RicostruzioniService);
    for (const nome of ['listing', 'audit']) ricostruzioni.registra({ consumer: { name: nome } } as unknown as ProiezioneRicostruibile);
  });

  it("a CIG's history as of a date is folded from its events, for its office and for those who read everything", async () => {
    const storia = (await query.execute(new StoriaCig(CIG, { asOf: '2019-03-15T12:00:00Z' }, attore('UFF-A')))) as { eventi: Array<{ tipo: string }>; stato: { cig: unknown }; ufficio: string };
    expect(storia.ufficio).toBe('UFF-A');
    expect(storia.eventi.map((e) => e.tipo)).toEqual(['CigImportato', 'CigPerfezionato']);
    expect(storia.stato.cig).toMatchObject({ stato: 'PERFEZIONATO' });
    const prima = (await query.execute(new StoriaCig(CIG, { asOf: '2019-03-01' }, attore('UFF-B', ['AUDITOR'])))) as { eventi: unknown[]; eventiSuccessivi: number };
    expect(prima).toMatchObject({ eventi: [], eventiSuccessivi: 2 });
  });

  it('refuses another office, proofs to those who may not read the trail, a bad code or date (naming the field), an unknown code', async () => {
    await expect(query.execute(new StoriaCig(CIG, {}, attore('UFF-B')))).rejects.toMatchObject({ code: 'OPERAZIONE_NON_CONSENTITA' });
    await expect(query.execute(new StoriaCig(CIG, { prove: 'true' }, attore('UFF-A')))).rejects.toMatchObject({ code: 'OPERAZIONE_NON_CONSENTITA' });
    await expect(query.execute(new StoriaCig('1234567CE8', { asOf: 'ieri' }, attore('UFF-A')))).rejects.toMatchObject({
      kind: 'invalid',
      errors: expect.arrayContaining([expect.objectContaining({ campo: 'query.cig', codice: 'CIG_NON_VALIDO' }), expect.objectContaining({ campo: 'query.asOf', codice: 'DATA_NON_VALIDA' })]),
    });
    await expect(query.execute(new StoriaCig('7654321183', {}, attore('UFF-A')))).rejects.toMatchObject({ code: 'CIG_NON_TROVATO' });
  });

  it('the projections are listed with their consumer; an unknown one or one never rebuilt here is a 404, and is not rebuilt', async () => {
    expect(await query.execute(new ElencaProiezioni())).toEqual([
      { nome: 'audit', posizione: null, attiva: false, allineata: false, ricostruzione: null },
      { nome: 'listing', posizione: '7', attiva: true, allineata: true, ricostruzione: null },
    ]);
    await expect(query.execute(new AvanzamentoRicostruzione('ignota'))).rejects.toMatchObject({ code: 'PROIEZIONE_SCONOSCIUTA' });
    await expect(query.execute(new AvanzamentoRicostruzione('listing'))).rejects.toMatchObject({ code: 'NESSUNA_RICOSTRUZIONE' });
    await expect(comandi.execute(new RicostruisciProiezione('ignota'))).rejects.toMatchObject({ code: 'PROIEZIONE_SCONOSCIUTA' });
  });
});
