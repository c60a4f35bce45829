import { Module, type OnModuleInit } from '@nestjs/common';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { scadenzeConsumer } from './scadenze.consumer.js';
import { ScadenzeWorker } from './scadenze.worker.js';

/**
 * The deadline scheduler: the `scadenze` consumer records the deadlines of SIMOG CIGs and carnets
 * from their events, and this instance's worker fires those due on the business clock.
 */
@Module({
  providers: [ScadenzeWorker],
})
export class ScadenzeModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly scadenze: ScadenzeWorker,
  ) {}

  onModuleInit(): void {
    this.consumers.register(scadenzeConsumer(() => this.scadenze.svegliati()));
  }
}
