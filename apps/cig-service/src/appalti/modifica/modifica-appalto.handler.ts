import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { centroDiCostoDi, rupDi } from '../../anagrafica/titolari.js';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { ModificaAppalto } from './modifica-appalto.command.js';

@CommandHandler(ModificaAppalto)
export class ModificaAppaltoHandler implements ICommandHandler<ModificaAppalto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute({ appaltoId, modifiche, attore, meta }: ModificaAppalto): Promise<EsitoComando> {
    return this.appalti.esegui(appaltoId, 'appalto.modifica', attore, meta, (a, anagrafica) => ({
      type: 'ModificaAppalto',
      datiGara: { ...a.datiGara, ...modifiche.datiGara },
      rup: modifiche.rup ? rupDi(anagrafica, modifiche.rup) : a.rup,
      centroDiCosto: modifiche.centroDiCosto ? centroDiCostoDi(anagrafica, attore, modifiche.centroDiCosto) : a.centroDiCosto,
    }));
  }
}
