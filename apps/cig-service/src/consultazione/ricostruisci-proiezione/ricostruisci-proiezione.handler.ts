import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RicostruzioniService } from '../ricostruzioni.service.js';
import { RicostruisciProiezione } from './ricostruisci-proiezione.command.js';

/** Answers once the rebuild holds the projection's lock (409 if another holds it), with where to follow it. */
@CommandHandler(RicostruisciProiezione)
export class RicostruisciProiezioneHandler implements ICommandHandler<RicostruisciProiezione> {
  constructor(private readonly ricostruzioni: RicostruzioniService) {}

  async execute({ nome }: RicostruisciProiezione) {
    const stato = await this.ricostruzioni.avvia(nome);
    return { ...stato, stato: `/admin/projections/${encodeURIComponent(nome)}/rebuild` };
  }
}
