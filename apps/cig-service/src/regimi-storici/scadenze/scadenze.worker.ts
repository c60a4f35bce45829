import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Pausa } from '#platform';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import type { Runtime } from '../../infrastructure/runtime.js';
import { RUNTIME } from '../../infrastructure/tokens.js';
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

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime, aggregates: AggregateStore) {
    this.esecutore = new EsecutoreScadenze({
      pool: runtime.database.pool, aggregates, clock: runtime.clock, ids: runtime.ids,
      logger: runtime.logger.child({ component: 'scadenze' }), istanza: `${process.pid}-${runtime.ids.uuid()}`,
    });
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
        this.runtime.logger.warn({ err: error }, 'cannot claim deadlines; retrying');
      }
      await this.pausa.dormi(this.runtime.config.SCADENZE_TICK_MS);
    }
  }
}
