import { randomIds, systemClock, type Clock, type IdGenerator } from '#platform';
import type { CarnetEmesso, OperazioneSimog, SimogCall, SimogCallContext, SimogFailure, SimogGateway, SimogResult } from './simog-gateway.js';

/** Options of {@link SimogHttpClient}. */
export interface SimogHttpClientOptions {
  /** Base URL: the simulator's, e.g. `http://127.0.0.1:3100` (services under `/SIMOG/v1` and `/SmartCIG/v1`). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer`. */
  readonly voucher: string;
  readonly timeoutMs?: number;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
}

const SERVIZIO: Record<OperazioneSimog, 'SIMOG' | 'SMARTCIG'> = {
  'crea-gara': 'SIMOG', 'crea-lotto': 'SIMOG', 'perfeziona-cig': 'SIMOG', 'cancella-cig': 'SIMOG', 'cancella-gara': 'SIMOG', 'richiedi-annullamento': 'SIMOG',
  'richiedi-smartcig': 'SMARTCIG', 'modifica-smartcig': 'SMARTCIG', 'annulla-smartcig': 'SMARTCIG', 'richiedi-carnet': 'SMARTCIG', 'comunica-cig-carnet': 'SMARTCIG', 'annulla-cig-carnet': 'SMARTCIG',
};

/** Path of an operation: `/SIMOG/v1/crea-gara`, `/SmartCIG/v1/richiedi-carnet`. */
export const percorsoSimog = (op: OperazioneSimog): string => `/${SERVIZIO[op] === 'SIMOG' ? 'SIMOG' : 'SmartCIG'}/v1/${op}`;

/**
 * {@link SimogGateway} over HTTP (JSON POSTs). One attempt per call: the command answers the user
 * at once (these services were interactive); creations carry an `idRichiesta`, so the user's retry
 * after a lost answer gets the first result back instead of a second code.
 */
export class SimogHttpClient implements SimogGateway {
  private readonly clock: Clock;
  private readonly ids: IdGenerator;

  constructor(private readonly options: SimogHttpClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
  }

  creaGara(ctx: SimogCallContext, r: { idRichiesta: string; oggetto: string; importo?: string }) {
    return this.invia<{ numeroGara: string }>('crea-gara', ctx, r, (j) => campo(j, 'numeroGara'));
  }
  creaLotto(ctx: SimogCallContext, r: { idRichiesta: string; numeroGara: string; oggetto: string; importo: string }) {
    return this.invia<{ cig: string }>('crea-lotto', ctx, r, (j) => campo(j, 'cig'));
  }
  perfezionaCig(ctx: SimogCallContext, r: { cig: string; dataPubblicazione: string }) {
    return this.invia<void>('perfeziona-cig', ctx, r, () => undefined);
  }
  cancellaCig(ctx: SimogCallContext, r: { cig: string; codiceMotivo: number; nota?: string }) {
    return this.invia<void>('cancella-cig', ctx, r, () => undefined);
  }
  cancellaGara(ctx: SimogCallContext, r: { numeroGara: string }) {
    return this.invia<void>('cancella-gara', ctx, r, () => undefined);
  }
  richiediAnnullamento(ctx: SimogCallContext, r: { cig: string; motivazione: string; documentoIdentitaRup: string }) {
    return this.invia<{ protocollo: string }>('richiedi-annullamento', ctx, r, (j) => campo(j, 'protocollo'));
  }
  richiediSmartCig(ctx: SimogCallContext, r: { idRichiesta: string; dati: unknown }) {
    return this.invia<{ cig: string }>('richiedi-smartcig', ctx, r, (j) => campo(j, 'cig'));
  }
  modificaSmartCig(ctx: SimogCallContext, r: { cig: string; dati: unknown }) {
    return this.invia<void>('modifica-smartcig', ctx, r, () => undefined);
  }
  annullaSmartCig(ctx: SimogCallContext, r: { cig: string }) {
    return this.invia<void>('annulla-smartcig', ctx, r, () => undefined);
  }
  richiediCarnet(ctx: SimogCallContext, r: { idRichiesta: string }) {
    return this.invia<CarnetEmesso>('richiedi-carnet', ctx, r, (j) => {
      const c = j as Partial<CarnetEmesso> | undefined;
      return c && typeof c.numero === 'string' && Array.isArray(c.codici) && typeof c.dataRilascio === 'string' && typeof c.dataScadenza === 'string'
        ? { numero: c.numero, codici: c.codici, dataRilascio: c.dataRilascio, dataScadenza: c.dataScadenza }
        : undefined;
    });
  }
  comunicaCigCarnet(ctx: SimogCallContext, r: { numero: string; cig: string; dati: unknown }) {
    return this.invia<{ tardiva: boolean }>('comunica-cig-carnet', ctx, r, (j) => ({ tardiva: (j as { tardiva?: unknown })?.tardiva === true }));
  }
  annullaCigCarnet(ctx: SimogCallContext, r: { numero: string; cig: string }) {
    return this.invia<void>('annulla-cig-carnet', ctx, r, () => undefined);
  }

