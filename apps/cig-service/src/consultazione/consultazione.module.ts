import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { AppConfig } from '#platform';
import { proiezioniRicostruibili } from '#read-models';
import { CHIAVI, type Chiavi } from '../security/chiavi.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { CarnetDelCig } from '../carnet/carnet-del-cig.js';
import { ElencaCigController } from './elenca-cig/elenca-cig.controller.js';
import { ElencaCigHandler } from './elenca-cig/elenca-cig.handler.js';
import { ElencaProiezioniController } from './elenca-proiezioni/elenca-proiezioni.controller.js';
import { AvanzamentoRicostruzioneHandler, ElencaProiezioniHandler } from './elenca-proiezioni/elenca-proiezioni.handlers.js';
import { EsportaCsvController } from './esporta-csv/esporta-csv.controller.js';
import { EsportaCsvHandler } from './esporta-csv/esporta-csv.handler.js';
import { RicostruisciProiezioneController } from './ricostruisci-proiezione/ricostruisci-proiezione.controller.js';
import { RicostruisciProiezioneHandler } from './ricostruisci-proiezione/ricostruisci-proiezione.handler.js';
import { RicostruzioniService } from './ricostruzioni.service.js';
import { StoriaCigController } from './storia-cig/storia-cig.controller.js';
import { StoriaCigHandler } from './storia-cig/storia-cig.handler.js';

/**
 * The read side for buyers, auditors and officers, by use case: elenca-cig (the listing),
 * esporta-csv, storia-cig (a CIG's history as of a date), and the read models' projections
 * (elenca-proiezioni, ricostruisci-proiezione: each of the catalogue runs here and can be rebuilt).
 * Imported before the module of `GET /cig/:cig`, so that `/cig/export.csv` is routed here.
 */
@Module({
  controllers: [ElencaCigController, EsportaCsvController, StoriaCigController, ElencaProiezioniController, RicostruisciProiezioneController],
  providers: [
    CarnetDelCig,
    RicostruzioniService,
    ElencaCigHandler, EsportaCsvHandler, StoriaCigHandler, ElencaProiezioniHandler, AvanzamentoRicostruzioneHandler, RicostruisciProiezioneHandler,
  ],
})
export class ConsultazioneModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly ricostruzioni: RicostruzioniService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  onModuleInit(): void {
    const { AUDIT_CHECKPOINT_EVERY, AUDIT_STH_EVERY, AUDIT_STH_SECONDS } = this.config;
    const audit = { firma: this.chiavi.firmaAudit, ogni: AUDIT_CHECKPOINT_EVERY, sthOgni: AUDIT_STH_EVERY, sthSecondi: AUDIT_STH_SECONDS };
    // The one catalogue of projections (libs/read-models/src/catalogo.ts): each runs here and can be rebuilt.
    for (const p of proiezioniRicostruibili(audit)) {
      this.consumers.register(p.consumer);
      this.ricostruzioni.registra(p);
    }
  }
}
