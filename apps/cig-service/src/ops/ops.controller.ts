import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { entro, Metrics } from '#platform';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { descriviStatoRegole } from '../regole/regole-anac.js';
import { Pubblico } from '../security/auth.guard.js';

const PING_TIMEOUT_MS = 2_000;
/** When an orchestrator or a client should ask /ready again while the service is not ready (seconds). */
const RETRY_AFTER_S = 5;

/** Liveness, readiness and metrics: for orchestrators and monitoring, not for users. */
@ApiTags('operazioni')
@Pubblico()
@Controller()
export class OpsController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly consumers: ConsumerRegistry,
    private readonly metrics: Metrics,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Il processo è vivo' })
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Pronto a servire: database raggiungibile, migrazioni applicate, consumatori avviati' })
  async ready(@Res({ passthrough: true }) res: Response) {
    const database = await this.pingDatabase();
    const consumers = this.consumers.statuses().map((s) => ({ nome: s.name, attivo: s.active, allineato: s.caughtUp, errore: s.lastError ?? null }));
    const ready = database === 'up';
    res.status(ready ? 200 : 503);
    if (!ready) res.setHeader('Retry-After', String(RETRY_AFTER_S));
    return { status: ready ? 'ready' : 'not_ready', database, migrazioni: 'applicate', consumatori: consumers, regoleAnac: descriviStatoRegole(this.runtime.regoleAnac) };
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Metriche in formato Prometheus (testo)' })
  async prometheus(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }

  private pingDatabase(): Promise<'up' | 'down'> {
    const ping = this.runtime.database.pool.query('SELECT 1').then(() => 'up' as const, () => 'down' as const);
    return entro<'up' | 'down'>(ping, PING_TIMEOUT_MS, 'down');
  }
}
