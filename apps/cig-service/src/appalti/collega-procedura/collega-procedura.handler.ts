import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { CollegaProcedura } from './collega-procedura.command.js';

@CommandHandler(CollegaProcedura)
export class CollegaProceduraHandler implements ICommandHandler<CollegaProcedura> {
  constructor(private readonly appalti: ComandiAppalto) {}

  execute(c: CollegaProcedura): Promise<EsitoComando> {
    return this.appalti.esegui(c.appaltoId, 'appalto.modifica', c.attore, c.meta, () => ({ type: 'CollegaProcedura', idProcedura: c.idProcedura }), { sicuro: true });
  }
}
