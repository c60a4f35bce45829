import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { RimuoviLotto } from './rimuovi-lotto.command.js';

@CommandHandler(RimuoviLotto)
export class RimuoviLottoHandler implements ICommandHandler<RimuoviLotto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute(c: RimuoviLotto): Promise<EsitoComando> {
    return this.appalti.esegui(c.appaltoId, 'appalto.modifica', c.attore, c.meta, () => ({ type: 'RimuoviLotto', lotIdentifier: c.lotIdentifier }));
  }
}
