import { Module } from '@nestjs/common';
import { AnacSimogModule } from '../anac-simog/anac-simog.module.js';
import { AnnullaCigDelCarnetController } from './annulla-cig/annulla-cig.controller.js';
import { AnnullaCigDelCarnetHandler } from './annulla-cig/annulla-cig.handler.js';
import { Carnets } from './carnets.js';
import { ComunicaCigDelCarnetController } from './comunica-cig/comunica-cig.controller.js';
import { ComunicaCigDelCarnetHandler } from './comunica-cig/comunica-cig.handler.js';
import { ConsultaCarnetController } from './consulta/consulta.controller.js';
import { DettaglioCarnetHandler, ElencoCarnetHandler, PdfCarnetHandler, TrasmissioniCarnetHandler } from './consulta/consulta.handlers.js';
import { RichiediCarnetController } from './richiedi/richiedi-carnet.controller.js';
import { RichiediCarnetHandler } from './richiedi/richiedi-carnet.handler.js';

/** Carnets of 50 SmartCIGs (nota SMART CIG 2011): request, use (communicate or annul each code), read; each route a use case. */
@Module({
  imports: [AnacSimogModule],
  controllers: [RichiediCarnetController, ConsultaCarnetController, ComunicaCigDelCarnetController, AnnullaCigDelCarnetController],
  providers: [
    Carnets,
    RichiediCarnetHandler, ComunicaCigDelCarnetHandler, AnnullaCigDelCarnetHandler, ElencoCarnetHandler, DettaglioCarnetHandler, PdfCarnetHandler, TrasmissioniCarnetHandler,
  ],
})
export class CarnetModule {}
