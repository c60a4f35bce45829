import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { CLOCK, type Clock } from '#platform';
import { esportaAudit, LettoreParametri } from '#read-models';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { CHIAVI, type Chiavi } from '../../security/chiavi.js';
import { EsportaRegistro } from './esporta-registro.query.js';

/** Checks the range (400 naming the field) before anything is written; the lines are read as the client takes them. */
@QueryHandler(EsportaRegistro)
export class EsportaRegistroHandler implements IQueryHandler<EsportaRegistro> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ parametri }: EsportaRegistro): Promise<AsyncGenerator<string>> {
    const p = new LettoreParametri(parametri, ['daSeq', 'aSeq'], 'audit');
    const daSeq = p.intero('daSeq', 0, 999_999_999);
    const aSeq = p.intero('aSeq', 1, 999_999_999);
    p.intervallo('daSeq', 'aSeq', (x, y) => Number(x) - Number(y) + 1, daSeq?.toString(), aSeq?.toString());
    p.verifica();
    return esportaAudit(this.pool, this.chiavi.firmaAudit, { daSeq: daSeq?.toString(), aSeq: aSeq?.toString() }, this.clock.now());
  }
}
