import { Module } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { CigController } from '../cig/cig.controller.js';
import { ReadYourWrites } from '../http/read-your-writes.js';
import { CarnetDelCig } from '../regimi-storici/carnet-del-cig.js';
import { CigLoader } from '../regimi-storici/cig-loader.js';
import { AppaltiQueryController } from './appalti-query.controller.js';
import { AppaltiController } from './appalti.controller.js';
import { AppaltiService } from './appalti.service.js';

@Module({
  imports: [AnagraficaModule],
  controllers: [AppaltiController, AppaltiQueryController, CigController],
  providers: [AppaltiService, ReadYourWrites, CigLoader, CarnetDelCig],
})
export class AppaltiModule {}
