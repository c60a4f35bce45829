import { Test } from '@nestjs/testing';
import { CommandBus, CqrsModule, QueryBus } from '@nestjs/cqrs';
import type { Provider } from '@nestjs/common';
import { generaCig, type SimogCall, type SimogGateway, type SimogResult } from '#anac';
import { InMemoryEventStore, type AppendOptions, type AppendResult, type EventData, type ReadStreamOptions, type RecordedEvent } from '#event-store';
import { CLOCK, createLogger, ID_GENERATOR, loadConfig, LOGGER, Metrics, randomIds, type Attore, type Clock } from '#platform';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';
import { RegistraInAnagrafica } from '../anagrafica/registra/registra.command.js';
import { RegistraInAnagraficaHandler } from '../anagrafica/registra/registra.handler.js';
import { Titolari } from '../anagrafica/titolari.js';
import { AnacSimog, SIMOG_GATEWAY } from '../anac-simog/anac-simog.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { ComandoSuCig } from '../anac-simog/comando-su-cig.js';
import { TrasmissioniSimog } from '../anac-simog/trasmissioni-simog.js';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { APP_CONFIG, EVENT_STORE, PG_POOL } from '../infrastructure/tokens.js';

/** The in-memory event store, counting the reads and the appends of each stream: a command reads its stream once. */
export class LettureContate extends InMemoryEventStore {
  readonly letture = new Map<string, number>();
  readonly scritture = new Map<string, number>();

  override async appendToStream(streamId: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult> {
    this.scritture.set(streamId, (this.scritture.get(streamId) ?? 0) + 1);
    return super.appendToStream(streamId, events, options);
  }

  override async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.letture.set(streamId, (this.letture.get(streamId) ?? 0) + 1);
    return super.readStream(streamId, options);
  }

  /** Reads of `streamId` made by `lavoro`. */
  async letturePer(streamId: string, lavoro: () => Promise<unknown>): Promise<number> {
    this.letture.clear();
    this.scritture.clear();
    await lavoro();
    return this.letture.get(streamId) ?? 0;
  }
}

/**
 * SIMOG and SmartCIG answering OK at once, with valid codes and one exchange per call (so the
 * transmission log is written), counting the calls by operation.
 */
export class SimogFinto implements SimogGateway {
  readonly chiamate: string[] = [];
  private progressivo = 0;

  private ok<T>(operazione: SimogCall['operazione'], value: T): Promise<SimogResult<T>> {
    this.chiamate.push(operazione);
    const servizio = /smartcig|carnet/.test(operazione) ? 'SMARTCIG' : 'SIMOG';
    const call: SimogCall = { servizio, operazione, path: `/${operazione}`, requestId: `r-${this.chiamate.length}`, startedAt: '2019-03-01T09:00:00.000Z', durationMs: 1, httpStatus: 200, outcome: 'OK', errori: [] };
    return Promise.resolve({ ok: true, value, calls: [call] });
  }

  creaGara: SimogGateway['creaGara'] = () => this.ok('crea-gara', { numeroGara: String(7_000_000 + ++this.progressivo) });
  creaLotto: SimogGateway['creaLotto'] = () => this.ok('crea-lotto', { cig: generaCig('SIMOG_NUMERICO', 1_000 + ++this.progressivo) });
  perfezionaCig: SimogGateway['perfezionaCig'] = () => this.ok('perfeziona-cig', undefined);
  cancellaCig: SimogGateway['cancellaCig'] = () => this.ok('cancella-cig', undefined);
  cancellaGara: SimogGateway['cancellaGara'] = () => this.ok('cancella-gara', undefined);
  richiediAnnullamento: SimogGateway['richiediAnnullamento'] = () => this.ok('richiedi-annullamento', { protocollo: 'PROT-1' });
  richiediSmartCig: SimogGateway['richiediSmartCig'] = () => this.ok('richiedi-smartcig', { cig: generaCig('SMART_CIG', 1_000 + ++this.progressivo, 'X') });
  modificaSmartCig: SimogGateway['modificaSmartCig'] = () => this.ok('modifica-smartcig', undefined);
  annullaSmartCig: SimogGateway['annullaSmartCig'] = () => this.ok('annulla-smartcig', undefined);
  richiediCarnet: SimogGateway['richiediCarnet'] = () => {
    const n = ++this.progressivo;
    return this.ok('richiedi-carnet', {
      numero: `CARNET/${String(n).padStart(7, '0')}`, codici: Array.from({ length: 50 }, (_, i) => generaCig('SMART_CIG', n * 100 + i, 'X')),
      dataRilascio: '2015-03-02T09:00:00.000Z', dataScadenza: '2015-05-31T09:00:00.000Z',
    });
  };
  comunicaCigCarnet: SimogGateway['comunicaCigCarnet'] = () => this.ok('comunica-cig-carnet', { tardiva: false });
  annullaCigCarnet: SimogGateway['annullaCigCarnet'] = () => this.ok('annulla-cig-carnet', undefined);
}

