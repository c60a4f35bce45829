import type { CigLotto, ErroreAnac } from '#domain';
import type { AnacFailure } from './classificazione-errori.js';

/**
 * The port through which CIG Ledger talks to ANAC's Piattaforma Contratti Pubblici (PCP).
 * Operations, parameters and payloads follow ANAC's `specifiche-servizi-appalto.yaml`; the
 * adapter is `PcpHttpClient`. No method throws for ANAC or network problems: every outcome is an
 * {@link AnacResult} carrying the HTTP exchanges made, for the transmission log.
 */
export interface AnacGateway {
  /** `crea-appalto` (sincrono): the first draft; ANAC answers its own `idAppalto`. */
  creaAppalto(ctx: AnacCallContext, scheda: SchedaPcp): Promise<AnacResult<{ readonly idAppalto: string }>>;
  /** `modifica-appalto` (sincrono): replaces the whole draft while the appalto is `IN_LAV`. */
  modificaAppalto(ctx: AnacCallContext, idAppalto: string, scheda: SchedaPcp): Promise<AnacResult<{ readonly idAppalto: string }>>;
  /** `cancella-appalto` (sincrono): logical deletion; `motivo` at most 200 characters. */
  cancellaAppalto(ctx: AnacCallContext, idAppalto: string, motivo?: string): Promise<AnacResult<void>>;
  /** `verifica-appalto` (asincrono): acknowledged only; the outcome is esito `AP_VERIF`. */
  verificaAppalto(ctx: AnacCallContext, idAppalto: string): Promise<AnacResult<void>>;
  /** `conferma-appalto` (asincrono): acknowledged only; the outcome (and the CIGs) follow esito `AP_CONF`. */
  confermaAppalto(ctx: AnacCallContext, idAppalto: string): Promise<AnacResult<void>>;
  /** `esito-operazione`: the outcomes of an operation, newest first (`TUTTI_ESITI`) or only the newest. */
  esitoOperazione(ctx: AnacCallContext, richiesta: RichiestaEsito): Promise<AnacResult<readonly EsitoOperazione[]>>;
  /** `stato-appalto`: the state code of an appalto (`statoAppalto`) or of a lot by CIG (`statoLotto`). */
  statoAppalto(ctx: AnacCallContext, chiave: { readonly idAppalto: string } | { readonly cig: string }): Promise<AnacResult<StatoPcp>>;
  /** `consulta-appalto`: the last scheda as ANAC stores it. */
  consultaAppalto(ctx: AnacCallContext, idAppalto: string): Promise<AnacResult<AppaltoConsultato>>;
  /** `ricerca-appalto` by the SA's `codiceAppalto`, every page: how a lost crea-appalto is found again. */
  ricercaAppalto(ctx: AnacCallContext, filtro: { readonly codiceAppalto: string }): Promise<AnacResult<readonly AppaltoTrovato[]>>;
  /** `recupera-cig`: every lotIdentifier → CIG pair, walking all pages (at most 20 per page). */
  recuperaCig(ctx: AnacCallContext, idAppalto: string): Promise<AnacResult<readonly CigLotto[]>>;
  /** `pubblica-avviso` (asincrono): the `idAvviso` comes from the `AP_CONF` esito; outcome esito `AV_PUBB`. */
  pubblicaAvviso(ctx: AnacCallContext, avviso: { readonly idAppalto: string; readonly idAvviso: string }): Promise<AnacResult<void>>;
  /**
   * `modifica-avviso` (asincrono): replaces an avviso not yet published; on esito `AV_MOD` OK the
   * CIGs of every lot are regenerated, so `recuperaCig` must be called again.
   */
  modificaAvviso(
    ctx: AnacCallContext,
    avviso: { readonly idAppalto: string; readonly idAvviso: string; readonly scheda: SchedaPcp },
  ): Promise<AnacResult<void>>;
}

