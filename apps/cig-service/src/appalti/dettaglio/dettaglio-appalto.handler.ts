import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { CLOCK, type AppConfig, type Clock } from '#platform';
import { PraticheStore } from '../../anac/pratiche.store.js';
import { APP_CONFIG, PG_POOL } from '../../infrastructure/tokens.js';
import { ComandiAppalto } from '../comandi-appalto.js';
import { DettaglioAppalto } from './dettaglio-appalto.query.js';
import { vistaAppalto } from './vista-appalto.js';

@QueryHandler(DettaglioAppalto)
export class DettaglioAppaltoHandler implements IQueryHandler<DettaglioAppalto> {
  constructor(
    private readonly appalti: ComandiAppalto,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ appaltoId, attore }: DettaglioAppalto): Promise<ReturnType<typeof vistaAppalto>> {
    const { appalto } = await this.appalti.carica(appaltoId, attore, 'appalto.leggi');
    const pratiche = await new PraticheStore(this.pool).diAppalto(appaltoId);
    return vistaAppalto(appalto, pratiche, this.clock.now(), this.config.ANAC_ATTESA_ALLARME);
  }
}
