import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type pg from 'pg';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { problem, ProblemException, type Attore } from '#platform';
import { PG_POOL } from '../infrastructure/tokens.js';

const CHIAVE = /^[A-Za-z0-9._:-]{1,200}$/;
const METODI = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Keys are kept this long; an older key counts as new. */
const DURATA_ORE = 24;

type Prenotazione = { tipo: 'nuova' } | { tipo: 'completata'; status: number; risposta: unknown } | { tipo: 'in-corso' } | { tipo: 'diversa' };

/**
 * `Idempotency-Key` on commands: the first request with a key does the work and its answer is
 * kept; a repeat with the same key and the same request returns that answer (header
 * `Idempotent-Replayed: true`) and writes nothing; the same key with another request is 422; a
 * repeat while the first is still running is 409. Keys are per caller. A failed command keeps
 * nothing, so it can be retried with the same key once corrected.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

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
    const impronta = createHash('sha256').update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    return from(this.prenota(utente, chiave, impronta)).pipe(
      mergeMap((p) => {
        switch (p.tipo) {
          case 'completata':
            response.status(p.status).setHeader('Idempotent-Replayed', 'true');
            return of(p.risposta);
          case 'in-corso':
            throw new ProblemException(problem(409, 'IDEMPOTENCY_IN_CORSO', 'Una richiesta con la stessa Idempotency-Key è ancora in corso: riprova tra poco'));
          case 'diversa':
            throw new ProblemException(problem(422, 'IDEMPOTENCY_KEY_RIUSATA', 'La Idempotency-Key è già stata usata per una richiesta diversa'));
          default:
            return next.handle().pipe(
              mergeMap(async (risposta) => {
                await this.completa(utente, chiave, response.statusCode, risposta);
                return risposta;
              }),
              catchError((error: unknown) => from(this.rilascia(utente, chiave)).pipe(mergeMap(() => throwError(() => error)))),
            );
        }
      }),
    );
  }

  private async prenota(utente: string, chiave: string, impronta: string): Promise<Prenotazione> {
    const { rows } = await this.pool.query<{ inserita: boolean; impronta: string; stato: string; http_status: number | null; risposta: unknown }>(
      `WITH vecchia AS (
         DELETE FROM idempotenza WHERE utente = $1 AND chiave = $2 AND creata_il < now() - ($4 || ' hours')::interval
       ), nuova AS (
         INSERT INTO idempotenza (utente, chiave, impronta, stato) VALUES ($1, $2, $3, 'IN_CORSO')
         ON CONFLICT (utente, chiave) DO NOTHING RETURNING true AS inserita, impronta, stato, http_status, risposta
       )
       SELECT * FROM nuova
       UNION ALL
       SELECT false, impronta, stato, http_status, risposta FROM idempotenza WHERE utente = $1 AND chiave = $2 AND NOT EXISTS (SELECT 1 FROM nuova)`,
      [utente, chiave, impronta, String(DURATA_ORE)],
    );
    const riga = rows[0];
    if (!riga || riga.inserita) return { tipo: 'nuova' };
    if (riga.impronta !== impronta) return { tipo: 'diversa' };
    if (riga.stato !== 'COMPLETATA') return { tipo: 'in-corso' };
    return { tipo: 'completata', status: riga.http_status ?? 200, risposta: riga.risposta };
  }

  private async completa(utente: string, chiave: string, status: number, risposta: unknown): Promise<void> {
    await this.pool.query(`UPDATE idempotenza SET stato = 'COMPLETATA', http_status = $3, risposta = $4 WHERE utente = $1 AND chiave = $2`, [
      utente, chiave, status, JSON.stringify(risposta ?? null),
    ]);
  }

  private async rilascia(utente: string, chiave: string): Promise<void> {
    await this.pool.query(`DELETE FROM idempotenza WHERE utente = $1 AND chiave = $2 AND stato = 'IN_CORSO'`, [utente, chiave]).catch(() => undefined);
  }
}
