import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, type OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type pg from 'pg';
import { entro, ID_GENERATOR, LOGGER, problem, ProblemException, type AppConfig, type Attore, type IdGenerator, type Logger } from '#platform';
import { APP_CONFIG, PG_POOL } from '../infrastructure/tokens.js';
import { PrenotazioniIdempotenza, type Prenotazione } from './idempotenza/prenotazioni-idempotenza.js';

const CHIAVE = /^[A-Za-z0-9._:-]{1,200}$/;
const METODI = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a repeat waits for a request of this instance holding its key before answering 409. */
const ATTESA_LOCALE_MS = 5_000;
/** Pauses of a repeat looking again at a key held by another instance, before answering 409. */
const ATTESE_REMOTE_MS = [50, 100, 200, 400, 800];

/**
 * `Idempotency-Key` on commands: the first request with a key does the work and its answer is
 * kept; a repeat with the same key and the same request returns that answer (header
 * `Idempotent-Replayed: true`) and writes nothing; the same key with another request is 422; a
 * repeat while the first is still running waits a moment for its answer, then gets 409 with
 * Retry-After. Keys are per caller. A failed command keeps nothing, so it can be retried with the
 * same key once corrected.
 *
 * Exactly one request does the work, also when many arrive at once on several instances: the
 * database reserves the key (see PrenotazioniIdempotenza), and within this instance requests with
 * one key take turns, so that repeats wait for the answer here instead of polling the database.
 * The work runs to its end and its answer is stored even when the client or the request timeout
 * gives up on it, so that a retry finds the answer instead of doing the work again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly prenotazioni: PrenotazioniIdempotenza;
  /**
   * Requests of this instance holding or reserving a key, by caller and key: settled when they
   * end, with the answer stored for the key (undefined when there is none: the work failed or the
   * key turned out to be held elsewhere).
   */
  private readonly locali = new Map<string, { readonly impronta: string; readonly fine: Promise<Risposta | undefined> }>();
  private inVolo = 0;
  private readonly battito: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(ID_GENERATOR) ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const leaseMs = config.IDEMPOTENCY_LEASE_MS;
    this.prenotazioni = new PrenotazioniIdempotenza(pool, { istanza: ids.uuid(), leaseMs });
    // Leases are renewed three times per lease while requests run: a pause of the database or of
    // the process shorter than two thirds of a lease does not lose them.
    this.battito = setInterval(() => void this.rinnova(), Math.max(100, Math.floor(leaseMs / 3)));
    this.battito.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.battito);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { attore?: Attore }>();
    const response = context.switchToHttp().getResponse<Response>();
    const chiave = request.headers['idempotency-key'];
    if (!METODI.has(request.method) || chiave === undefined) return next.handle();
    if (typeof chiave !== 'string' || !CHIAVE.test(chiave)) {
      throw ProblemException.badRequest('IDEMPOTENCY_KEY_NON_VALIDA', 'Idempotency-Key: da 1 a 200 caratteri tra lettere, cifre, punto, trattino, due punti', [
        { campo: 'header.Idempotency-Key', messaggio: 'formato non valido' },
      ]);
    }
    const utente = request.attore?.userId ?? 'anonimo';
    return from(this.esegui(utente, chiave, impronta(request), response, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async esegui(utente: string, chiave: string, firma: string, response: Response, lavoro: () => Promise<unknown>): Promise<unknown> {
    const id = `${utente}\n${chiave}`;
    for (let remoti = 0; ; ) {
      const locale = this.locali.get(id);
      if (locale) {
        const esito = await entro(locale.fine.then((r) => ({ r })), ATTESA_LOCALE_MS, undefined);
        if (!esito) throw inCorso(response);
        // The answer it stored, without asking the database again; otherwise look again.
        if (esito.r && locale.impronta === firma) return replay(response, esito.r);
        if (esito.r) throw riusata();
        continue;
      }
      let fine!: (r: Risposta | undefined) => void;
      this.locali.set(id, { impronta: firma, fine: new Promise<Risposta | undefined>((resolve) => (fine = resolve)) });
      let risultato: Risposta | undefined;
      const libera = () => {
        this.locali.delete(id);
        fine(risultato);
      };
      let p: Prenotazione;
      try {
        p = await this.prenotazioni.prenota(utente, chiave, firma);
      } catch (error) {
        libera();
        throw error;
      }
      if (p.tipo === 'nuova') {
        return this.lavora(utente, chiave, p.ripresa, response, lavoro)
          .then((r) => {
            risultato = r.memorizzata;
            return r.risposta;
          })
          .finally(libera);
      }
      libera();
      switch (p.tipo) {
        case 'completata':
          return replay(response, p);
        case 'diversa':
          throw riusata();
        default:
          // Held by a request of another instance: look again a few times, then 409.
          if (remoti >= ATTESE_REMOTE_MS.length) throw inCorso(response);
          await new Promise((resolve) => setTimeout(resolve, ATTESE_REMOTE_MS[remoti++]));
      }
    }
  }

  private async lavora(utente: string, chiave: string, ripresa: boolean, response: Response, lavoro: () => Promise<unknown>): Promise<{ risposta: unknown; memorizzata?: Risposta }> {
    if (ripresa) this.logger.warn({ utente, chiave }, "Idempotency-Key ripresa: l'istanza che la teneva non rinnova più la prenotazione");
    this.inVolo += 1;
    try {
      let risposta: unknown;
      try {
        risposta = await lavoro();
      } catch (error) {
        await this.prenotazioni.rilascia(utente, chiave).catch(() => undefined);
        throw error;
      }
      // What a replay returns: the answer as stored (JSON), not the object the handler built.
      const memorizzabile = JSON.parse(JSON.stringify(risposta ?? null)) as unknown;
      const memorizzata = await this.prenotazioni.completa(utente, chiave, response.statusCode, memorizzabile);
      if (!memorizzata) {
        this.logger.warn({ utente, chiave }, 'Idempotency-Key: prenotazione persa mentre la richiesta era in corso (database irraggiungibile più a lungo della prenotazione)');
      }
      return { risposta, ...(memorizzata ? { memorizzata: { status: response.statusCode, risposta: memorizzabile } } : {}) };
    } finally {
      this.inVolo -= 1;
    }
  }

  private async rinnova(): Promise<void> {
    if (this.inVolo === 0) return;
    await this.prenotazioni.rinnova().catch((error: unknown) => this.logger.warn({ err: error }, 'Idempotency-Key: rinnovo delle prenotazioni non riuscito'));
  }
}

interface Risposta {
  readonly status: number;
  readonly risposta: unknown;
}

function replay(response: Response, r: Risposta): unknown {
  response.status(r.status).setHeader('Idempotent-Replayed', 'true');
  return r.risposta;
}

function riusata(): ProblemException {
  return new ProblemException(problem(422, 'IDEMPOTENCY_KEY_RIUSATA', 'La Idempotency-Key è già stata usata per una richiesta diversa'));
}

function inCorso(response: Response): ProblemException {
  response.setHeader('Retry-After', '1');
  return new ProblemException(problem(409, 'IDEMPOTENCY_IN_CORSO', 'Una richiesta con la stessa Idempotency-Key è ancora in corso: riprova tra poco', { retryAfter: 1 }));
}

/**
 * What makes two requests "the same": method, URL and body. A body streamed to its handler
 * (a CSV upload) is not read here: its type and declared length stand for it.
 */
function impronta(request: Request): string {
  const corpo = request.body !== undefined ? JSON.stringify(request.body) : `${String(request.headers['content-type'] ?? '')} ${String(request.headers['content-length'] ?? '')}`;
  return createHash('sha256').update(`${request.method} ${request.originalUrl}\n${corpo}`).digest('hex');
}
