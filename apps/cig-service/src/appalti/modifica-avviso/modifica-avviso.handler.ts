import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { ModificaAvviso } from './modifica-avviso.command.js';

@CommandHandler(ModificaAvviso)
export class ModificaAvvisoHandler implements ICommandHandler<ModificaAvviso> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute({ appaltoId, modifiche, attore, meta }: ModificaAvviso): Promise<EsitoComando> {
    return this.appalti.esegui(appaltoId, 'appalto.pubblica', attore, meta, (a) => ({
      type: 'RichiediModificaAvviso',
      richiestaId: meta.causationId,
      ...(modifiche.datiGara ? { datiGara: { ...a.datiGara, ...modifiche.datiGara } } : {}),
    }));
  }
}
