import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '#platform';
import { AnacSimogModule } from '../anac-simog/anac-simog.module.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { AggiungiLottoSimogController } from './aggiungi-lotto/aggiungi-lotto.controller.js';
import { AggiungiLottoSimogHandler } from './aggiungi-lotto/aggiungi-lotto.handler.js';
import { CancellaCigSimogController } from './cancella-cig/cancella-cig.controller.js';
import { CancellaCigSimogHandler } from './cancella-cig/cancella-cig.handler.js';
import { CancellaGaraSimogController } from './cancella-gara/cancella-gara.controller.js';
import { CancellaGaraSimogHandler } from './cancella-gara/cancella-gara.handler.js';
import { ConsultaSimogController } from './consulta/consulta.controller.js';
import { DettaglioCigSimogHandler, DettaglioGaraSimogHandler, TrasmissioniGaraSimogHandler } from './consulta/consulta.handlers.js';
import { CreaGaraSimogController } from './crea-gara/crea-gara.controller.js';
import { CreaGaraSimogHandler } from './crea-gara/crea-gara.handler.js';
import { RegistraEsitoAnnullamentoController } from './esito-annullamento/esito-annullamento.controller.js';
import { RegistraEsitoAnnullamentoHandler } from './esito-annullamento/esito-annullamento.handler.js';
import { GareSimog } from './gare-simog.js';
import { PerfezionaCigSimogController } from './perfeziona-cig/perfeziona-cig.controller.js';
import { PerfezionaCigSimogHandler } from './perfeziona-cig/perfeziona-cig.handler.js';
import { RegistraCigManualeController } from './registra-manuale/registra-manuale.controller.js';
import { RegistraCigManualeHandler } from './registra-manuale/registra-manuale.handler.js';
import { registroCigSimog } from './registro-cig-simog.js';
import { RichiediAnnullamentoCigController } from './richiedi-annullamento/richiedi-annullamento.controller.js';
import { RichiediAnnullamentoCigHandler } from './richiedi-annullamento/richiedi-annullamento.handler.js';

/**
 * SIMOG (avviso AVCP-SIMOG 2011, until 31/12/2023): gare and lots, the lots' CIGs (perfect, cancel,
 * annulment) and codes registered by hand, each route a use case dispatched through the buses;
 * the registro-cig-simog consumer gives every lot's CIG its stream.
 */
@Module({
  imports: [AnacSimogModule],
  controllers: [
    CreaGaraSimogController, AggiungiLottoSimogController, CancellaGaraSimogController, ConsultaSimogController,
    RegistraCigManualeController, PerfezionaCigSimogController, CancellaCigSimogController, RichiediAnnullamentoCigController, RegistraEsitoAnnullamentoController,
  ],
  providers: [
    GareSimog,
    CreaGaraSimogHandler, AggiungiLottoSimogHandler, CancellaGaraSimogHandler, DettaglioGaraSimogHandler, TrasmissioniGaraSimogHandler, DettaglioCigSimogHandler,
    RegistraCigManualeHandler, PerfezionaCigSimogHandler, CancellaCigSimogHandler, RichiediAnnullamentoCigHandler, RegistraEsitoAnnullamentoHandler,
  ],
})
export class SimogModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly aggregates: AggregateStore,
    private readonly cigs: CigLoader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.consumers.register(registroCigSimog(this.aggregates, this.cigs, () => this.config.SIMOG_GIORNI_PERFEZIONAMENTO));
  }
}
