import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandoSuCig } from '../../anac-simog/comando-su-cig.js';
import { PerfezionaCigSimog } from './perfeziona-cig.command.js';

/** The CIG read once and authorised on, decided, perfected on SIMOG (codes it issued), appended. */
@CommandHandler(PerfezionaCigSimog)
export class PerfezionaCigSimogHandler implements ICommandHandler<PerfezionaCigSimog> {
  constructor(private readonly suCig: ComandoSuCig) {}

  async execute({ codice, dati: dto, attore, meta }: PerfezionaCigSimog) {
    const { cig, stato, posizione } = await this.suCig.esegui(codice, attore, 'cig.perfeziona', meta, () => ({ type: 'PerfezionaCigSimog', pubblicazione: { ...dto } }), (g, ctx, s) =>
      g.perfezionaCig(ctx, { cig: s.cig, dataPubblicazione: dto.dataPubblicazione }));
    return { cig, stato: stato.stato, posizione };
  }
}
