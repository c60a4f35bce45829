import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import type { AppConfig } from '#platform';
import { caricaChiavi, CHIAVI } from '../security/chiavi.js';
import { ChiaviPubblicheController } from './chiavi-pubbliche/chiavi-pubbliche.controller.js';
import { ChiavePubblicaHandler, ChiaviTesteHandler } from './chiavi-pubbliche/chiavi-pubbliche.handlers.js';
import { ConsultaRegistroController } from './consulta/consulta-registro.controller.js';
import { ConsultaRegistroHandler } from './consulta/consulta-registro.handler.js';
import { EsportaRegistroController } from './esporta/esporta-registro.controller.js';
import { EsportaRegistroHandler } from './esporta/esporta-registro.handler.js';
import { ProveController } from './prove/prove.controller.js';
import { ProvaConsistenzaHandler, ProvaInclusioneHandler } from './prove/prove.handlers.js';
import { PubblicazioneTeste } from './pubblicazione-teste.service.js';
import { TesteController } from './teste/teste.controller.js';
import { StatoTestimoniHandler, TestaDelRegistroHandler } from './teste/teste.handlers.js';
import { TesteATempo } from './teste-a-tempo.service.js';
import { VerificaController } from './verifica/verifica.controller.js';
import { AvviaVerificaHandler, VerificaAvviataHandler } from './verifica/verifica.handlers.js';
import { VerificheAudit } from './verifiche-audit.service.js';

/**
 * The audit trail (DESIGN §6), by use case: consulta (the trail), verifica, esporta, chiavi-pubbliche,
 * teste (signed heads and witnesses), prove (consistency and inclusion). Its keys (CHIAVI: the
 * trail's signing key and the page-cursor secret of the read side) are exported for the projections
 * and the listing: the module is global, imported once by the composition root (app.module.ts), so
 * the consultation area is given them without importing this module.
 */
@Global()
@Module({
  controllers: [ConsultaRegistroController, VerificaController, ChiaviPubblicheController, EsportaRegistroController, TesteController, ProveController],
  providers: [
    VerificheAudit,
    TesteATempo,
    PubblicazioneTeste,
    { provide: CHIAVI, inject: [APP_CONFIG], useFactory: (config: AppConfig) => caricaChiavi(config) },
    ConsultaRegistroHandler, AvviaVerificaHandler, VerificaAvviataHandler, ChiavePubblicaHandler, ChiaviTesteHandler, EsportaRegistroHandler,
    TestaDelRegistroHandler, StatoTestimoniHandler, ProvaConsistenzaHandler, ProvaInclusioneHandler,
  ],
  exports: [CHIAVI],
})
export class AuditModule {}
