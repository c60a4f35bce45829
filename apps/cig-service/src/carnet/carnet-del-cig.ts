import { Inject, Injectable } from '@nestjs/common';
import { carnetDecider, carnetStream, type CarnetEsistente } from '#domain';
import type { EventStore } from '#event-store';
import type { AppConfig } from '#platform';
import { numeroCarnetDelCig } from '#read-models';
import type pg from 'pg';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { APP_CONFIG, EVENT_STORE, PG_POOL } from '../infrastructure/tokens.js';

/**
 * The carnet that issued a SmartCIG code (carnet codes have no stream of their own), read from its
 * stream once the carnet read model names it. A carnet issued a moment ago may not be in the read
 * model yet: the `carnet` projection is waited for, bounded, before answering "not a carnet code".
 */
@Injectable()
export class CarnetDelCig {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly consumers: ConsumerRegistry,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async trova(cig: string): Promise<CarnetEsistente | undefined> {
    let numero = await numeroCarnetDelCig(this.pool, cig);
    if (numero === undefined) {
      const head = await this.eventStore.headPosition();
      if (head) await this.consumers.waitForAll(head, Math.min(this.config.READ_WAIT_MAX_MS, 1_500), ['carnet']);
      numero = await numeroCarnetDelCig(this.pool, cig);
    }
    if (numero === undefined) return undefined;
    const { state } = await this.aggregates.load(carnetStream(numero), carnetDecider);
    return state.esiste && state.codici[cig] ? state : undefined;
  }
}
