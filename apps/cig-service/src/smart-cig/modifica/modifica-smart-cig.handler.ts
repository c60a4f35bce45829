import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandoSuCig } from '../../anac-simog/comando-su-cig.js';
import { datiSmartCig } from '../dati-smart-cig.js';
import { ModificaSmartCig } from './modifica-smart-cig.command.js';

/** The code read once and authorised on, decided, sent to SmartCIG (codes ANAC issued), appended. */
@CommandHandler(ModificaSmartCig)
export class ModificaSmartCigHandler implements ICommandHandler<ModificaSmartCig> {
  constructor(private readonly suCig: ComandoSuCig) {}

  async execute({ codice, dati, attore, meta }: ModificaSmartCig) {
    const d = datiSmartCig({ ...dati });
    const { cig, stato, posizione } = await this.suCig.esegui(codice, attore, 'smartcig.modifica', meta, () => ({ type: 'ModificaSmartCig', dati: d }), (g, ctx, s) => g.modificaSmartCig(ctx, { cig: s.cig, dati: d }));
    return { cig, stato: stato.stato, posizione };
  }
}
