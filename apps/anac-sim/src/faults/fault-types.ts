import type { OperazioneSimulata as OperazionePcp } from '../legacy/operazioni.js';
import type { TipoOperazione, TipoOperazioneAsincrona } from '../pcp/tipologiche.js';

/** Options of the fault-injection controls (admin API and `SimulatorAdmin`). Times use the injected clock. */

/** `503`: answer 503 problem+json; `drop`: destroy the socket without any response. */
export type OutageMode = '503' | 'drop';

export interface OutageOptions {
  /** Duration from now; omitted: until cleared. */
  readonly ms?: number;
  readonly mode?: OutageMode;
  /** Only these operations; omitted: every ANAC call. */
  readonly operations?: readonly OperazionePcp[];
}

export interface LatencyOptions {
  /** Fixed delay per call, or a uniform range [minMs, maxMs] drawn with the injected `random`. */
  readonly ms?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  readonly operations?: readonly OperazionePcp[];
  /** Limits: for this long, or for this many calls; omitted: until cleared. */
  readonly forMs?: number;
  readonly calls?: number;
}

export interface TooManyRequestsOptions {
  /** The next N calls, or every call for `ms`; neither: the next call only. */
  readonly calls?: number;
  readonly ms?: number;
  readonly retryAfterSeconds?: number;
  readonly operations?: readonly OperazionePcp[];
}

export interface KoOptions {
  /** Which asynchronous operation fails; default AP_CONF (conferma-appalto). */
  readonly tipoOperazione?: 'AP_CONF' | 'AP_VERIF' | 'AV_PUBB';
  /** Only for this appalto; omitted: the next one. */
  readonly codiceAppalto?: string;
  /** Default: ERR46 for AP_CONF/AP_VERIF, ERR64 for AV_PUBB. */
  readonly errori?: ReadonlyArray<{ readonly codice: string; readonly dettaglio?: string }>;
  /** How many operations fail; default 1. */
  readonly times?: number;
}

export interface CrashAfterCommitOptions {
  readonly operation: OperazionePcp;
  /** Default 1. */
  readonly calls?: number;
  /** `drop` (default): socket destroyed after the state was saved; `504`: answer 504 instead. */
  readonly mode?: 'drop' | '504';
}

export interface LongWaitOptions {
  readonly tipoOperazione: TipoOperazioneAsincrona;
  /** Added to the configured wait of every such operation acknowledged while this is set. */
  readonly ms?: number;
  /** The esito stays WT for at least this many esito-operazione polls. */
  readonly polls?: number;
}

export interface EmptyEsitiOptions {
  /** The next N esito-operazione calls answer `listaEsiti: []`. */
  readonly polls: number;
  readonly tipoOperazione?: TipoOperazione;
}

export interface FaultsSnapshot {
  readonly outages: ReadonlyArray<{ mode: OutageMode; fromMs: number; untilMs?: number; operations?: readonly OperazionePcp[] }>;
  readonly latencies: ReadonlyArray<LatencyOptions & { untilMs?: number; callsLeft?: number }>;
  readonly tooManyRequests: ReadonlyArray<{ retryAfterSeconds: number; untilMs?: number; callsLeft?: number; operations?: readonly OperazionePcp[] }>;
  readonly kos: ReadonlyArray<KoOptions & { timesLeft: number }>;
  readonly crashesAfterCommit: ReadonlyArray<{ operation: OperazionePcp; callsLeft: number; mode: 'drop' | '504' }>;
  readonly longWaits: readonly LongWaitOptions[];
  readonly emptyEsiti: ReadonlyArray<{ pollsLeft: number; tipoOperazione?: TipoOperazione }>;
}
