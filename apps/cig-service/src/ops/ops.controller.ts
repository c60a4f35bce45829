import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { entro, Metrics } from '#platform';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import type pg from 'pg';
import { PG_POOL, REGOLE_ANAC } from '../infrastructure/tokens.js';
import { descriviStatoRegole, type StatoRegoleAnac } from '../regole/regole-anac.js';
import { Pubblico } from '../security/auth.guard.js';

const PING_TIMEOUT_MS = 2_000;
/** When an orchestrator or a client should ask /ready again while the service is not ready (seconds). */
const RETRY_AFTER_S = 5;

type Indicatore = { readonly status: 'up' | 'down' } & Readonly<Record<string, unknown>>;

/**
 * The health-check sections of @nestjs/terminus (`info`: indicators up, `error`: indicators down,
 * `details`: all of them), so that tools reading Terminus answers read /ready too. `status` keeps
 * this service's values (`ready` / `not_ready`) and the HTTP status says the same (200 / 503).
 */
function controlli(indicatori: Readonly<Record<string, Indicatore>>) {
  const voci = Object.entries(indicatori);
  return {
    info: Object.fromEntries(voci.filter(([, v]) => v.status === 'up')),
    error: Object.fromEntries(voci.filter(([, v]) => v.status === 'down')),
    details: indicatori,
  };
}

/** Liveness, readiness and metrics: for orchestrators and monitoring, not for users. */
@ApiTags('operazioni')
@Pubblico()
@Controller()
export class OpsController {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(REGOLE_ANAC) private readonly regoleAnac: StatoRegoleAnac,
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
    return {
      status: ready ? 'ready' : 'not_ready',
      database,
      migrazioni: 'applicate',
      consumatori: consumers,
      regoleAnac: descriviStatoRegole(this.regoleAnac),
      ...controlli({ database: { status: database }, consumatori: { status: 'up', attivi: consumers.filter((c) => c.attivo).length, totale: consumers.length } }),
    };
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Metriche in formato Prometheus (testo)' })
  async prometheus(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }

  private pingDatabase(): Promise<'up' | 'down'> {
    const ping = this.pool.query('SELECT 1').then(() => 'up' as const, () => 'down' as const);
    return entro<'up' | 'down'>(ping, PING_TIMEOUT_MS, 'down');
  }
}
