import { Module } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { CigLettore } from '../cig/cig-lettore.js';
import { DettaglioCigController } from '../cig/dettaglio/dettaglio-cig.controller.js';
import { DettaglioCigHandler } from '../cig/dettaglio/dettaglio-cig.handler.js';
import { UtilizzaCigController } from '../cig/utilizza/utilizza-cig.controller.js';
import { UtilizzaCigHandler } from '../cig/utilizza/utilizza-cig.handler.js';
import { ReadYourWrites } from '../http/read-your-writes.js';
import { CarnetDelCig } from '../carnet/carnet-del-cig.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { AppaltiQueryController } from './appalti-query.controller.js';
import { AppaltiController } from './appalti.controller.js';
import { AppaltiService } from './appalti.service.js';

@Module({
  imports: [AnagraficaModule],
  controllers: [AppaltiController, AppaltiQueryController, DettaglioCigController, UtilizzaCigController],
  providers: [AppaltiService, ReadYourWrites, CigLoader, CarnetDelCig, CigLettore, DettaglioCigHandler, UtilizzaCigHandler],
})
export class AppaltiModule {}
