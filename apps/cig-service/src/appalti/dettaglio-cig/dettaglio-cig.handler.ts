import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { vistaCigDelCarnet } from '#read-models';
import { CarnetDelCig } from '../../carnet/carnet-del-cig.js';
import { autorizzaSuUfficio } from '../../security/authorization.js';
import { CigLettore } from '../cig-lettore.js';
import { DettaglioCig } from './dettaglio-cig.query.js';

@QueryHandler(DettaglioCig)
export class DettaglioCigHandler implements IQueryHandler<DettaglioCig> {
  constructor(
    private readonly lettore: CigLettore,
    private readonly carnets: CarnetDelCig,
  ) {}

  async execute({ codice, attore }: DettaglioCig): Promise<object | undefined> {
    // A code of a carnet lives in the carnet's stream: read under the carnet's office.
    const cig = this.lettore.loader.codice(codice);
    const letto = await this.lettore.leggi(cig);
    const carnet = letto.state.esiste ? undefined : await this.carnets.trova(cig);
    if (carnet) {
      autorizzaSuUfficio(attore, 'cig.leggi', carnet.ufficio);
      return vistaCigDelCarnet(carnet, cig);
    }
    const { stato, appalto } = await this.lettore.carica(codice, attore, 'cig.leggi', letto);
    // SIMOG, SmartCIG, carnet, hand-registered and imported codes have no PCP appalto behind them.
    return appalto ? { ...stato, appalto: { id: appalto.appaltoId, oggetto: appalto.datiGara.oggetto, stato: appalto.stato } } : stato;
  }
}