/** Who calls: the RUP acting for a stazione appaltante (claims of ANAC's tracking JWS, `jws.yaml`). */
export interface AnacCallContext {
  readonly rup: { readonly codiceFiscale: string; readonly nome?: string };
  readonly stazioneAppaltante: { readonly codiceFiscale: string; readonly codiceAusa: string };
  /**
   * The appalto the call belongs to, for the JWS `businessFlowID`. Methods that take an
   * `idAppalto` use that one; crea-appalto always sends all zeros, as `jws.yaml` requires.
   */
  readonly idAppalto?: string;
  /**
   * The id of the request of ours that led to this call (the HTTP request that opened the
   * practice), sent as `X-Request-ID` so that ANAC's logs and ours can be matched; absent, every
   * exchange gets its own UUID.
   */
  readonly requestId?: string;
}

/** The outcome of a gateway method: a value or a classified failure, plus every HTTP exchange made. */
export type AnacResult<T> =
  | { readonly ok: true; readonly value: T; readonly calls: readonly AnacCall[] }
  | { readonly ok: false; readonly failure: AnacFailure; readonly calls: readonly AnacCall[] };

/** PCP operations the gateway calls (path segment of the e-service). */
export type OperazionePcp =
  | 'crea-appalto' | 'modifica-appalto' | 'cancella-appalto' | 'verifica-appalto' | 'conferma-appalto'
  | 'consulta-appalto' | 'ricerca-appalto' | 'recupera-cig' | 'esito-operazione' | 'stato-appalto'
  | 'pubblica-avviso' | 'modifica-avviso';

/**
 * How one HTTP exchange ended: `OK` 2xx; `KO` ANAC (or its gateway) answered an error status;
 * `ERRORE` no usable answer and nothing can have changed (connection refused, DNS, a GET lost);
 * `ESITO_INCERTO` a state-changing call whose answer was lost (timeout, dropped connection, 504):
 * ANAC may or may not have done it.
 */
export type EsitoChiamata = 'OK' | 'KO' | 'ERRORE' | 'ESITO_INCERTO';

/** One HTTP exchange with ANAC, as the transmission log keeps it (what ANAC support asks for). */
export interface AnacCall {
  readonly operazione: OperazionePcp;
  readonly method: 'GET' | 'POST';
  /** URL path with query string, e.g. `/ComunicaAppalto/v2/recupera-cig?idAppalto=…&page=1&perPage=20`. */
  readonly path: string;
  /** Sent as `X-Request-ID`: the context's `requestId` when given, otherwise {@link traceId}. */
  readonly requestId: string;
  /** UUID generated for this exchange, sent as the JWS `traceID`. */
  readonly traceId?: string;
  /** 1 for the first try of a gateway method, 2 for its first retry, … */
  readonly attempt: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly httpStatus?: number;
  readonly outcome: EsitoChiamata;
  readonly requestBody?: unknown;
  /** Parsed JSON or text, truncated to 64 KB. */
  readonly responseBody?: unknown;
  readonly errori: ReadonlyArray<{ readonly codice: string; readonly dettaglio?: string }>;
  /** `GovWay-Message-ID` / `GovWay-Transaction-ID` of ANAC's API gateway, when present. */
  readonly govWayMessageId?: string;
  readonly govWayTransactionId?: string;
  readonly retryAfterMs?: number;
  /** Network problem, in English, e.g. `connection refused (ECONNREFUSED)` or `timeout after 30000 ms`. */
  readonly networkError?: string;
}

/** A coded value as PCP sends it (`TipologicaSchemaType`). */
export interface TipologicaPcp {
  readonly idTipologica: string;
  readonly codice: string;
}

/**
 * `SchedaComunicaAppaltoType`: the scheda of crea/modifica-appalto and modifica-avviso. The body
 * layout depends on the scheda code; `schedaPcp()` builds it from an appalto.
 */
export interface SchedaPcp {
  readonly codice: TipologicaPcp;
  readonly versione: string;
  readonly body: {
    readonly anacForm: Readonly<Record<string, unknown>>;
    readonly espd?: string;
    readonly eform?: string;
  };
}

