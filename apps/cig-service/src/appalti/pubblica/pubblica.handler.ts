import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { PubblicaAppalto } from './pubblica.command.js';

@CommandHandler(PubblicaAppalto)
export class PubblicaAppaltoHandler implements ICommandHandler<PubblicaAppalto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute(c: PubblicaAppalto): Promise<EsitoComando> {
    return this.appalti.esegui(c.appaltoId, 'appalto.pubblica', c.attore, c.meta, () => ({ type: 'RichiediPubblicazione', richiestaId: c.meta.causationId }), { sicuro: true });
  }
}
