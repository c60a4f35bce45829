import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import { LOGGER, type AppConfig, type Clock, type Logger } from '#platform';
import type { CheckpointStore, EventStore } from '#event-store';
import { testaATempo } from '#read-models';
import { APP_CONFIG, CHECKPOINTS, EVENT_STORE, PG_POOL, WALL_CLOCK } from '../infrastructure/tokens.js';
import { CHIAVI, type Chiavi } from '../security/chiavi.js';

/**
 * AUDIT_STH_SECONDS for a trail that has gone quiet: the projection signs heads as records come
 * (every AUDIT_STH_EVERY records, or when one comes that long after the last head); this timer signs
 * the head of the tail when no record comes to trigger it. Real time (`wallClock`, injected), as the
 * records' recorded time. Every instance may run it: the heads' lock and key make it idempotent.
 */
@Injectable()
export class TesteATempo implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private inCorso: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  onApplicationBootstrap(): void {
    const secondi = this.config.AUDIT_STH_SECONDS;
    if (!(secondi > 0)) return;
    const passo = Math.max(1000, Math.min(secondi * 250, 30_000));
    this.timer = setInterval(() => {
      this.inCorso = this.controlla().catch((error: unknown) =>
        this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'testa firmata a tempo non scritta: riprovo al prossimo giro'),
      );
    }, passo);
    this.timer.unref();
  }

  /** One check: signs the head of the tail if AUDIT_STH_SECONDS have passed since the last head. */
  async controlla(): Promise<void> {
    const { pool, eventStore, checkpoints, config, wallClock } = this;
    const testa = await testaATempo(pool, this.chiavi.firmaAudit, config.AUDIT_STH_SECONDS, wallClock.now(), { store: eventStore, checkpoints });
    if (testa) this.logger.info({ dimensione: testa.dimensione, radice: testa.radice }, 'testa firmata del registro di audit (a tempo)');
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.inCorso;
  }
}