  private async invia<T>(operazione: OperazioneSimog, ctx: SimogCallContext, dati: object, leggi: (json: unknown) => T | undefined): Promise<SimogResult<T>> {
    const path = percorsoSimog(operazione);
    const requestId = this.ids.uuid();
    const requestBody = { ...dati, rup: ctx.rup, stazioneAppaltante: ctx.stazioneAppaltante, centroDiCosto: ctx.centroDiCosto, dataRiferimento: ctx.dataRiferimento };
    const startedAt = this.clock.now().toISOString();
    const inizio = performance.now();
    const base = { servizio: SERVIZIO[operazione], operazione, path, requestId, startedAt, requestBody };
    const timer = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    try {
      const response = await fetch(`${this.options.baseUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${this.options.voucher}`, 'x-request-id': requestId },
        body: JSON.stringify(requestBody),
        signal: timer,
      });
      const testo = await response.text();
      let json: unknown = testo;
      try {
        json = testo ? JSON.parse(testo) : undefined;
      } catch {
        /* keep the text */
      }
      const errori = leggiErrori(json);
      const call: SimogCall = { ...base, durationMs: Math.round(performance.now() - inizio), httpStatus: response.status, outcome: response.ok ? 'OK' : 'KO', responseBody: json, errori };
      if (!response.ok) return { ok: false, failure: fallimento(response.status, errori), calls: [call] };
      const value = leggi(json);
      if (value === undefined && leggi !== undefined && operazioneConRisultato(operazione)) {
        const incerto: SimogCall = { ...call, outcome: 'ESITO_INCERTO' };
        return { ok: false, failure: { categoria: 'ESITO_INCERTO', errori: [], httpStatus: response.status, messaggio: 'Risposta di ANAC non leggibile: ripetere la richiesta' }, calls: [incerto] };
      }
      return { ok: true, value: value as T, calls: [call] };
    } catch (error) {
      const descrizione = error instanceof Error && error.name === 'TimeoutError' ? `timeout dopo ${this.options.timeoutMs ?? 30_000} ms` : String((error as Error)?.cause ?? error);
      const rifiutata = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(descrizione);
      const call: SimogCall = { ...base, durationMs: Math.round(performance.now() - inizio), outcome: rifiutata ? 'ERRORE' : 'ESITO_INCERTO', errori: [], networkError: descrizione };
      const failure: SimogFailure = rifiutata
        ? { categoria: 'NON_RAGGIUNGIBILE', errori: [], messaggio: `${SERVIZIO[operazione]} non raggiungibile: riprovare più tardi` }
        : { categoria: 'ESITO_INCERTO', errori: [], messaggio: `Risposta di ${SERVIZIO[operazione]} non ricevuta (${descrizione}): ripetere la richiesta, non verrà duplicata` };
      return { ok: false, failure, calls: [call] };
    }
  }
}

const operazioneConRisultato = (op: OperazioneSimog) => ['crea-gara', 'crea-lotto', 'richiedi-annullamento', 'richiedi-smartcig', 'richiedi-carnet'].includes(op);

function campo<K extends string>(json: unknown, nome: K): Record<K, string> | undefined {
  const v = (json as Record<string, unknown> | undefined)?.[nome];
  return typeof v === 'string' && v !== '' ? ({ [nome]: v } as Record<K, string>) : undefined;
}

function leggiErrori(json: unknown): Array<{ codice: string; dettaglio?: string }> {
  const errori = (json as { errori?: unknown } | undefined)?.errori;
  if (!Array.isArray(errori)) return [];
  return errori.filter((e) => typeof e?.codice === 'string').map((e) => ({ codice: e.codice, ...(typeof e.dettaglio === 'string' ? { dettaglio: e.dettaglio } : {}) }));
}

function fallimento(status: number, errori: SimogFailure['errori']): SimogFailure {
  if (status === 429 || status === 503 || status === 502) return { categoria: 'NON_RAGGIUNGIBILE', errori, httpStatus: status, messaggio: `Servizio ANAC non disponibile (HTTP ${status}): riprovare più tardi` };
  if (status === 504) return { categoria: 'ESITO_INCERTO', errori, httpStatus: status, messaggio: 'Risposta di ANAC non ricevuta (HTTP 504): ripetere la richiesta, non verrà duplicata' };
  const testo = errori.map((e) => `${e.codice}${e.dettaglio ? `: ${e.dettaglio}` : ''}`).join('; ');
  return { categoria: 'RIFIUTATA', errori, httpStatus: status, messaggio: testo || `ANAC ha risposto HTTP ${status}` };
}
