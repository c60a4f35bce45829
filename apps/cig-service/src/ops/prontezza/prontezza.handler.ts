import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { entro } from '#platform';
import { ConsumerRegistry } from '../../infrastructure/consumer-registry.js';
import { PG_POOL, REGOLE_ANAC } from '../../infrastructure/tokens.js';
import { descriviStatoRegole, type StatoRegoleAnac } from '../../regole/regole-anac.js';
import { Prontezza, type Indicatore, type StatoProntezza } from './prontezza.query.js';

const PING_TIMEOUT_MS = 2_000;

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

/** Ready when the database answers within PING_TIMEOUT_MS; the consumers are reported, not required. */
@QueryHandler(Prontezza)
export class ProntezzaHandler implements IQueryHandler<Prontezza> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(REGOLE_ANAC) private readonly regoleAnac: StatoRegoleAnac,
    private readonly consumers: ConsumerRegistry,
  ) {}

  async execute(): Promise<StatoProntezza> {
    const database = await this.pingDatabase();
    const consumers = this.consumers.statuses().map((s) => ({ nome: s.name, attivo: s.active, allineato: s.caughtUp, errore: s.lastError ?? null }));
    const ready = database === 'up';
    return {
      status: ready ? 'ready' : 'not_ready',
      database,
      migrazioni: 'applicate',
      consumatori: consumers,
      regoleAnac: descriviStatoRegole(this.regoleAnac),
      ...controlli({ database: { status: database }, consumatori: { status: 'up', attivi: consumers.filter((c) => c.attivo).length, totale: consumers.length } }),
    };
  }

  private pingDatabase(): Promise<'up' | 'down'> {
    const ping = this.pool.query('SELECT 1').then(() => 'up' as const, () => 'down' as const);
    return entro<'up' | 'down'>(ping, PING_TIMEOUT_MS, 'down');
  }
}
