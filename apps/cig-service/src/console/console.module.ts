import { Module } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { AccessoController } from './accesso.controller.js';
import { AccessoSviluppoController } from './accesso-sviluppo.controller.js';

/** What the web console needs from the service besides the API: how to sign in (OpenID Connect or the development login). */
@Module({ imports: [AnagraficaModule], controllers: [AccessoController, AccessoSviluppoController] })
export class ConsoleModule {}
