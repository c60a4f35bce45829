import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { proiezioniRicostruibili } from '#read-models';
import { ReadYourWrites } from '../http/read-your-writes.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { CarnetDelCig } from '../carnet/carnet-del-cig.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { AuditController } from './audit.controller.js';
import { VerificheAudit } from './verifiche-audit.service.js';
import { caricaChiavi, CHIAVI, type Chiavi } from './chiavi.js';
import { ListingController } from './listing.controller.js';
import { ProiezioniAdminController } from './proiezioni-admin.controller.js';
import { RicostruzioniService } from './ricostruzioni.service.js';
import { StoriaController } from './storia.controller.js';
import { PubblicazioneTeste } from './pubblicazione-teste.service.js';
import { TesteATempo } from './teste-a-tempo.service.js';

/**
 * The read side for buyers, auditors and officers: the listing and its CSV, a CIG's
 * history as of a date, the audit trail, and the read models' projections (each of the catalogue runs here and can be rebuilt).
 * Imported before the module of `GET /cig/:cig`, so that `/cig/export.csv` is routed here.
 */
@Module({
  controllers: [ListingController, StoriaController, AuditController, ProiezioniAdminController],
  providers: [
    ReadYourWrites,
    CarnetDelCig,
    RicostruzioniService,
    VerificheAudit,
    TesteATempo,
    PubblicazioneTeste,
    { provide: CHIAVI, inject: [RUNTIME], useFactory: (runtime: Runtime) => caricaChiavi(runtime) },
  ],
})
export class ConsultazioneModule implements OnModuleInit {
  constructor(
    private readonly consumers: ConsumerRegistry,
    private readonly ricostruzioni: RicostruzioniService,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CHIAVI) private readonly chiavi: Chiavi,
  ) {}

  onModuleInit(): void {
    const { AUDIT_CHECKPOINT_EVERY, AUDIT_STH_EVERY, AUDIT_STH_SECONDS } = this.runtime.config;
    const audit = { firma: this.chiavi.firmaAudit, ogni: AUDIT_CHECKPOINT_EVERY, sthOgni: AUDIT_STH_EVERY, sthSecondi: AUDIT_STH_SECONDS };
    // The one catalogue of projections (libs/read-models/src/catalogo.ts): each runs here and can be rebuilt.
    for (const p of proiezioniRicostruibili(audit)) {
      this.consumers.register(p.consumer);
      this.ricostruzioni.registra(p);
    }
  }
}
