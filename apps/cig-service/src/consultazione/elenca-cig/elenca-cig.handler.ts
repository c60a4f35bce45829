import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { AppConfig } from '#platform';
import { leggiFiltriListing, paginaListing } from '#read-models';
import { Allineamento } from '../../infrastructure/allineamento.js';
import { APP_CONFIG, PG_POOL } from '../../infrastructure/tokens.js';
import { CHIAVI, type Chiavi } from '../../security/chiavi.js';
import { ambito } from '../ambito.js';
import { ElencaCig } from './elenca-cig.query.js';

/** Filters checked first (400 naming the field), then the wait for `attendi`, then the page and its total. */
@QueryHandler(ElencaCig)
export class ElencaCigHandler implements IQueryHandler<ElencaCig> {
  constructor(
    private readonly allineamento: Allineamento,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  async execute({ parametri, attore }: ElencaCig) {
    const richiesta = leggiFiltriListing(parametri, { pagine: true, limiteMax: this.config.LISTING_PAGE_MAX });
    const consistenza = await this.allineamento.attendi(parametri.attendi as string | undefined, ['listing']);
    const pagina = await paginaListing(this.pool, richiesta, ambito(attore), this.chiavi.cursori, { limiteConteggio: this.config.LISTING_COUNT_MAX });
    return { pagina, consistenza };
  }
}
