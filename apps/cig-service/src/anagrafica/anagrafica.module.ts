import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { LOGGER, type AppConfig, type Logger } from '#platform';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { AggiornaUtenteController } from './aggiorna-utente/aggiorna-utente.controller.js';
import { AggiornaUtenteHandler } from './aggiorna-utente/aggiorna-utente.handler.js';
import { ConsultaAnagraficaController } from './consulta/consulta.controller.js';
import { AnagraficaCompletaHandler, CentriDiCostoHandler, CercaRupHandler } from './consulta/consulta.handlers.js';
import { DisattivaUtenteController } from './disattiva-utente/disattiva-utente.controller.js';
import { DisattivaUtenteHandler } from './disattiva-utente/disattiva-utente.handler.js';
import { RegistraController } from './registra/registra.controller.js';
import { RegistraInAnagraficaHandler } from './registra/registra.handler.js';
import { AnagraficaService } from './anagrafica.service.js';
import { Titolari } from './titolari.js';
import { IdentitaInAnagrafica, UTENTI_IN_ANAGRAFICA } from '../security/identita-in-anagrafica.js';

/**
 * The directory, by use case: registra, aggiorna-utente, disattiva-utente (commands) and consulta
 * (queries), each a controller dispatching through the CommandBus/QueryBus to its handler.
 *
 * Global: the composition root (app.module.ts) imports it once, and the areas that read the directory
 * (the holders of a request, the development login, webhooks' offices) are given its exports without
 * importing this module, so no area imports another's module.
 */
@Global()
@Module({
  controllers: [ConsultaAnagraficaController, RegistraController, AggiornaUtenteController, DisattivaUtenteController],
  providers: [
    AnagraficaService, Titolari, IdentitaInAnagrafica,
    { provide: UTENTI_IN_ANAGRAFICA, useExisting: AnagraficaService },
    RegistraInAnagraficaHandler, AggiornaUtenteHandler, DisattivaUtenteHandler, CentriDiCostoHandler, CercaRupHandler, AnagraficaCompletaHandler,
  ],
  exports: [AnagraficaService, Titolari, IdentitaInAnagrafica],
})
export class AnagraficaModule implements OnModuleInit {
  constructor(
    private readonly anagrafica: AnagraficaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.anagrafica.caricaSeedSeVuota(this.config.ANAGRAFICA_SEED_FILE, this.logger);
  }
}
