import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Attore, IdGenerator } from '#platform';
import { lettureDellaRichiesta, type CommandMeta } from '../infrastructure/aggregate-store.js';

type ContextRequest = Request & { attore?: Attore; requestId?: string };

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id, echoed as X-Request-ID: the caller's own X-Request-ID when it is well
 * formed (letters, digits, `.`, `_`, `:`, `-`, at most 128), otherwise a new UUID. The id is on the
 * access log line, in the metadata of the events the request writes (causation, and correlation
 * unless X-Correlation-ID says otherwise) and in the X-Request-ID of the ANAC calls it leads to.
 */
export function requestIds(ids: IdGenerator) {
  return (req: ContextRequest, res: Response, next: NextFunction): void => {
    const ricevuto = req.headers['x-request-id'];
    req.requestId = typeof ricevuto === 'string' && SAFE_ID.test(ricevuto) ? ricevuto : ids.uuid();
    res.setHeader('X-Request-ID', req.requestId);
    next();
  };
}

/**
 * The request's handlers run in its own record of the streams it read (`lettureDellaRichiesta`).
 * Registered after the body parser: a middleware that reads the body calls the next one from the
 * body stream's events, which would not carry the record.
 */
export function letturePerRichiesta() {
  return (_req: Request, _res: Response, next: NextFunction): void => lettureDellaRichiesta.run(new Map(), next);
}

/** The metadata of the command a request issues: actor from the token, ids, Idempotency-Key. */
export const Comando = createParamDecorator((_: unknown, context: ExecutionContext): CommandMeta => {
  const request = context.switchToHttp().getRequest<ContextRequest>();
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && SAFE_ID.test(value) ? value : undefined;
  };
  const requestId = request.requestId ?? 'unknown';
  return {
    attore: request.attore!,
    correlationId: header('x-correlation-id') ?? requestId,
    causationId: requestId,
    idempotencyKey: header('idempotency-key'),
  };
});
