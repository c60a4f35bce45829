import type { Logger, Metrics } from '#platform';

/** What is logged of an exchange: the fields PCP's `AnacCall` and SIMOG's `SimogCall` share. */
export interface Scambio {
  readonly operazione: string;
  /** 1 when the client does not retry (SIMOG). */
  readonly attempt?: number;
  readonly outcome: 'OK' | 'KO' | 'ERRORE' | 'ESITO_INCERTO';
  readonly httpStatus?: number;
  readonly durationMs: number;
  readonly requestId: string;
  readonly traceId?: string;
  readonly retryAfterMs?: number;
  readonly networkError?: string;
  readonly errori: ReadonlyArray<{ readonly codice: string }>;
  readonly govWayTransactionId?: string;
}

/** Where an exchange belongs: the appalto (or the SIMOG reference) and the practice's operation and step. */
export interface DoveScambio {
  readonly appaltoId: string;
  readonly pratica: string;
  readonly passo?: string;
}

/**
 * Every HTTP exchange with ANAC on the log and in the metrics: one line each with the PCP
 * operation, the appalto, the attempt, the outcome, the HTTP status and the latency. `info` when
 * ANAC answered OK; `warn` for a KO, a 429, a timeout or ANAC unreachable, which an operator
 * should see without turning on debug logging.
 */
export function osservaScambi(logger: Logger, metrics: Metrics, dove: DoveScambio, calls: readonly Scambio[]): void {
  for (const c of calls) {
    const latencyMs = Math.round(c.durationMs);
    const riga = {
      operation: c.operazione,
      appaltoId: dove.appaltoId,
      pratica: dove.pratica,
      passo: dove.passo,
      attempt: c.attempt ?? 1,
      outcome: c.outcome,
      httpStatus: c.httpStatus ?? null,
      latencyMs,
      requestId: c.requestId,
      ...(c.traceId ? { traceId: c.traceId } : {}),
      ...(c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs }),
      ...(c.networkError ? { networkError: c.networkError } : {}),
      ...(c.errori.length > 0 ? { errori: c.errori.map((e) => e.codice) } : {}),
      ...(c.govWayTransactionId ? { govWayTransactionId: c.govWayTransactionId } : {}),
    };
    if (c.outcome === 'OK') logger.info(riga, 'ANAC exchange');
    else logger.warn(riga, `ANAC exchange not OK: ${motivo(c)}`);
    metrics.anacCalls.inc({ operation: c.operazione, outcome: c.outcome, status: c.httpStatus === undefined ? 'none' : String(c.httpStatus) });
    metrics.anacDuration.observe({ operation: c.operazione, outcome: c.outcome }, c.durationMs / 1000);
    if ((c.attempt ?? 1) > 1) metrics.anacRetries.inc({ operation: c.operazione, kind: 'call' });
  }
}

function motivo(c: Scambio): string {
  if (c.httpStatus === 429) return 'rate limited (429)';
  if (c.networkError) return c.networkError;
  if (c.outcome === 'KO') return `HTTP ${c.httpStatus ?? '?'}`;
  return c.httpStatus === undefined ? 'no answer' : `HTTP ${c.httpStatus}`;
}
