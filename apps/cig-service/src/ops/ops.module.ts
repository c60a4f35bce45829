import { Module } from '@nestjs/common';
import { MetricheController } from './metriche/metriche.controller.js';
import { MetricheHandler } from './metriche/metriche.handler.js';
import { ProntezzaController } from './prontezza/prontezza.controller.js';
import { ProntezzaHandler } from './prontezza/prontezza.handler.js';
import { SaluteController } from './salute/salute.controller.js';
import { SaluteHandler } from './salute/salute.handler.js';

/** Liveness (salute), readiness (prontezza) and metrics (metriche), by use case: for orchestrators and monitoring, not for users. */
@Module({
  controllers: [SaluteController, ProntezzaController, MetricheController],
  providers: [SaluteHandler, ProntezzaHandler, MetricheHandler],
})
export class OpsModule {}
