import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Attore, IdGenerator } from '#platform';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';

type ContextRequest = Request & { attore?: Attore; requestId?: string };

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request an id (echoed as X-Request-ID) and keeps the caller's correlation id
 * (X-Correlation-ID) when it is well formed, so that events and logs can be tied together.
 */
export function requestIds(ids: IdGenerator) {
  return (req: ContextRequest, res: Response, next: NextFunction): void => {
    req.requestId = ids.uuid();
    res.setHeader('X-Request-ID', req.requestId);
    next();
  };
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
