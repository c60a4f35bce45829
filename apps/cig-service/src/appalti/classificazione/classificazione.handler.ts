import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { ImpostaClassificazione } from './classificazione.command.js';

@CommandHandler(ImpostaClassificazione)
export class ImpostaClassificazioneHandler implements ICommandHandler<ImpostaClassificazione> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute(c: ImpostaClassificazione): Promise<EsitoComando> {
    return this.appalti.esegui(c.appaltoId, 'appalto.modifica', c.attore, c.meta, () => ({ type: 'ImpostaClassificazione', cpv: c.cpv }));
  }
}
