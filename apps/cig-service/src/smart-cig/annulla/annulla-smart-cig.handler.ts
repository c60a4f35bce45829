import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandoSuCig } from '../../anac-simog/comando-su-cig.js';
import { AnnullaSmartCig } from './annulla-smart-cig.command.js';

/** The code read once and authorised on, decided, sent to SmartCIG (codes ANAC issued), appended. */
@CommandHandler(AnnullaSmartCig)
export class AnnullaSmartCigHandler implements ICommandHandler<AnnullaSmartCig> {
  constructor(private readonly suCig: ComandoSuCig) {}

  async execute({ codice, motivo, attore, meta }: AnnullaSmartCig) {
    const { cig, stato, posizione } = await this.suCig.esegui(codice, attore, 'smartcig.modifica', meta, () => ({ type: 'AnnullaSmartCig', ...(motivo ? { motivo } : {}) }), (g, ctx, s) => g.annullaSmartCig(ctx, { cig: s.cig }));
    return { cig, stato: stato.stato, posizione };
  }
}
