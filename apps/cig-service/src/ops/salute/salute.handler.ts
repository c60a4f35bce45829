import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Salute } from './salute.query.js';

/** Liveness: answering at all is the answer, so nothing is checked (readiness is /ready). */
@QueryHandler(Salute)
export class SaluteHandler implements IQueryHandler<Salute> {
  async execute(): Promise<{ status: 'ok' }> {
    return { status: 'ok' };
  }
}
