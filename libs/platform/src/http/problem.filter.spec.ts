import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { pino } from 'pino';
import type { ArgumentsHost } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem.filter.js';
import { TokenMancante, TokenNonValido } from '../security/token-verifier.js';

describe('problem details', () => {
  const filter = new ProblemDetailsFilter(pino({ level: 'silent' }));

  it('maps a domain error by its kind and keeps its Italian message and fields', () => {
    const error = Object.assign(new Error("L'appalto è già confermato"), { code: 'APPALTO_GIA_CONFERMATO', kind: 'conflict' });
    expect(filter.toProblem(error)).toMatchObject({ status: 409, code: 'APPALTO_GIA_CONFERMATO', detail: "L'appalto è già confermato", title: 'Conflitto con lo stato attuale' });
    const rule = Object.assign(new Error('importo oltre soglia'), { code: 'AD5_IMPORTO', kind: 'rule', errors: [{ campo: 'importo', messaggio: 'x' }] });
    expect(filter.toProblem(rule)).toMatchObject({ status: 422, errors: [{ campo: 'importo', messaggio: 'x' }] });
  });

  it('maps event store errors without their internal message', () => {
    const conflict = Object.assign(new Error('stream appalto-1: expected revision 3, actual 4'), { code: 'WRONG_EXPECTED_VERSION' });
    const problem = filter.toProblem(conflict);
    expect(problem.status).toBe(409);
    expect(problem.detail).not.toMatch(/stream|revision/);
  });

  it('an event the store refuses is a 400 in Italian, without the store\'s English reason', () => {
    const invalid = Object.assign(new Error('event 0: id must be a UUID'), { code: 'INVALID_EVENT' });
    expect(filter.toProblem(invalid)).toMatchObject({ status: 400, code: 'INVALID_EVENT', detail: expect.stringMatching(/^Dati non registrabili/) });
    expect(JSON.stringify(filter.toProblem(invalid))).not.toMatch(/must be|UUID/);
  });

  it('hides the details of unexpected errors', () => {
    const problem = filter.toProblem(new Error('relation "segreta" does not exist at /srv/app.js:12'));
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(problem)).not.toMatch(/segreta|srv/);
  });

  it('maps HTTP exceptions, malformed JSON included', () => {
    expect(filter.toProblem(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'Percorso o risorsa inesistente' });
    const malformed = new BadRequestException('Unexpected token', { cause: new SyntaxError('Unexpected token') });
    expect(filter.toProblem(malformed)).toMatchObject({ status: 400, code: 'JSON_MALFORMED' });
  });

  it('never passes on the English messages of Nest and of the body parser', () => {
    const uuid = filter.toProblem(new BadRequestException('Validation failed (uuid is expected)'));
    expect(uuid).toMatchObject({ status: 400, code: 'REQUEST_INVALID', detail: 'Richiesta non valida' });
    const profondo = new BadRequestException('too deep', { cause: Object.assign(new Error('too deep'), { type: 'entity.too.deep' }) });
    expect(filter.toProblem(profondo)).toMatchObject({ status: 400, code: 'JSON_TROPPO_ANNIDATO', detail: expect.stringMatching(/64 livelli/) });
    const charset = new HttpException('unsupported charset "UTF-16"', 415, { cause: Object.assign(new Error('x'), { type: 'charset.unsupported' }) });
    expect(filter.toProblem(charset)).toMatchObject({ status: 415, detail: 'Il corpo JSON deve essere codificato in UTF-8' });
  });

  /** Runs the filter on `error` and returns the status and headers it answered with. */
  function risposta(error: unknown): { status: number; headers: Record<string, string>; body: Record<string, unknown> } {
    const headers: Record<string, string> = {};
    const out = { status: 0, headers, body: {} as Record<string, unknown> };
    const res = {
      headersSent: false,
      setHeader: (k: string, v: string) => void (headers[k.toLowerCase()] = v),
      status(s: number) { out.status = s; return res; },
      type: () => res,
      send: (b: string) => void (out.body = JSON.parse(b)),
    };
    const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/x' }), getResponse: () => res }) } as unknown as ArgumentsHost;
    filter.catch(error, host);
    return out;
  }

  it('every 503 carries Retry-After, also when its cause names no time (event store unreachable, a dependency down)', () => {
    for (const error of [
      Object.assign(new Error('x'), { code: 'EVENT_STORE_UNAVAILABLE' }),
      Object.assign(new Error('ANAC non raggiungibile'), { code: 'ANAC_NON_RAGGIUNGIBILE', kind: 'unavailable' }),
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ]) {
      const r = risposta(error);
      expect(r.status).toBe(503);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(r.body.retryAfter).toBe(Number(r.headers['retry-after']));
    }
  });

  it('a 401 carries the Bearer challenge: no error code without a token, invalid_token for a refused one (RFC 6750)', () => {
    expect(risposta(new TokenMancante()).headers['www-authenticate']).toBe('Bearer realm="cig-ledger"');
    expect(risposta(new TokenNonValido('Token scaduto')).headers['www-authenticate']).toBe('Bearer realm="cig-ledger", error="invalid_token"');
    expect(risposta(Object.assign(new Error('x'), { code: 'APPALTO_GIA_CONFERMATO', kind: 'conflict' })).headers['www-authenticate']).toBeUndefined();
  });
});
