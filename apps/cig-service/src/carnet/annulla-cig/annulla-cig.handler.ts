import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Carnets } from '../carnets.js';
import { AnnullaCigDelCarnet } from './annulla-cig.command.js';

/** The carnet read once and authorised on, decided, sent to SmartCIG, appended. */
@CommandHandler(AnnullaCigDelCarnet)
export class AnnullaCigDelCarnetHandler implements ICommandHandler<AnnullaCigDelCarnet> {
  constructor(private readonly carnets: Carnets) {}

  execute({ numero, cig, motivo, attore, meta }: AnnullaCigDelCarnet) {
    const codice = cig.toUpperCase();
    return this.carnets.suCodice(numero, attore, meta, { type: 'AnnullaCigDelCarnet', cig: codice, ...(motivo ? { motivo } : {}) }, (g, ctx, k) => g.annullaCigCarnet(ctx, { numero: k.numero, cig: codice }));
  }
}
