import { Module } from '@nestjs/common';
import { AccessoSviluppoController } from './accesso-sviluppo/accesso-sviluppo.controller.js';
import { TokenSviluppoHandler, UtentiSviluppoHandler } from './accesso-sviluppo/accesso-sviluppo.handlers.js';
import { AccessoController } from './configurazione-accesso/configurazione-accesso.controller.js';
import { ConfigurazioneAccessoHandler } from './configurazione-accesso/configurazione-accesso.handler.js';
import { EventiCig } from './eventi/eventi-cig.js';
import { EventiCigHandler } from './eventi/eventi-cig.handler.js';
import { EventiController } from './eventi/eventi.controller.js';

/**
 * What the web console needs from the service besides the API, by use case: configurazione-accesso (OpenID
 * Connect or the development login), accesso-sviluppo (the development login's users and tokens) and eventi
 * (live CIG events), each a controller dispatching through the QueryBus to its handler. The console's own
 * files are not a route of this module: see console-statica.ts.
 */
@Module({
  controllers: [AccessoController, AccessoSviluppoController, EventiController],
  providers: [EventiCig, ConfigurazioneAccessoHandler, UtentiSviluppoHandler, TokenSviluppoHandler, EventiCigHandler],
})
export class ConsoleModule {}
