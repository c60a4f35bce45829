import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { ANAC_GATEWAY } from './anac.tokens.js';
import { cigRegistrar } from './cig-registrar.js';
import { PraticaWorker } from './pratica-worker.js';
import { praticheConsumer } from './pratiche.consumer.js';

/** The ANAC process manager: practices opened from events, carried out by the worker. */
@Module({
  providers: [
    { provide: ANAC_GATEWAY, inject: [RUNTIME], useFactory: (runtime: Runtime) => runtime.anac },
    PraticaWorker,
  ],
  exports: [PraticaWorker],
})
export class AnacModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly worker: PraticaWorker,
    private readonly aggregates: AggregateStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    this.consumers.register(praticheConsumer(() => this.worker.svegliati()));
    this.consumers.register(cigRegistrar(this.aggregates, this.runtime.clock, this.runtime.ids));
  }
}
