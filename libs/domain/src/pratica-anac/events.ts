import type { DomainEvent } from '../shared/decider.js';
import type { OperazioneAnac } from '../shared/vocabolario.js';

/**
 * The ANAC process manager's record of every exchange with ANAC for one appalto, in stream
 * `pratica-anac-<appaltoId>`: what was called, on whose behalf, what came back, how long it
 * took, and the gateway's ids that ANAC support asks for. It feeds the transmission log
 * (manuale START Richiedi CIG, LOG TRASMISSIONI) and replays like any other event.
 */
export const praticaAnacStream = (appaltoId: string): string => `pratica-anac-${appaltoId}`;

export interface ChiamataAnac {
  /** ANAC operation, e.g. `crea-appalto`, `esito-operazione`. */
  readonly operazione: string;
  /** Label of the transmission log's "Contesto" column, e.g. "Conferma Appalto". */
  readonly contesto: string;
  readonly requestId: string;
  readonly inizio: string;
  readonly durataMs: number;
  /** Page of a list operation (recupera-cig, ricerca-appalto) beyond the first: the same attempt. */
  readonly pagina?: number;
  readonly httpStatus?: number;
  /** OK, KO (ANAC refused), ERRORE (not reached or failed), ESITO_INCERTO (may have reached ANAC). */
  readonly esito: 'OK' | 'KO' | 'ERRORE' | 'ESITO_INCERTO';
  /** What the log's "Descrizione" column shows (Italian). */
  readonly descrizione: string;
  readonly errori: ReadonlyArray<{ readonly codice: string; readonly descrizione: string; readonly dettaglio?: string }>;
  readonly richiesta?: unknown;
  readonly risposta?: unknown;
  readonly messageId?: string;
  readonly transactionId?: string;
}

export type PraticaAnacEvent =
  | DomainEvent<'TrasmissioneAnacEseguita', {
      readonly appaltoId: string;
      readonly praticaId: string;
      readonly operazione: OperazioneAnac;
      readonly passo: string;
      readonly tentativo: number;
      /** The RUP on whose behalf the call was made (codice fiscale in the tracking JWS). */
      readonly perContoDi: string;
      readonly chiamata: ChiamataAnac;
    }>
  /** A call may have reached ANAC but its answer was lost (timeout, crash): reconciled before any repeat. */
  | DomainEvent<'RiconciliazioneAnacAvviata', { readonly appaltoId: string; readonly praticaId: string; readonly passo: string; readonly motivo: string; readonly il: string }>
  /**
   * The practice has waited for ANAC (an esito still WT, or ANAC unreachable) past ANAC_ATTESA_ALLARME.
   * Recorded once per wait: its event id derives from the practice and the start of the wait
   * (`inAttesaDal`), so a repeat by another instance is ignored by the store; a new wait is a new crossing.
   */
  | DomainEvent<'SogliaAttesaAnacSuperata', {
      readonly appaltoId: string;
      readonly praticaId: string;
      readonly operazione: OperazioneAnac;
      readonly passo: string;
      readonly inAttesaDal: string;
      /** The threshold crossed, in minutes (ANAC_ATTESA_ALLARME). */
      readonly sogliaMinuti: number;
      /** Minutes waited when the crossing was seen. */
      readonly minuti: number;
      readonly il: string;
    }>;
