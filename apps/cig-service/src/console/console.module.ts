import { Module } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { AccessoSviluppoController } from './accesso-sviluppo.controller.js';

/** What the web console needs from the service besides the API: the development login. */
@Module({ imports: [AnagraficaModule], controllers: [AccessoSviluppoController] })
export class ConsoleModule {}
