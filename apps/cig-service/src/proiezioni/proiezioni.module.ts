import { Module, type OnModuleInit } from '@nestjs/common';
import { listingProjection, trasmissioniProjection } from '#read-models';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';

/** Projections that build the read models; they start with the application. */
export const PROIEZIONI = [listingProjection, trasmissioniProjection];

@Module({})
export class ProiezioniModule implements OnModuleInit {
  constructor(private readonly consumers: ConsumerRegistry) {}

  onModuleInit(): void {
    for (const projection of PROIEZIONI) this.consumers.register(projection);
  }
}
