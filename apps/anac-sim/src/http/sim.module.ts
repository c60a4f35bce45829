import { type DynamicModule, Module } from '@nestjs/common';
import type { SimulatorAdmin } from '../admin/simulator-admin.js';
import { AdminController } from './admin.controller.js';
import { ComunicaAppaltoController, PubblicaAvvisoController, ServiziComuniController } from './pcp.controllers.js';
import type { Pipeline } from './pipeline.js';
import type { PipelineLegacy } from '../legacy/pipeline-legacy.js';
import { SimogController, SmartCigController } from './legacy.controllers.js';
import { ADMIN, PIPELINE, PIPELINE_LEGACY } from './tokens.js';

/** The simulator's Nest module: controllers only, everything they use is built outside Nest. */
@Module({})
export class SimModule {
  static with(pipeline: Pipeline, admin: SimulatorAdmin, legacy: PipelineLegacy): DynamicModule {
    return {
      module: SimModule,
      controllers: [ComunicaAppaltoController, ServiziComuniController, PubblicaAvvisoController, SimogController, SmartCigController, AdminController],
      providers: [
        { provide: PIPELINE, useValue: pipeline },
        { provide: ADMIN, useValue: admin },
        { provide: PIPELINE_LEGACY, useValue: legacy },
      ],
    };
  }
}
