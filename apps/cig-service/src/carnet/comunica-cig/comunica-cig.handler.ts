import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Carnets } from '../carnets.js';
import { ComunicaCigDelCarnet } from './comunica-cig.command.js';

/** The carnet read once and authorised on, decided, sent to SmartCIG, appended. */
@CommandHandler(ComunicaCigDelCarnet)
export class ComunicaCigDelCarnetHandler implements ICommandHandler<ComunicaCigDelCarnet> {
  constructor(private readonly carnets: Carnets) {}

  execute({ numero, cig, dati, attore, meta }: ComunicaCigDelCarnet) {
    const codice = cig.toUpperCase();
    return this.carnets.suCodice(numero, attore, meta, { type: 'ComunicaCigDelCarnet', cig: codice, dati: { ...dati } }, (g, ctx, k) => g.comunicaCigCarnet(ctx, { numero: k.numero, cig: codice, dati }));
  }
}
