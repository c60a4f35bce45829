import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, ID_GENERATOR, LOGGER, Pausa, type AppConfig, type Clock, type IdGenerator, type Logger } from '#platform';
import type pg from 'pg';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { APP_CONFIG, PG_POOL } from '../infrastructure/tokens.js';
import { EsecutoreScadenze } from './esecutore-scadenze.js';

/**
 * The deadline scheduler of this instance: every SCADENZE_TICK_MS (or at once when a deadline
 * was recorded) it fires what is due on the business clock. Other instances run their own; the
 * table's leases keep them from doing the same deadline at once.
 */
@Injectable()
export class ScadenzeWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly esecutore: EsecutoreScadenze;
  private attivo = false;
  private ciclo: Promise<void> | undefined;
  private readonly pausa = new Pausa();

  private readonly logger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PG_POOL) pool: pg.Pool,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_GENERATOR) ids: IdGenerator,
    @Inject(LOGGER) logger: Logger,
    aggregates: AggregateStore,
  ) {
    this.logger = logger.child({ component: 'scadenze' });
    this.esecutore = new EsecutoreScadenze({ pool, aggregates, clock, ids, logger: this.logger, istanza: `${process.pid}-${ids.uuid()}` });
  }

  svegliati(): void {
    this.pausa.sveglia();
  }

  onApplicationBootstrap(): void {
    this.attivo = true;
    this.ciclo = this.esegui();
  }

  async onApplicationShutdown(): Promise<void> {
    this.attivo = false;
    this.pausa.sveglia();
    await this.ciclo;
  }

  private async esegui(): Promise<void> {
    while (this.attivo) {
      try {
        while (this.attivo && (await this.esecutore.ciclo()) > 0);
      } catch (error) {
        this.logger.warn({ err: error }, 'cannot claim deadlines; retrying');
      }
      await this.pausa.dormi(this.config.SCADENZE_TICK_MS);
    }
  }
}
