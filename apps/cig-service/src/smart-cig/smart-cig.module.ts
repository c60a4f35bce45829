import { Module } from '@nestjs/common';
import { AnacSimogModule } from '../anac-simog/anac-simog.module.js';
import { AnnullaSmartCigController } from './annulla/annulla-smart-cig.controller.js';
import { AnnullaSmartCigHandler } from './annulla/annulla-smart-cig.handler.js';
import { ConsultaSmartCigController } from './consulta/consulta.controller.js';
import { DettaglioSmartCigHandler, TrasmissioniSmartCigHandler } from './consulta/consulta.handlers.js';
import { ModificaSmartCigController } from './modifica/modifica-smart-cig.controller.js';
import { ModificaSmartCigHandler } from './modifica/modifica-smart-cig.handler.js';
import { RichiediSmartCigController } from './richiedi/richiedi-smart-cig.controller.js';
import { RichiediSmartCigHandler } from './richiedi/richiedi-smart-cig.handler.js';

/** Single SmartCIGs (nota SMART CIG 2011): "conferma ed ottieni CIG", "modificare", "annullare la comunicazione", each a use case. */
@Module({
  imports: [AnacSimogModule],
  controllers: [RichiediSmartCigController, ModificaSmartCigController, AnnullaSmartCigController, ConsultaSmartCigController],
  providers: [RichiediSmartCigHandler, ModificaSmartCigHandler, AnnullaSmartCigHandler, DettaglioSmartCigHandler, TrasmissioniSmartCigHandler],
})
export class SmartCigModule {}
