import type { AnacCall, AnacCallContext, AnacFailure, AnacGateway, AnacResult, SchedaPcp } from '#anac';
import type { AppaltoCommand, AppaltoEsistente, ErroreAnac, OperazioneAnac } from '#domain';
import type { DatiPratica, Passo, Pratica } from '../pratiche.store.js';

/**
 * What a step decided. `vai`: on to another step now. `attendi`: ANAC is still working (WT, or
 * no esito yet): ask again later, at growing intervals, never treating it as a failure.
 * `ritenta`: ANAC unreachable or asking to retry: again later, with backoff. `fine`: done
 * (completed, refused by ANAC with its errors shown to the user, or withdrawn before sending).
 */
export type EsitoPasso =
  | { readonly tipo: 'vai'; readonly passo: Passo; readonly dati?: DatiPratica; readonly comandi?: readonly AppaltoCommand[] }
  | { readonly tipo: 'attendi'; readonly motivo: string; readonly dati?: DatiPratica }
  | { readonly tipo: 'ritenta'; readonly fallimento: AnacFailure }
  | { readonly tipo: 'fine'; readonly stato: 'COMPLETATA' | 'RESPINTA' | 'RITIRATA'; readonly comandi: readonly AppaltoCommand[] };

/** Everything a step may use. `chiama` runs a gateway call and keeps its HTTP exchanges for the log. */
export interface PassoContesto {
  readonly pratica: Pratica;
  readonly appalto: AppaltoEsistente;
  readonly gateway: AnacGateway;
  readonly ctx: AnacCallContext;
  readonly scheda: () => SchedaPcp;
  chiama<T>(contesto: string, call: (gateway: AnacGateway) => Promise<AnacResult<T>>): Promise<AnacResult<T>>;
}

export type PassoHandler = (c: PassoContesto) => Promise<EsitoPasso>;

/** ANAC refused: the request goes back to the user with ANAC's errors. */
export function respinta(operazione: OperazioneAnac, errori: readonly ErroreAnac[], messaggio?: string): EsitoPasso {
  const elenco = errori.length > 0 ? errori : [{ codice: 'ANAC', descrizione: messaggio ?? 'Operazione rifiutata da ANAC' }];
  return { tipo: 'fine', stato: 'RESPINTA', comandi: [{ type: 'RegistraRespinta', operazione, errori: elenco }] };
}

/**
 * The common handling of a failed call: retry what can be retried, reconcile what may have
 * happened, hand back to the user what ANAC refused.
 */
export function suFallimento(
  c: PassoContesto,
  failure: AnacFailure,
  casi: { readonly incerto?: Passo; readonly duplicato?: Passo; readonly stato?: Passo } = {},
): EsitoPasso {
  switch (failure.categoria) {
    case 'RETRYABLE':
      return { tipo: 'ritenta', fallimento: failure };
    case 'ESITO_INCERTO':
      return casi.incerto ? { tipo: 'vai', passo: casi.incerto, dati: { ...c.pratica.dati, incerto: true } } : { tipo: 'ritenta', fallimento: failure };
    case 'DUPLICATO':
      return casi.duplicato ? { tipo: 'vai', passo: casi.duplicato } : respinta(c.pratica.operazione, failure.errori, failure.messaggio);
    case 'STATO':
      return casi.stato ? { tipo: 'vai', passo: casi.stato } : respinta(c.pratica.operazione, failure.errori, failure.messaggio);
    default:
      return respinta(c.pratica.operazione, failure.errori, failure.messaggio);
  }
}

export type { AnacCall };
