import { Module } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { ReadYourWrites } from '../http/read-your-writes.js';
import { AnacSimogModule } from '../anac-simog/anac-simog.module.js';
import { CarnetController } from './carnet.controller.js';
import { CarnetService } from './carnet.service.js';
import { ImportController } from './import.controller.js';
import { SmartCigController } from './smart-cig.controller.js';
import { SmartCigService } from './smart-cig.service.js';

/**
 * SmartCIG and carnets (2011–2023) and the import of ANAC's open data. The regimes are dated rules of libs/domain; ANAC is reached through the
 * SimogGateway port (the simulator by default).
 */
@Module({
  imports: [AnagraficaModule, AnacSimogModule],
  controllers: [SmartCigController, CarnetController, ImportController],
  providers: [SmartCigService, CarnetService, ReadYourWrites],
})
export class RegimiStoriciModule {}
