import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CigLoader } from '../../anac-simog/cig-loader.js';
import { TrasmissioniSimog } from '../../anac-simog/trasmissioni-simog.js';
import { DettaglioSmartCig, TrasmissioniSmartCig } from './consulta.queries.js';

@QueryHandler(DettaglioSmartCig)
export class DettaglioSmartCigHandler implements IQueryHandler<DettaglioSmartCig> {
  constructor(private readonly cigs: CigLoader) {}

  async execute({ codice, attore }: DettaglioSmartCig) {
    const { esiste: _e, ...s } = (await this.cigs.carica(codice, attore, 'smartcig.leggi')).state;
    return { ...s, dati: s.datiSmartCig ?? null };
  }
}

@QueryHandler(TrasmissioniSmartCig)
export class TrasmissioniSmartCigHandler implements IQueryHandler<TrasmissioniSmartCig> {
  constructor(private readonly cigs: CigLoader, private readonly log: TrasmissioniSimog) {}

  async execute({ codice, attore }: TrasmissioniSmartCig) {
    const { state } = await this.cigs.carica(codice, attore, 'smartcig.leggi');
    return this.log.elenco(state.appaltoId);
  }
}
