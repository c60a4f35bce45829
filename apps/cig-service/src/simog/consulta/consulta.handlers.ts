import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { cigDecider, cigStream } from '#domain';
import { CigLoader } from '../../anac-simog/cig-loader.js';
import { TrasmissioniSimog } from '../../anac-simog/trasmissioni-simog.js';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { GareSimog } from '../gare-simog.js';
import { DettaglioCigSimog, DettaglioGaraSimog, TrasmissioniGaraSimog } from './consulta.queries.js';

@QueryHandler(DettaglioGaraSimog)
export class DettaglioGaraSimogHandler implements IQueryHandler<DettaglioGaraSimog> {
  constructor(private readonly aggregates: AggregateStore, private readonly gare: GareSimog) {}

  async execute({ garaId, attore }: DettaglioGaraSimog) {
    const { state: gara } = await this.gare.carica(garaId, attore, 'simog.gara.leggi');
    const lotti = await Promise.all(gara.lotti.map(async (l) => {
      const { state } = await this.aggregates.load(cigStream(l.cig), cigDecider);
      return { ...l, statoCig: state.esiste ? state.stato : null, perfezionareEntro: state.esiste ? state.richiesta?.perfezionareEntro ?? null : null, annullamento: state.esiste ? state.annullamento ?? null : null };
    }));
    const { esiste: _e, lotti: _l, ...dati } = gara;
    return { ...dati, id: gara.garaId, lotti };
  }
}

@QueryHandler(TrasmissioniGaraSimog)
export class TrasmissioniGaraSimogHandler implements IQueryHandler<TrasmissioniGaraSimog> {
  constructor(private readonly gare: GareSimog, private readonly log: TrasmissioniSimog) {}

  async execute({ garaId, attore }: TrasmissioniGaraSimog) {
    await this.gare.carica(garaId, attore, 'simog.gara.leggi');
    return this.log.elenco(garaId);
  }
}

@QueryHandler(DettaglioCigSimog)
export class DettaglioCigSimogHandler implements IQueryHandler<DettaglioCigSimog> {
  constructor(private readonly cigs: CigLoader) {}

  async execute({ codice, attore }: DettaglioCigSimog) {
    const { esiste: _e, ...s } = (await this.cigs.carica(codice, attore, 'cig.leggi')).state;
    return s;
  }
}
