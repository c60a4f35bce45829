import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generaCig } from '#anac';
import { cigDecider, cigStream, garaSimogDecider, garaSimogStream } from '#domain';
import { CLOCK, type AppConfig, type Clock } from '#platform';
import { AnacSimog } from '../../anac-simog/anac-simog.js';
import { CigLoader } from '../../anac-simog/cig-loader.js';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { APP_CONFIG } from '../../infrastructure/tokens.js';
import { GareSimog, type Gara } from '../gare-simog.js';
import { assegnaCigDelLotto } from '../registro-cig-simog.js';
import { AggiungiLottoSimog } from './aggiungi-lotto.command.js';

/** The gara read once: decided before SIMOG is asked, appended with SIMOG's CIG; then the CIG gets its own stream. */
@CommandHandler(AggiungiLottoSimog)
export class AggiungiLottoSimogHandler implements ICommandHandler<AggiungiLottoSimog> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly gare: GareSimog,
    private readonly cigs: CigLoader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ garaId, lotto: dto, attore, meta }: AggiungiLottoSimog) {
    const caricata = await this.gare.carica(garaId, attore, 'simog.gara.modifica');
    const gara = caricata.state;
    const ctx = await this.gare.contesto();
    const dati = { oggetto: dto.oggetto, importo: dto.importo, oggettoPrincipale: dto.oggettoPrincipale, ...(dto.cpv ? { cpv: dto.cpv } : {}) };
    garaSimogDecider.decide({ type: 'AggiungiLottoSimog', cig: generaCig('SIMOG_NUMERICO', 1), dati }, gara, ctx);
    const chiamata = this.anac.contesto(gara);
    const { cig } = await this.anac.chiama(garaId, chiamata, meta, (g) =>
      g.creaLotto(chiamata, { idRichiesta: `${garaId}:${meta.idempotencyKey ?? meta.causationId}`, numeroGara: gara.numeroGara, oggetto: dto.oggetto, importo: dto.importo }));
    // SIMOG has issued the CIG: another lot added meanwhile is decided again, not refused.
    const esito = await this.aggregates.decideAndAppend(garaSimogStream(garaId), garaSimogDecider, caricata, [{ type: 'AggiungiLottoSimog', cig, dati }], ctx, meta, { retryOnConflict: 3 });
    const lotto = (esito.state as Gara).lotti.find((l) => l.cig === cig)!;
    const aggiunto = esito.events.find((e) => e.type === 'LottoSimogAggiunto' && e.data.lotto.cig === cig);
    const il = aggiunto?.type === 'LottoSimogAggiunto' ? aggiunto.data.il : this.clock.now().toISOString();
    // Also done by the registro-cig-simog consumer, should the service stop right here.
    const comando = assegnaCigDelLotto(esito.state as Gara, lotto, il, this.config.SIMOG_GIORNI_PERFEZIONAMENTO);
    const assegnato = await this.aggregates.execute(cigStream(cig), cigDecider, comando, this.cigs.contesto(new Date(il)), meta, { retryOnConflict: 3 });
    return { id: garaId, lotIdentifier: lotto.lotIdentifier, cig, perfezionareEntro: comando.richiesta!.perfezionareEntro, posizione: assegnato.position ?? esito.position };
  }
}
