import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandoSuCig } from '../../anac-simog/comando-su-cig.js';
import { CancellaCigSimog } from './cancella-cig.command.js';

/** The CIG read once and authorised on, decided, cancelled on SIMOG (codes it issued), appended. */
@CommandHandler(CancellaCigSimog)
export class CancellaCigSimogHandler implements ICommandHandler<CancellaCigSimog> {
  constructor(private readonly suCig: ComandoSuCig) {}

  async execute({ codice, dati: dto, attore, meta }: CancellaCigSimog) {
    const nota = dto.nota ? { nota: dto.nota } : {};
    const { cig, stato, posizione } = await this.suCig.esegui(codice, attore, 'cig.cancella', meta, () => ({ type: 'CancellaCigSimog', codiceMotivo: dto.codiceMotivo, ...nota }), (g, ctx, s) =>
      g.cancellaCig(ctx, { cig: s.cig, codiceMotivo: dto.codiceMotivo, ...nota }));
    return { cig, stato: stato.stato, posizione };
  }
}
