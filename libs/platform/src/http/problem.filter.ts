import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { problem, PROBLEM_CONTENT_TYPE, ProblemException, type ProblemDocument } from './problem.js';

/**
 * How errors raised by the domain and the event store become HTTP answers. Matched by shape
 * so that this library does not depend on the domain: an error with a string `code` and a
 * `kind` is a domain error.
 */
const KIND_STATUS: Readonly<Record<string, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  unavailable: 503,
};

const STORE_ERRORS: Readonly<Record<string, [number, string]>> = {
  WRONG_EXPECTED_VERSION: [409, 'La risorsa è stata modificata da un\'altra richiesta: ricaricala e riprova'],
  TRANSACTION_ORDER: [409, 'La risorsa è stata modificata da un\'altra richiesta: riprova'],
  CHECKPOINT_CONFLICT: [409, 'Aggiornamento concorrente: riprova'],
  STREAM_NOT_FOUND: [404, 'Risorsa non trovata'],
  STREAM_DELETED: [410, 'Risorsa eliminata definitivamente'],
  // The store's own reason is English and technical: it is logged, the answer stays Italian.
  INVALID_EVENT: [400, 'Dati non registrabili: contengono valori che l\'archivio degli eventi non accetta'],
  EVENT_STORE_UNAVAILABLE: [503, 'Archivio eventi non raggiungibile: riprova tra poco'],
};

/** PostgreSQL or socket errors meaning "the database is not reachable right now". */
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const DATABASE_DOWN_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly|the database system is (starting up|shutting down)|is not currently accepting connections/i;

/** Retry-After of a 503 whose cause gave no time of its own (seconds). */
const RETRY_AFTER_503_S = 5;

/**
 * The challenge of a 401 (RFC 6750 §3): a request without a token gets the scheme alone; a
 * token that was refused gets `error="invalid_token"`.
 */
export function wwwAuthenticate(code: string): string {
  return code === 'TOKEN_MANCANTE' ? 'Bearer realm="cig-ledger"' : 'Bearer realm="cig-ledger", error="invalid_token"';
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  return (typeof e?.code === 'string' && DATABASE_DOWN_CODES.has(e.code)) || (typeof e?.message === 'string' && DATABASE_DOWN_MESSAGES.test(e.message));
}

/** Turns any error into problem+json; never leaks stack traces, SQL or internal paths. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problema = this.toProblem(error);
    const body: ProblemDocument = {
      ...problema,
      ...(problema.status === 503 && typeof problema.retryAfter !== 'number' ? { retryAfter: RETRY_AFTER_503_S } : {}),
      instance: request?.originalUrl,
    };
    if (body.status === 503) this.logger.warn({ err: error, url: request?.originalUrl }, 'request failed: a dependency is unavailable');
    else if (body.status >= 500) this.logger.error({ err: error, url: request?.originalUrl }, 'request failed');
    else if (body.code === 'INVALID_EVENT') this.logger.warn({ err: error, url: request?.originalUrl }, 'request refused by the event store');
    if (!response || response.headersSent) return;
    if (body.status === 429 && typeof body.retryAfter === 'number') response.setHeader('Retry-After', String(body.retryAfter));
    // Every 503 says when to try again: the condition is temporary by definition (RFC 9110 §15.6.4).
    if (body.status === 503) response.setHeader('Retry-After', String(body.retryAfter));
    if (body.status === 401) response.setHeader('WWW-Authenticate', wwwAuthenticate(body.code));
    response.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  toProblem(error: unknown): ProblemDocument {
    if (error instanceof ProblemException) return error.problem;
    const e = error as { code?: unknown; kind?: unknown; message?: string; errors?: unknown; status?: unknown; statusCode?: unknown; type?: unknown; details?: unknown };
    if (typeof e?.code === 'string' && typeof e.kind === 'string' && KIND_STATUS[e.kind]) {
      return problem(KIND_STATUS[e.kind], e.code, e.message, {
        ...(Array.isArray(e.errors) ? { errors: e.errors } : {}),
        ...(e.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : {}),
      });
    }
    if (typeof e?.code === 'string' && STORE_ERRORS[e.code]) {
      const [status, detail] = STORE_ERRORS[e.code];
      return problem(status, e.code, detail);
    }
    if (error instanceof HttpException) return fromHttpException(error);
    if (isDatabaseUnavailable(error)) return problem(503, 'DATABASE_NON_RAGGIUNGIBILE', 'Database momentaneamente non raggiungibile: riprova tra poco', { retryAfter: 5 });
    return problem(500, 'INTERNAL_ERROR', 'Si è verificato un errore interno; è stato registrato');
  }
}

/** Errors of the body parser (http-errors `type`), in Italian. */
const BODY_ERRORS: Readonly<Record<string, [number, string, string]>> = {
  'entity.parse.failed': [400, 'JSON_MALFORMED', 'Il corpo della richiesta non è JSON valido'],
  'entity.too.deep': [400, 'JSON_TROPPO_ANNIDATO', 'Il corpo JSON è annidato troppo in profondità: al massimo 64 livelli di oggetti ed elenchi'],
  'entity.too.large': [413, 'BODY_TOO_LARGE', 'Il corpo della richiesta supera il limite consentito'],
  'charset.unsupported': [415, 'CHARSET_NON_SUPPORTATO', 'Il corpo JSON deve essere codificato in UTF-8'],
  'encoding.unsupported': [415, 'ENCODING_NON_SUPPORTATO', 'Compressione del corpo non supportata'],
  'request.aborted': [400, 'RICHIESTA_INTERROTTA', 'Il corpo della richiesta è stato interrotto'],
  'request.size.invalid': [400, 'LUNGHEZZA_NON_VALIDA', 'Il corpo della richiesta non ha la lunghezza dichiarata'],
};

/**
 * Nest's and Express's own errors. Their messages are English ("Validation failed (uuid is
 * expected)", "Unexpected token"): the answer carries an Italian detail by status instead.
 */
const HTTP_DETAILS: Readonly<Record<number, [string, string]>> = {
  400: ['REQUEST_INVALID', 'Richiesta non valida'],
  404: ['NOT_FOUND', 'Percorso o risorsa inesistente'],
  405: ['METHOD_NOT_ALLOWED', 'Metodo non consentito su questo percorso'],
  406: ['NOT_ACCEPTABLE', 'Formato di risposta non disponibile'],
  413: ['BODY_TOO_LARGE', 'Il corpo della richiesta supera il limite consentito'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Formato del corpo della richiesta non supportato'],
  429: ['TOO_MANY_REQUESTS', 'Troppe richieste: riprova più tardi'],
};

function fromHttpException(error: HttpException): ProblemDocument {
  const status = error.getStatus();
  const cause = error.cause as { type?: unknown } | undefined;
  const body = typeof cause?.type === 'string' ? BODY_ERRORS[cause.type] : undefined;
  if (body) return problem(body[0], body[1], body[2]);
  if (cause instanceof SyntaxError) return problem(400, 'JSON_MALFORMED', 'Il corpo della richiesta non è JSON valido');
  if (cause instanceof URIError) return problem(400, 'PATH_MALFORMED', 'Il percorso contiene una codifica non valida');
  const [code, detail] = HTTP_DETAILS[status] ?? [`HTTP_${status}`, undefined];
  return problem(status, code, detail);
}
