import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { testaATempo } from '#read-models';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { CHIAVI, type Chiavi } from './chiavi.js';

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
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  onApplicationBootstrap(): void {
    const secondi = this.runtime.config.AUDIT_STH_SECONDS;
    if (!(secondi > 0)) return;
    const passo = Math.max(1000, Math.min(secondi * 250, 30_000));
    this.timer = setInterval(() => {
      this.inCorso = this.controlla().catch((error: unknown) =>
        this.runtime.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'testa firmata a tempo non scritta: riprovo al prossimo giro'),
      );
    }, passo);
    this.timer.unref();
  }

  /** One check: signs the head of the tail if AUDIT_STH_SECONDS have passed since the last head. */
  async controlla(): Promise<void> {
    const { database, eventStore, checkpoints, config, wallClock } = this.runtime;
    const testa = await testaATempo(database.pool, this.chiavi.firmaAudit, config.AUDIT_STH_SECONDS, wallClock.now(), { store: eventStore, checkpoints });
    if (testa) this.runtime.logger.info({ dimensione: testa.dimensione, radice: testa.radice }, 'testa firmata del registro di audit (a tempo)');
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.inCorso;
  }
}
