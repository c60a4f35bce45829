import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appaltoDecider } from '#domain';
import { titolareDi } from '../../anagrafica/titolari.js';
import { ComandiAppalto, esitoComando, type EsitoComando } from '../comandi-appalto.js';
import { CreaAppalto } from './crea-appalto.command.js';

/** A fresh id names a stream nobody wrote: nothing to read, appended with no_stream. */
@CommandHandler(CreaAppalto)
export class CreaAppaltoHandler implements ICommandHandler<CreaAppalto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  async execute({ dati, attore, meta }: CreaAppalto): Promise<EsitoComando> {
    const appaltoId = this.appalti.nuovoId();
    const anagrafica = await this.appalti.anagraficaAttuale();
    const comando = {
      type: 'CreaAppalto' as const,
      appaltoId,
      scheda: dati.scheda,
      tipoProcedura: dati.tipoProcedura,
      ...titolareDi(anagrafica, attore, dati.centroDiCosto, dati.rup),
      datiGara: { ...dati.datiGara },
    };
    const nuovo = { state: appaltoDecider.initialState, revision: undefined, events: [] };
    const eseguito = await this.appalti.decidi(appaltoId, nuovo, comando, anagrafica, meta);
    return esitoComando(appaltoId, eseguito);
  }
}
