import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { ConfermaAppalto } from './conferma.command.js';

@CommandHandler(ConfermaAppalto)
export class ConfermaAppaltoHandler implements ICommandHandler<ConfermaAppalto> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute(c: ConfermaAppalto): Promise<EsitoComando> {
    return this.appalti.esegui(c.appaltoId, 'appalto.invia', c.attore, c.meta, () => ({ type: 'InviaAppalto', richiestaId: c.meta.causationId }), { sicuro: true });
  }
}