/** `tipoOperazione.json`: the operation whose outcome is asked for. */
export type TipoOperazionePcp =
  | 'AP_CREA' | 'AP_MOD' | 'AP_CANC' | 'AP_VERIF' | 'AP_CONF'
  | 'SC_CREA' | 'SC_MOD' | 'SC_CANC' | 'SC_VERIF' | 'SC_CONF'
  | 'PI_CREA' | 'PI_MOD' | 'PI_CANC' | 'PI_VERIF' | 'PI_CONF'
  | 'AV_PUBB' | 'AV_PUBB_EU' | 'AV_PUBB_IT' | 'AV_MOD' | 'AV_RETT' | 'AV_RETT_EU' | 'AV_RETT_IT' | 'AV_SOSP'
  | 'SC_ROLLBACK' | 'AV_OSCURAMENTO' | 'AV_MODIFICA' | 'AV_DEOSCURAMENTO_AUTOMATICO' | 'AV_DEOSCURAMENTO_MANUALE';

export interface RichiestaEsito {
  readonly idAppalto: string;
  readonly tipoOperazione: TipoOperazionePcp;
  /** `ULTIMO_ESITO`: the newest only; `TUTTI_ESITI`: all, newest first (`tipoRicercaOperazione.json`). */
  readonly tipoRicerca: 'ULTIMO_ESITO' | 'TUTTI_ESITI';
}

/** `esito.json`: OK success, KO error, WT "in attesa" (still running). */
export type EsitoPcp = 'OK' | 'KO' | 'WT';

/** `EsitoOperazioneType` of esito-operazione, with codes unwrapped and errors described. */
export interface EsitoOperazione {
  readonly idAppalto?: string;
  readonly tipoOperazione: string;
  readonly esito: EsitoPcp;
  /** `esitoOperazione.json` code, e.g. `AP_IN_CONF`, `AP_CONF`, `AP_N_CONF`, `AV_PUBB`. */
  readonly dettaglio: string;
  readonly idScheda?: string;
  readonly codiceScheda?: string;
  /** Avviso generated by the conferma: the input of pubblica-avviso. */
  readonly idAvviso?: string;
  /** New avviso and scheda after modifica-avviso / rettifica-avviso. */
  readonly idNuovoAvviso?: string;
  readonly idNuovaScheda?: string;
  readonly codiceNuovaScheda?: string;
  readonly idContratto?: string;
  /** When PCP last checked the operation (TED/PVL polling). */
  readonly dataControllo?: string;
  /** On KO: ANAC's codes with their Italian description (`errori.json`) and ANAC's detail. */
  readonly errori: readonly ErroreAnac[];
}

/** `statoAppalto.json` / `statoLotto.json` codes; other codes ANAC may add pass through. */
export type StatoPcp =
  | 'IN_LAV' | 'CONF' | 'CANC' | 'IN_ATT_PUBB' | 'IN_STOP_PUBB' | 'PUBB'
  | 'NON_AGG' | 'AGG' | 'ANN' | 'SOTT_CONTR'
  | (string & {});

/** `AppaltoType` of ricerca-appalto. */
export interface AppaltoTrovato {
  readonly idAppalto: string;
  readonly codiceAppalto: string;
  readonly oggetto?: string;
  readonly dataCreazione?: string;
  readonly stato: StatoPcp;
  readonly lotti: ReadonlyArray<{
    readonly lotIdentifier: string;
    /** Absent until the conferma assigns it. */
    readonly cig?: string;
    readonly oggetto?: string;
    /** Decimal string, as ANAC sends it (`format: decimal`). */
    readonly importo?: string;
    readonly stato?: StatoPcp;
  }>;
}

/** `DatiAppaltoType` of consulta-appalto: the scheda as stored, with its output fields. */
export interface AppaltoConsultato {
  readonly idAppalto: string;
  readonly idScheda?: string;
  readonly codiceScheda?: string;
  /** `statoScheda.json` code of the stored scheda. */
  readonly statoScheda?: string;
  readonly scheda: unknown;
}
