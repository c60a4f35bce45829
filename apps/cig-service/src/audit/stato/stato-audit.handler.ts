import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { statoAudit, type StatoAudit as Stato } from '#read-models';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { StatoAudit } from './stato-audit.query.js';

@QueryHandler(StatoAudit)
export class StatoAuditHandler implements IQueryHandler<StatoAudit> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  execute(): Promise<Stato> {
    return statoAudit(this.pool);
  }
}
