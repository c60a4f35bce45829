import { Module } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { ReadYourWrites } from '../http/read-your-writes.js';
import { AnacSimogModule } from '../anac-simog/anac-simog.module.js';
import { CarnetController } from './carnet.controller.js';
import { CarnetService } from './carnet.service.js';
import { ImportController } from './import.controller.js';

/**
 * Carnets of SmartCIG (2011–2023) and the import of ANAC's open data. The regimes are dated rules of libs/domain; ANAC is reached through the
 * SimogGateway port (the simulator by default).
 */
@Module({
  imports: [AnagraficaModule, AnacSimogModule],
  controllers: [CarnetController, ImportController],
  providers: [CarnetService, ReadYourWrites],
})
export class RegimiStoriciModule {}
