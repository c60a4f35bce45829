import { Inject, Injectable } from '@nestjs/common';
import { SimogHttpClient, type SimogCall, type SimogCallContext, type SimogGateway, type SimogResult } from '#anac';
import { trasmissioniSimogStream, type ChiamataAnac, type TrasmissioneSimogEvent } from '#domain';
import { CLOCK, LOGGER, Metrics, systemClock, type AppConfig, type Clock, type IdGenerator, type Logger } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import { osservaScambi } from '../infrastructure/osservazione-anac.js';

export const SIMOG_GATEWAY = Symbol('SimogGateway');

/** SIMOG and SmartCIG over HTTP: ANAC_SIMOG_URL, else ANAC_PCP_URL (the simulator serves both). Wall clock for the log's times. */
export function createSimogGateway(config: AppConfig, ids: IdGenerator): SimogGateway {
  const baseUrl = config.ANAC_SIMOG_URL ?? config.ANAC_PCP_URL;
  if (!baseUrl) throw new Error('ANAC_SIMOG_URL (or ANAC_PCP_URL) is not set');
  return new SimogHttpClient({ baseUrl, voucher: config.ANAC_VOUCHER, timeoutMs: config.ANAC_TIMEOUT_MS, clock: systemClock, ids });
}

/** ANAC refused, or could not be asked: 422 naming ANAC's errors, or 503 (retry: creations are not duplicated). */
export class ErroreAnacSimog extends Error {
  constructor(readonly code: string, readonly kind: 'rule' | 'unavailable', message: string, readonly details: Record<string, unknown>) {
    super(message);
  }
}

/** Labels of the transmission log's "Contesto" column. */
const CONTESTO: Record<SimogCall['operazione'], string> = {
  'crea-gara': 'Crea Gara SIMOG', 'crea-lotto': 'Crea Lotto SIMOG', 'perfeziona-cig': 'Perfeziona CIG', 'cancella-cig': 'Cancella CIG', 'cancella-gara': 'Cancella Gara SIMOG',
  'richiedi-annullamento': 'Richiesta Annullamento CIG', 'richiedi-smartcig': 'Richiedi SmartCIG', 'modifica-smartcig': 'Modifica SmartCIG', 'annulla-smartcig': 'Annulla SmartCIG',
  'richiedi-carnet': 'Richiedi Carnet', 'comunica-cig-carnet': 'Comunica CIG del Carnet', 'annulla-cig-carnet': 'Annulla CIG del Carnet',
};

function chiamata(c: SimogCall): ChiamataAnac {
  const errori = c.errori.map((e) => ({ codice: e.codice, descrizione: e.dettaglio ?? e.codice, ...(e.dettaglio ? { dettaglio: e.dettaglio } : {}) }));
  const descrizione = c.outcome === 'OK' ? 'Richiesta elaborata con successo'
    : c.outcome === 'KO' ? errori.map((e) => `${e.codice}: ${e.descrizione}`).join('; ') || `ANAC ha risposto HTTP ${c.httpStatus}`
    : `${c.servizio} non raggiungibile o risposta persa (${c.networkError ?? `HTTP ${c.httpStatus}`})`;
  return {
    operazione: c.operazione, contesto: CONTESTO[c.operazione], requestId: c.requestId, inizio: c.startedAt, durataMs: c.durationMs,
    ...(c.httpStatus === undefined ? {} : { httpStatus: c.httpStatus }), esito: c.outcome, descrizione, errori, richiesta: c.requestBody, risposta: c.responseBody,
  };
}

/**
 * Calls SIMOG or SmartCIG for a command and records every exchange as TrasmissioneSimogEseguita
 * (stream `trasmissioni-simog-<riferimento>`), with the caller as actor, whatever the outcome.
 */
@Injectable()
export class AnacSimog {
  constructor(
    @Inject(SIMOG_GATEWAY) private readonly gateway: SimogGateway,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: Metrics,
  ) {}

  contesto(t: { rup: { codiceFiscale: string; nome: string }; stazioneAppaltante: { codiceFiscale: string; codiceAusa: string }; centroDiCosto: { codice: string } }): SimogCallContext {
    return {
      rup: { codiceFiscale: t.rup.codiceFiscale, nome: t.rup.nome },
      stazioneAppaltante: { codiceFiscale: t.stazioneAppaltante.codiceFiscale, codiceAusa: t.stazioneAppaltante.codiceAusa },
      centroDiCosto: t.centroDiCosto.codice,
      dataRiferimento: this.clock.now().toISOString(),
    };
  }

  async chiama<T>(riferimento: string, ctx: SimogCallContext, meta: CommandMeta, call: (g: SimogGateway) => Promise<SimogResult<T>>): Promise<T> {
    const esito = await call(this.gateway);
    osservaScambi(this.logger.child({ component: 'anac-simog' }), this.metrics, { appaltoId: riferimento, pratica: esito.calls[0]?.servizio ?? 'SIMOG' }, esito.calls);
    const richiestaDa = 'userId' in meta.attore ? meta.attore.userId : undefined;
    if (esito.calls.length > 0) {
      const eventi: TrasmissioneSimogEvent[] = esito.calls.map((c) => ({
        type: 'TrasmissioneSimogEseguita',
        data: { riferimento, servizio: c.servizio, perContoDi: ctx.rup.codiceFiscale, ...(richiestaDa ? { richiestaDa } : {}), chiamata: chiamata(c) },
      }));
      // Written by the service (as the PCP process manager does), also when ANAC refused: the
      // log shows every exchange, and a refused command writes nothing on the user's behalf.
      await this.aggregates.append(trasmissioniSimogStream(riferimento), eventi, { ...meta, attore: { sistema: 'anac-simog' }, eventIdSeed: undefined }, 'any');
    }
    if (esito.ok) return esito.value;
    const f = esito.failure;
    if (f.categoria === 'RIFIUTATA') {
      throw new ErroreAnacSimog('ANAC_RIFIUTO', 'rule', `ANAC ha rifiutato la richiesta: ${f.messaggio}`, { errori: f.errori, httpStatus: f.httpStatus });
    }
    throw new ErroreAnacSimog(f.categoria === 'ESITO_INCERTO' ? 'ANAC_ESITO_INCERTO' : 'ANAC_NON_RAGGIUNGIBILE', 'unavailable', f.messaggio, { retryAfter: 5 });
  }
}
