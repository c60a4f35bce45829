import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '#platform';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { cigRegistrar } from './cig-registrar.js';
import { EsecutorePasso } from './esecutore-passo.js';
import { PraticaWorker } from './pratica-worker.js';
import { praticheConsumer } from './pratiche.consumer.js';

/** The ANAC process manager: practices opened from events, carried out by the worker. */
@Module({
  // The gateway (ANAC_GATEWAY) comes from the infrastructure, like the other parts of the runtime.
  providers: [EsecutorePasso, PraticaWorker],
  exports: [PraticaWorker],
})
export class AnacModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly worker: PraticaWorker,
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  onModuleInit(): void {
    this.consumers.register(praticheConsumer(() => this.worker.svegliati()));
    this.consumers.register(cigRegistrar(this.aggregates, this.clock, this.ids));
  }
}
