import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { statoAudit, type StatoAudit as Stato } from '#read-models';
import type { Runtime } from '../../infrastructure/runtime.js';
import { RUNTIME } from '../../infrastructure/tokens.js';
import { StatoAudit } from './stato-audit.query.js';

@QueryHandler(StatoAudit)
export class StatoAuditHandler implements IQueryHandler<StatoAudit> {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  execute(): Promise<Stato> {
    return statoAudit(this.runtime.database.pool);
  }
}
