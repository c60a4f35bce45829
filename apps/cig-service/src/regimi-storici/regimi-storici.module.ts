import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { ReadYourWrites } from '../http/read-your-writes.js';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { AnacSimogModule } from '../anac-simog/anac-simog.module.js';
import { CarnetController } from './carnet.controller.js';
import { CarnetService } from './carnet.service.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { ImportController } from './import.controller.js';
import { registroCigSimog } from './registro-cig-simog.js';
import { CigSimogController, SimogGareController } from './simog.controller.js';
import { SimogService } from './simog.service.js';
import { SmartCigController } from './smart-cig.controller.js';
import { SmartCigService } from './smart-cig.service.js';

/**
 * SIMOG, SmartCIG and carnets (2011–2023) and the import of ANAC's open data. The regimes are dated rules of libs/domain; ANAC is reached through the
 * SimogGateway port (the simulator by default).
 */
@Module({
  imports: [AnagraficaModule, AnacSimogModule],
  controllers: [SimogGareController, CigSimogController, SmartCigController, CarnetController, ImportController],
  providers: [SimogService, SmartCigService, CarnetService, ReadYourWrites],
})
export class RegimiStoriciModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly aggregates: AggregateStore,
    private readonly cigs: CigLoader,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  onModuleInit(): void {
    this.consumers.register(registroCigSimog(this.aggregates, this.cigs, () => this.runtime.config.SIMOG_GIORNI_PERFEZIONAMENTO));
  }
}
