import { Module } from '@nestjs/common';
import { AnagraficaModule } from '../anagrafica/anagrafica.module.js';
import { AccessoController } from './accesso.controller.js';
import { EventiCig, EventiController } from './eventi.js';
import { AccessoSviluppoController } from './accesso-sviluppo.controller.js';

/** What the web console needs from the service besides the API: how to sign in (OpenID Connect or the development login) and live CIG events. */
@Module({ imports: [AnagraficaModule], controllers: [AccessoController, AccessoSviluppoController, EventiController], providers: [EventiCig] })
export class ConsoleModule {}
