import { Module } from '@nestjs/common';
import { CigLettore } from './cig-lettore.js';
import { DettaglioCigController } from './dettaglio-cig/dettaglio-cig.controller.js';
import { DettaglioCigHandler } from './dettaglio-cig/dettaglio-cig.handler.js';
import { UtilizzaCigController } from './utilizza-cig/utilizza-cig.controller.js';
import { UtilizzaCigHandler } from './utilizza-cig/utilizza-cig.handler.js';
import { CarnetDelCig } from '../carnet/carnet-del-cig.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { AggiungiLottoController } from './aggiungi-lotto/aggiungi-lotto.controller.js';
import { AggiungiLottoHandler } from './aggiungi-lotto/aggiungi-lotto.handler.js';
import { CancellaAppaltoController } from './cancella/cancella-appalto.controller.js';
import { CancellaAppaltoHandler } from './cancella/cancella-appalto.handler.js';
import { ImpostaClassificazioneController } from './classificazione/classificazione.controller.js';
import { ImpostaClassificazioneHandler } from './classificazione/classificazione.handler.js';
import { CollegaProceduraController } from './collega-procedura/collega-procedura.controller.js';
import { CollegaProceduraHandler } from './collega-procedura/collega-procedura.handler.js';
import { ComandiAppalto } from './comandi-appalto.js';
import { ConfermaAppaltoController } from './conferma/conferma.controller.js';
import { ConfermaAppaltoHandler } from './conferma/conferma.handler.js';
import { CopiaAppaltoController } from './copia/copia-appalto.controller.js';
import { CopiaAppaltoHandler } from './copia/copia-appalto.handler.js';
import { CreaAppaltoController } from './crea/crea-appalto.controller.js';
import { CreaAppaltoHandler } from './crea/crea-appalto.handler.js';
import { DettaglioAppaltoController } from './dettaglio/dettaglio-appalto.controller.js';
import { DettaglioAppaltoHandler } from './dettaglio/dettaglio-appalto.handler.js';
import { ModificaAppaltoController } from './modifica/modifica-appalto.controller.js';
import { ModificaAppaltoHandler } from './modifica/modifica-appalto.handler.js';
import { ModificaAvvisoController } from './modifica-avviso/modifica-avviso.controller.js';
import { ModificaAvvisoHandler } from './modifica-avviso/modifica-avviso.handler.js';
import { ModificaLottoController } from './modifica-lotto/modifica-lotto.controller.js';
import { ModificaLottoHandler } from './modifica-lotto/modifica-lotto.handler.js';
import { PubblicaAppaltoController } from './pubblica/pubblica.controller.js';
import { PubblicaAppaltoHandler } from './pubblica/pubblica.handler.js';
import { RimuoviLottoController } from './rimuovi-lotto/rimuovi-lotto.controller.js';
import { RimuoviLottoHandler } from './rimuovi-lotto/rimuovi-lotto.handler.js';
import { TrasmissioniAppaltoController } from './trasmissioni/trasmissioni-appalto.controller.js';
import { TrasmissioniAppaltoHandler } from './trasmissioni/trasmissioni-appalto.handler.js';
import { VerificaAppaltoController } from './verifica/verifica-appalto.controller.js';
import { VerificaAppaltoHandler } from './verifica/verifica-appalto.handler.js';

/**
 * The PCP request (manuale START Richiedi CIG) and its CIGs, by use case: each folder a controller
 * dispatching through the CommandBus/QueryBus to its handler.
 */
@Module({
  controllers: [
    CreaAppaltoController, ModificaAppaltoController, AggiungiLottoController, ModificaLottoController, RimuoviLottoController,
    ImpostaClassificazioneController, CollegaProceduraController, VerificaAppaltoController, ConfermaAppaltoController,
    PubblicaAppaltoController, ModificaAvvisoController, CopiaAppaltoController, CancellaAppaltoController,
    DettaglioAppaltoController, TrasmissioniAppaltoController, DettaglioCigController, UtilizzaCigController,
  ],
  providers: [
    ComandiAppalto, CigLoader, CarnetDelCig, CigLettore,
    CreaAppaltoHandler, ModificaAppaltoHandler, AggiungiLottoHandler, ModificaLottoHandler, RimuoviLottoHandler,
    ImpostaClassificazioneHandler, CollegaProceduraHandler, VerificaAppaltoHandler, ConfermaAppaltoHandler,
    PubblicaAppaltoHandler, ModificaAvvisoHandler, CopiaAppaltoHandler, CancellaAppaltoHandler,
    DettaglioAppaltoHandler, TrasmissioniAppaltoHandler, DettaglioCigHandler, UtilizzaCigHandler,
  ],
})
export class AppaltiModule {}
