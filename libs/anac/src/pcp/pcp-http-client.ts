import type { CigLotto } from '#domain';
import { randomIds, systemClock, type Clock, type IdGenerator } from '#platform';
import type {
  AnacCall, AnacCallContext, AnacGateway, AnacResult, AppaltoConsultato, AppaltoTrovato, EsitoOperazione, OperazionePcp,
  RichiestaEsito, SchedaPcp, StatoPcp,
} from '../gateway/anac-gateway.js';
import { classificaFallimento, type AnacFailure } from '../gateway/classificazione-errori.js';
import { OPERAZIONI_PCP, PERCORSI_E_SERVICE, type EServicePcp } from './operazioni-pcp.js';
import { RateLimiter } from './rate-limiter.js';
import {
  leggiConsultazione, leggiEsiti, leggiIdAppalto, leggiPaginaAppalti, leggiPaginaCig, leggiStato, type Letto, type Pagina,
} from './risposte-pcp.js';
import { attesaPrimaDelRetry, RETRY_PREDEFINITO, type RetryOptions } from './retry-policy.js';
import { scambia } from './scambio-http.js';
import { BUSINESS_FLOW_INIZIALE, type TrackingJwsSigner } from './tracking-jws.js';

/**
 * The PDND voucher for one call. It receives the tracking JWS because PDND binds the voucher to
 * it (the client assertion's `digest` claim); a provider that ignores it (`() => …`) fits too.
 */
export type VoucherProvider = (per: { readonly trackingJws: string; readonly audience: string }) => Promise<string>;

/** Options of {@link PcpHttpClient}. */
export interface PcpHttpClientOptions {
  /** e.g. `http://127.0.0.1:3100` (simulator) or `https://apigw-test.anticorruzione.it/modi/rest` (ANAC qualification). */
  readonly baseUrl: string;
  /** Path (`/PubblicaAvviso/v3`) or absolute URL of an e-service, replacing the default `/<EService>/v2`. */
  readonly eServices?: Partial<Record<EServicePcp, string>>;
  /** Limit for a whole HTTP exchange, answer body included; default 30 000 ms. */
  readonly timeoutMs?: number;
  /** `Authorization: Bearer …`: a fixed voucher or a provider called before every HTTP call. */
  readonly voucher: string | VoucherProvider;
  /** Signs a fresh `Agid-JWT-TrackingEvidence` for every HTTP call. */
  readonly jws: TrackingJwsSigner;
  /** Shared by every client of the service; default: a private one with 10 calls/s, burst 10. */
  readonly rateLimiter?: RateLimiter;
  readonly retry?: Partial<RetryOptions>;
  readonly clock?: Clock;
  /** requestId of every call and spanID of every operation. */
  readonly ids?: IdGenerator;
  /** Jitter source, values in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** Waits between attempts and for the rate limiter; tests pass one that advances a manual clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Monotonic milliseconds for `durationMs`; default `performance.now`. */
  readonly monotonic?: () => number;
}

const PER_PAGINA = 20; // PaginazioneType: "numero di elementi per pagina (max: 20)"
const MASSIMO_PAGINE = 500; // guard against a server that keeps announcing more pages
const sleepReale = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Invio {
  readonly businessFlowId: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
}

const nulla = (): Letto<void> => ({ ok: true, value: undefined });

/**
 * {@link AnacGateway} over HTTP, as ANAC's PCP e-services expect it (`specifiche-servizi-appalto.yaml`,
 * PDND voucher + ModI tracking JWS). Retries only what is safe: `RETRYABLE` failures, which on a
 * GET include lost answers; a POST whose answer was lost comes back as `ESITO_INCERTO`, untried.
 */
export class PcpHttpClient implements AnacGateway {
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly monotonic: () => number;
  private readonly retry: RetryOptions;
  private readonly limiter: RateLimiter;
  private readonly timeoutMs: number;