export const SA = '01386030488';
export const CDC = 'CDC-T';
export const RUP = 'GVNMRC70A01D612Q';
export const meta: CommandMeta = { attore: { sistema: 'test' }, correlationId: 'corr-1', causationId: 'cmd-1' };
/** A buyer of office UFF-T, in centro di costo CDC-T of the Regione Toscana. */
export const buyer = (ufficio = 'UFF-T'): Attore => ({ userId: 'francesca', nome: 'Francesca Bianchi', codiceFiscale: 'BNCFNC80A41D612P', ruoli: ['BUYER'], ufficio, centriDiCosto: [CDC], stazioneAppaltante: SA });

/**
 * A Nest module with the buses, the in-memory store (counting reads), the fake SIMOG and what the
 * SIMOG, SmartCIG and carnet areas share, plus the area's `providers`; the directory holds the
 * Regione Toscana, CDC-T, UFF-T and the RUP. No HTTP, no database (the carnet lock takes a fake pool).
 */
export async function moduloRegimi(clock: Clock, providers: Provider[]) {
  const store = new LettureContate();
  const simog = new SimogFinto();
  const poolFinto = { connect: async () => ({ query: async () => ({ rows: [{ preso: true }] }), release: () => undefined }) };
  const modulo = await Test.createTestingModule({
    imports: [CqrsModule.forRoot()],
    providers: [
      { provide: EVENT_STORE, useValue: store },
      { provide: CLOCK, useValue: clock },
      { provide: ID_GENERATOR, useValue: randomIds },
      { provide: APP_CONFIG, useValue: loadConfig({ SIMOG_GIORNI_PERFEZIONAMENTO: '90' }) },
      { provide: LOGGER, useValue: createLogger('silent') },
      { provide: PG_POOL, useValue: poolFinto },
      { provide: SIMOG_GATEWAY, useValue: simog },
      { provide: Metrics, useValue: new Metrics() },
      { provide: AggregateStore, useFactory: () => new AggregateStore(store, clock, randomIds) },
      AnagraficaService, Titolari, RegistraInAnagraficaHandler,
      AnacSimog, CigLoader, ComandoSuCig, TrasmissioniSimog,
      ...providers,
    ],
  }).compile();
  await modulo.init();
  const comandi = modulo.get(CommandBus);
  const query = modulo.get(QueryBus);
  await comandi.execute(new RegistraInAnagrafica({ type: 'RegistraStazioneAppaltante', codiceFiscale: SA, denominazione: 'Regione Toscana', codiceAusa: '0000246180' }, meta));
  await comandi.execute(new RegistraInAnagrafica({ type: 'RegistraCentroDiCosto', codice: CDC, denominazione: 'Contratti', sa: SA }, meta));
  await comandi.execute(new RegistraInAnagrafica({ type: 'RegistraUfficio', codice: 'UFF-T', denominazione: 'Gare', sa: SA }, meta));
  await comandi.execute(new RegistraInAnagrafica({
    type: 'RegistraUtente', userId: 'marco', nome: 'Marco Giovannetti', codiceFiscale: RUP, sa: SA, ufficio: 'UFF-T', centriDiCosto: [CDC], ruoli: ['RUP'],
  }, meta));
  return { modulo, store, simog, comandi, query };
}
