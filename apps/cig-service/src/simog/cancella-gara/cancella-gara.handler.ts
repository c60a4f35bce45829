import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { garaSimogDecider, garaSimogStream, type GaraSimogCommand } from '#domain';
import { AnacSimog } from '../../anac-simog/anac-simog.js';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { GareSimog } from '../gare-simog.js';
import { CancellaGaraSimog } from './cancella-gara.command.js';

/** The gara read once, with its lots' CIG states: decided, cancelled on SIMOG, appended. */
@CommandHandler(CancellaGaraSimog)
export class CancellaGaraSimogHandler implements ICommandHandler<CancellaGaraSimog> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly gare: GareSimog,
  ) {}

  async execute({ garaId, motivo, attore, meta }: CancellaGaraSimog) {
    const caricata = await this.gare.carica(garaId, attore, 'simog.gara.cancella');
    const gara = caricata.state;
    const ctx = await this.gare.contesto(await this.gare.statiCig(gara));
    const comando: GaraSimogCommand = { type: 'CancellaGaraSimog', ...(motivo ? { motivo } : {}) };
    if (garaSimogDecider.decide(comando, gara, ctx).length === 0) return { id: garaId, stato: gara.stato, posizione: undefined };
    const chiamata = this.anac.contesto(gara);
    await this.anac.chiama(garaId, chiamata, meta, (g) => g.cancellaGara(chiamata, { numeroGara: gara.numeroGara }));
    const esito = await this.aggregates.decideAndAppend(garaSimogStream(garaId), garaSimogDecider, caricata, [comando], ctx, meta, { retryOnConflict: 3 });
    return { id: garaId, stato: 'CANCELLATA' as const, posizione: esito.position };
  }
}
