import { type DynamicModule, Global, Module } from '@nestjs/common';
import { PostgresEventStore } from '#event-store';
import { CLOCK, ID_GENERATOR, LOGGER, Metrics, TokenVerifier } from '#platform';
import { AggregateStore } from './aggregate-store.js';
import { Allineamento } from './allineamento.js';
import { ConsumerRegistry } from './consumer-registry.js';
import { OsservatoreStream, revisioniDa } from './osservatore-stream.js';
import type { Runtime } from './runtime.js';
import { ANAC_GATEWAY } from '../anac/anac.tokens.js';
import { APP_CONFIG, CHECKPOINTS, EVENT_STORE, IDENTITY, PG_POOL, RANDOM, REGOLE_ANAC, WALL_CLOCK } from './tokens.js';

/** Makes the runtime's parts injectable everywhere. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRuntime(runtime: Runtime): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: runtime.config },
      { provide: LOGGER, useValue: runtime.logger },
      { provide: PG_POOL, useValue: runtime.database.pool },
      { provide: EVENT_STORE, useValue: runtime.eventStore },
      { provide: CHECKPOINTS, useValue: runtime.checkpoints },
      { provide: CLOCK, useValue: runtime.clock },
      { provide: WALL_CLOCK, useValue: runtime.wallClock },
      { provide: RANDOM, useValue: runtime.random },
      { provide: IDENTITY, useValue: runtime.identity },
      { provide: REGOLE_ANAC, useValue: runtime.regoleAnac },
      { provide: ID_GENERATOR, useValue: runtime.ids },
      { provide: Metrics, useValue: runtime.metrics },
      { provide: TokenVerifier, useValue: runtime.identity.verifier },
      { provide: ANAC_GATEWAY, useValue: runtime.anac },
      ConsumerRegistry,
      AggregateStore,
      Allineamento,
      {
        provide: OsservatoreStream,
        inject: [ConsumerRegistry],
        useFactory: (consumers: ConsumerRegistry) => {
          const store = runtime.eventStore;
          return new OsservatoreStream(store instanceof PostgresEventStore ? store : revisioniDa(store), { segnale: consumers.segnale });
        },
      },
    ];
    return { module: InfrastructureModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
