import { Inject, Module, type OnModuleInit } from '@nestjs/common';
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
import { CercaCpvController } from '../tipologiche/cerca-cpv/cerca-cpv.controller.js';
import { CercaCpvHandler } from '../tipologiche/cerca-cpv/cerca-cpv.handler.js';
import { AnagraficaService } from './anagrafica.service.js';
import { Titolari } from './titolari.js';
import { IdentitaInAnagrafica } from '../security/identita-in-anagrafica.js';

/**
 * The directory, by use case: registra, aggiorna-utente, disattiva-utente (commands) and consulta
 * (queries), each a controller dispatching through the CommandBus/QueryBus to its handler.
 */
@Module({
  controllers: [ConsultaAnagraficaController, CercaCpvController, RegistraController, AggiornaUtenteController, DisattivaUtenteController],
  providers: [
    AnagraficaService, Titolari, IdentitaInAnagrafica,
    RegistraInAnagraficaHandler, AggiornaUtenteHandler, DisattivaUtenteHandler, CentriDiCostoHandler, CercaRupHandler, AnagraficaCompletaHandler, CercaCpvHandler,
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
