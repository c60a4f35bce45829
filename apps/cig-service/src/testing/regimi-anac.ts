import type { Provider } from '@nestjs/common';
import { generaCig, type SimogCall, type SimogGateway, type SimogResult } from '#anac';
import { createLogger, loadConfig, LOGGER, Metrics, type Attore, type Clock } from '#platform';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';
import { Titolari } from '../anagrafica/titolari.js';
import { AnacSimog, SIMOG_GATEWAY } from '../anac-simog/anac-simog.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { ComandoSuCig } from '../anac-simog/comando-su-cig.js';
import { TrasmissioniSimog } from '../anac-simog/trasmissioni-simog.js';
import { APP_CONFIG, PG_POOL } from '../infrastructure/tokens.js';
import { LettureContate, meta, moduloCqrs } from './modulo-cqrs.js';

export { LettureContate, meta } from './modulo-cqrs.js';

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
/** A buyer of office UFF-T, in centro di costo CDC-T of the Regione Toscana. */
export const buyer = (ufficio = 'UFF-T'): Attore => ({ userId: 'francesca', nome: 'Francesca Bianchi', codiceFiscale: 'BNCFNC80A41D612P', ruoli: ['BUYER'], ufficio, centriDiCosto: [CDC], stazioneAppaltante: SA });

/**
 * The directory of the handler tests, registered through the module's AnagraficaService: the
 * Regione Toscana, its centro di costo `cdc`, office UFF-T and the RUP Marco Giovannetti of that
 * centro di costo.
 */
export async function anagraficaToscana(anagrafica: AnagraficaService, cdc = CDC, denominazioneCdc = 'Contratti'): Promise<void> {
  await anagrafica.esegui({ type: 'RegistraStazioneAppaltante', codiceFiscale: SA, denominazione: 'Regione Toscana', codiceAusa: '0000246180' }, meta);
  await anagrafica.esegui({ type: 'RegistraCentroDiCosto', codice: cdc, denominazione: denominazioneCdc, sa: SA }, meta);
  await anagrafica.esegui({ type: 'RegistraUfficio', codice: 'UFF-T', denominazione: 'Gare', sa: SA }, meta);
  await anagrafica.esegui({ type: 'RegistraUtente', userId: 'marco', nome: 'Marco Giovannetti', codiceFiscale: RUP, sa: SA, ufficio: 'UFF-T', centriDiCosto: [cdc], ruoli: ['RUP'] }, meta);
}

/**
 * The module of moduloCqrs with the store counting reads, the fake SIMOG and what the SIMOG,
 * SmartCIG and carnet areas share, plus the area's `providers`; the directory holds the Regione
 * Toscana, CDC-T, UFF-T and the RUP. No HTTP, no database (the carnet lock takes a fake pool).
 */
export async function moduloRegimi(clock: Clock, providers: Provider[]) {
  const simog = new SimogFinto();
  const poolFinto = { connect: async () => ({ query: async () => ({ rows: [{ preso: true }] }), release: () => undefined }) };
  const { modulo, store, comandi, query } = await moduloCqrs({
    store: new LettureContate(),
    clock,
    providers: [
      { provide: APP_CONFIG, useValue: loadConfig({ SIMOG_GIORNI_PERFEZIONAMENTO: '90' }) },
      { provide: LOGGER, useValue: createLogger('silent') },
      { provide: PG_POOL, useValue: poolFinto },
      { provide: SIMOG_GATEWAY, useValue: simog },
      { provide: Metrics, useValue: new Metrics() },
      AnagraficaService, Titolari,
      AnacSimog, CigLoader, ComandoSuCig, TrasmissioniSimog,
      ...providers,
    ],
  });
  await anagraficaToscana(modulo.get(AnagraficaService));
  return { modulo, store, simog, comandi, query };
}
