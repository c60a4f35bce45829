import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { CancellaAppalto } from './cancella-appalto.command.js';

@CommandHandler(CancellaAppalto)
export class CancellaAppaltoHandler implements ICommandHandler<CancellaAppalto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute({ appaltoId, motivo, attore, meta }: CancellaAppalto): Promise<EsitoComando> {
    return this.appalti.esegui(appaltoId, 'appalto.cancella', attore, meta, () => ({
      type: 'CancellaAppalto', motivo, richiestaId: meta.causationId, richiestoDa: { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale },
    }));
  }
}