  constructor(private readonly options: PcpHttpClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? sleepReale;
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.retry = { ...RETRY_PREDEFINITO, ...options.retry };
    this.limiter = options.rateLimiter ?? new RateLimiter({ requestsPerSecond: 10, burst: 10, clock: this.clock });
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Base URL of an e-service: what requests go to and what the JWS `aud` names. */
  baseUrlDi(eService: EServicePcp): string {
    const percorso = this.options.eServices?.[eService] ?? PERCORSI_E_SERVICE[eService];
    return /^https?:\/\//.test(percorso) ? percorso.replace(/\/$/, '') : `${this.options.baseUrl.replace(/\/$/, '')}${percorso}`;
  }

  creaAppalto(ctx: AnacCallContext, scheda: SchedaPcp) {
    return this.esegui('crea-appalto', ctx, { businessFlowId: BUSINESS_FLOW_INIZIALE, body: { scheda } }, leggiIdAppalto);
  }

  modificaAppalto(ctx: AnacCallContext, idAppalto: string, scheda: SchedaPcp) {
    // ModificaAppaltoResponse carries idAppalto; a 200 without it still means the draft was replaced.
    return this.esegui('modifica-appalto', ctx, { businessFlowId: idAppalto, body: { idAppalto, scheda } }, (json) => {
      const letto = leggiIdAppalto(json);
      return letto.ok ? letto : { ok: true as const, value: { idAppalto } };
    });
  }

  cancellaAppalto(ctx: AnacCallContext, idAppalto: string, motivo?: string) {
    return this.esegui('cancella-appalto', ctx, { businessFlowId: idAppalto, body: { idAppalto, ...(motivo ? { motivo } : {}) } }, nulla);
  }

  verificaAppalto(ctx: AnacCallContext, idAppalto: string) {
    return this.esegui('verifica-appalto', ctx, { businessFlowId: idAppalto, body: { idAppalto } }, nulla);
  }

  confermaAppalto(ctx: AnacCallContext, idAppalto: string) {
    return this.esegui('conferma-appalto', ctx, { businessFlowId: idAppalto, body: { idAppalto } }, nulla);
  }

  esitoOperazione(ctx: AnacCallContext, r: RichiestaEsito): Promise<AnacResult<readonly EsitoOperazione[]>> {
    const query = { idAppalto: r.idAppalto, tipoOperazione: r.tipoOperazione, tipoRicerca: r.tipoRicerca };
    return this.esegui('esito-operazione', ctx, { businessFlowId: r.idAppalto, query }, leggiEsiti);
  }

  statoAppalto(ctx: AnacCallContext, chiave: { readonly idAppalto: string } | { readonly cig: string }): Promise<AnacResult<StatoPcp>> {
    const query = 'idAppalto' in chiave ? { idAppalto: chiave.idAppalto } : { cig: chiave.cig };
    const businessFlowId = 'idAppalto' in chiave ? chiave.idAppalto : (ctx.idAppalto ?? BUSINESS_FLOW_INIZIALE);
    return this.esegui('stato-appalto', ctx, { businessFlowId, query }, leggiStato);
  }

  consultaAppalto(ctx: AnacCallContext, idAppalto: string): Promise<AnacResult<AppaltoConsultato>> {
    return this.esegui('consulta-appalto', ctx, { businessFlowId: idAppalto, query: { idAppalto } }, leggiConsultazione);
  }

  ricercaAppalto(ctx: AnacCallContext, filtro: { readonly codiceAppalto: string }): Promise<AnacResult<readonly AppaltoTrovato[]>> {
    const businessFlowId = ctx.idAppalto ?? BUSINESS_FLOW_INIZIALE;
    return this.tutteLePagine('ricerca-appalto', ctx, businessFlowId, { codiceAppalto: filtro.codiceAppalto }, leggiPaginaAppalti);
  }

  recuperaCig(ctx: AnacCallContext, idAppalto: string): Promise<AnacResult<readonly CigLotto[]>> {
    return this.tutteLePagine('recupera-cig', ctx, idAppalto, { idAppalto }, leggiPaginaCig);
  }

  pubblicaAvviso(ctx: AnacCallContext, a: { readonly idAppalto: string; readonly idAvviso: string }) {
    return this.esegui('pubblica-avviso', ctx, { businessFlowId: a.idAppalto, body: { idAvviso: a.idAvviso, idAppalto: a.idAppalto } }, nulla);
  }

  modificaAvviso(ctx: AnacCallContext, a: { readonly idAppalto: string; readonly idAvviso: string; readonly scheda: SchedaPcp }) {
    const body = { idAvviso: a.idAvviso, idAppalto: a.idAppalto, scheda: a.scheda };
    return this.esegui('modifica-avviso', ctx, { businessFlowId: a.idAppalto, body }, nulla);
  }

  /** Pages 1..totPages of a list operation, 20 per page; the first failure ends the walk. */
  private async tutteLePagine<T>(
    operazione: OperazionePcp,
    ctx: AnacCallContext,
    businessFlowId: string,
    filtro: Readonly<Record<string, string>>,
    leggi: (json: unknown) => Letto<Pagina<T>>,
  ): Promise<AnacResult<readonly T[]>> {
    const elementi: T[] = [];
    const calls: AnacCall[] = [];
    for (let page = 1, totPages = 1; page <= totPages && page <= MASSIMO_PAGINE; page++) {
      const r = await this.esegui(operazione, ctx, { businessFlowId, query: { ...filtro, page, perPage: PER_PAGINA } }, leggi);
      calls.push(...r.calls);
      if (!r.ok) return { ok: false, failure: r.failure, calls };
      elementi.push(...r.value.elementi);
      totPages = r.value.totPages;
    }
    return { ok: true, value: elementi, calls };
  }

  /** One operation: attempts until success, a failure not worth retrying, or the retry budget ends. */
  private async esegui<T>(operazione: OperazionePcp, ctx: AnacCallContext, invio: Invio, leggi: (json: unknown) => Letto<T>): Promise<AnacResult<T>> {
    const { eService, method } = OPERAZIONI_PCP[operazione];
    const baseUrl = this.baseUrlDi(eService);
    const spanId = this.ids.uuid();
    const calls: AnacCall[] = [];
    for (let attempt = 1; ; attempt++) {
      await this.attendiTurno();
      const traceId = this.ids.uuid();
      const requestId = ctx.requestId ?? traceId;
      const trackingJws = await this.options.jws.sign({ audience: baseUrl, ctx, businessFlowId: invio.businessFlowId, traceId, spanId });
      const voucher = await this.voucher(trackingJws, baseUrl);
      if (voucher === undefined) {
        // PDND did not issue a voucher: nothing reached ANAC, so it is safe to try again later.
        const failure = classificaFallimento({ tipo: 'rete', fase: 'prima-dell-invio', descrizione: 'voucher PDND non ottenuto' }, method);
        return { ok: false, failure, calls };
      }
      const { call: scambio, risultato } = await scambia(
        {
          operazione, method, baseUrl, requestId, attempt, timeoutMs: this.timeoutMs,
          ...(invio.query ? { query: invio.query } : {}),
          ...(invio.body !== undefined ? { body: invio.body } : {}),
          headers: { authorization: `Bearer ${voucher}`, 'agid-jwt-trackingevidence': trackingJws, 'x-request-id': requestId },
        },
        { clock: this.clock, monotonic: this.monotonic },
      );
      const call: AnacCall = { ...scambio, traceId };
      let failure: AnacFailure;
      if (risultato.ok) {
        const letto = leggi(risultato.json);
        if (letto.ok) return { ok: true, value: letto.value, calls: [...calls, call] };
        failure = classificaFallimento({ tipo: 'risposta-non-valida', httpStatus: risultato.httpStatus, motivo: letto.motivo }, method);
        calls.push({ ...call, outcome: method === 'POST' ? 'ESITO_INCERTO' : 'ERRORE' });
      } else {
        failure = classificaFallimento(risultato.problema, method);
        calls.push(call);
      }
      if (failure.retryAfterMs !== undefined) this.limiter.pauseUntil(this.clock.now().getTime() + failure.retryAfterMs);
      const ritentabile = failure.categoria === 'RETRYABLE' && (failure.retryAfterMs ?? 0) <= this.retry.maxRetryAfterMs;
      if (!ritentabile || attempt >= this.retry.maxAttempts) return { ok: false, failure, calls };
      await this.sleep(attesaPrimaDelRetry(attempt, this.retry, this.random, failure.retryAfterMs));
    }
  }

  private async voucher(trackingJws: string, audience: string): Promise<string | undefined> {
    if (typeof this.options.voucher === 'string') return this.options.voucher;
    try {
      return await this.options.voucher({ trackingJws, audience });
    } catch {
      return undefined;
    }
  }

  /** Waits for the shared rate limiter (its token bucket and any pause set by a 429). */
  private async attendiTurno(): Promise<void> {
    for (let attesa = this.limiter.tryAcquire(); attesa > 0; attesa = this.limiter.tryAcquire()) await this.sleep(attesa);
  }
}
