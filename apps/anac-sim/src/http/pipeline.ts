import type { Logger } from '#platform';
import type { Request, Response } from 'express';
import type { CallRecord, CallsLog } from '../admin/calls-log.js';
import { avanza } from '../engine/avanzamento.js';
import { AZIONI, rispostaStatus } from '../engine/azioni.js';
import type { Contesto, Richiesta } from '../engine/contesto.js';
import type { Chiamante, IdentityCheck } from '../identity/identity-check.js';
import { erroreTipologica, PcpError, type ErroreTipologica } from '../pcp/errori.js';
import type { OperazionePcp } from '../pcp/operazioni.js';
import { errore, type RispostaPcp } from '../pcp/risposte.js';
import type { RateLimitState } from './rate-limiter.js';

export interface PipelineDeps {
  readonly contesto: Contesto;
  readonly identity: IdentityCheck;
  readonly calls: CallsLog;
  readonly logger: Logger;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function leggiCorpo(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') throw PcpError.di('SEC03', 'corpo della richiesta mancante');
  try {
    return JSON.parse(raw);
  } catch {
    throw PcpError.di('SEC03', 'il corpo della richiesta non è JSON valido');
  }
}

/**
 * What happens to every ANAC call, in the order a real deployment would impose it:
 * network (latency, outage), gateway (rate limit, then voucher and JWS), the operation
 * (state changed and saved), and finally faults that lose the answer after the commit.
 * Responses of faults decided before the backend (429, 503, 504) carry no `errori`: at ANAC
 * they come from the PDND/ModI gateway, not from PCP, and no PCP code describes them.
 */
export class Pipeline {
  constructor(private readonly d: PipelineDeps) {}

  async run(req: Request, res: Response, op: OperazionePcp): Promise<void> {
    const c = this.d.contesto;
    const latencyMs = c.faults.latencyFor(op);
    if (latencyMs > 0) await sleep(latencyMs);
    const requestId = req.headers['x-request-id'];
    const base = {
      operation: op, method: req.method, path: req.originalUrl, at: c.clock.now().toISOString(),
      ...(latencyMs > 0 ? { latencyMs } : {}),
      ...(typeof requestId === 'string' && requestId !== '' ? { requestId } : {}),
    };

    const prima = c.faults.beforeCall(op);
    if (prima?.kind === 'drop') return this.drop(req, { ...base, status: 'dropped', fault: 'outage' });
    if (prima?.kind === '503') return this.send(res, errore(503, undefined, 'Servizio non disponibile'), { ...base, fault: 'outage' });
    const limite = res.locals.rateLimit as RateLimitState | undefined;
    if (prima?.kind === '429' || limite?.exceeded) {
      const retryAfter = prima?.kind === '429' ? prima.retryAfterSeconds : limite!.resetSeconds;
      const headers = { 'Retry-After': String(retryAfter), 'X-RateLimit-Remaining': '0' };
      return this.send(res, errore(429, undefined, 'Limite di richieste raggiunto', headers), { ...base, ...(prima ? { fault: 'too-many-requests' as const } : {}) });
    }

    let chiamante: Chiamante | undefined;
    let risposta: RispostaPcp;
    try {
      if (op !== 'status') chiamante = await this.d.identity.verifica(req.headers, op, c.clock.now());
      avanza(c);
      const richiesta: Richiesta = { body: () => leggiCorpo(req.body), query: req.query as Record<string, unknown> };
      risposta = op === 'status' ? rispostaStatus() : AZIONI[op](c, chiamante!, richiesta);
    } catch (error) {
      risposta = this.comeErrore(error, op);
    }
    const utente = chiamante ? { userCodiceFiscale: chiamante.userCodiceFiscale } : {};

    // Only calls that reached the backend can lose their answer after the commit.
    const dopo = chiamante || op === 'status' ? c.faults.afterCommit(op) : undefined;
    if (dopo === 'drop') return this.drop(req, { ...base, ...utente, status: 'dropped', fault: 'crash-after-commit' });
    if (dopo === '504') {
      return this.send(res, errore(504, undefined, 'Gateway Timeout'), { ...base, ...utente, fault: 'gateway-timeout-after-commit' });
    }
    this.send(res, risposta, { ...base, ...utente });
  }

  private comeErrore(error: unknown, op: OperazionePcp): RispostaPcp {
    if (error instanceof PcpError) return errore(error.status, error.errori);
    this.d.logger.error({ err: error, operation: op }, 'errore inatteso nel simulatore');
    return errore(500, [erroreTipologica('ERR9999', 'errore inatteso del simulatore')]);
  }

  private send(res: Response, r: RispostaPcp, call: Omit<CallRecord, 'status'>): void {
    res.status(r.status);
    for (const [name, value] of Object.entries(r.headers ?? {})) res.setHeader(name, value);
    res.type(r.contentType).send(JSON.stringify(r.body));
    const errori = (r.body.errori as ErroreTipologica[] | undefined)?.map((e) => e.codice);
    this.log({ ...call, status: r.status, ...(errori ? { errori } : {}) });
  }

  /** The connection ends with no response at all: the client cannot tell what happened. */
  private drop(req: Request, call: CallRecord): void {
    req.socket.destroy();
    this.log(call);
  }

  private log(call: CallRecord): void {
    this.d.calls.record(call);
    this.d.logger.debug({ call }, 'chiamata ANAC');
  }
}
