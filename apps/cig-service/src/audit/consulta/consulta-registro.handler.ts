import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { leggiFiltriAudit, paginaAudit } from '#read-models';
import { Allineamento } from '../../infrastructure/allineamento.js';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { CHIAVI, type Chiavi } from '../../security/chiavi.js';
import { ConsultaRegistro } from './consulta-registro.query.js';

/** Filters checked first (400 naming the field), then the wait for `attendi`, then the page. */
@QueryHandler(ConsultaRegistro)
export class ConsultaRegistroHandler implements IQueryHandler<ConsultaRegistro> {
  constructor(
    private readonly allineamento: Allineamento,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  async execute({ parametri }: ConsultaRegistro) {
    const richiesta = leggiFiltriAudit(parametri);
    const consistenza = await this.allineamento.attendi(parametri.attendi as string | undefined, ['audit']);
    return { pagina: await paginaAudit(this.pool, richiesta, this.chiavi.cursori), consistenza };
  }
}
