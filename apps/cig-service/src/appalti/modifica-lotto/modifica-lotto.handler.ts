import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { ModificaLotto } from './modifica-lotto.command.js';

@CommandHandler(ModificaLotto)
export class ModificaLottoHandler implements ICommandHandler<ModificaLotto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute({ appaltoId, lotIdentifier, dati, attore, meta }: ModificaLotto): Promise<EsitoComando> {
    return this.appalti.esegui(appaltoId, 'appalto.modifica', attore, meta, () => ({ type: 'ModificaLotto', lotIdentifier, dati }));
  }
}
