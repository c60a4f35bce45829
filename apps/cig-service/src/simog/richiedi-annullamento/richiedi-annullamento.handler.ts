import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ComandoSuCig } from '../../anac-simog/comando-su-cig.js';
import { RichiediAnnullamentoCig } from './richiedi-annullamento.command.js';

/** The CIG read once and authorised on, decided, the request sent to ANAC (codes it issued: its protocol is recorded), appended. */
@CommandHandler(RichiediAnnullamentoCig)
export class RichiediAnnullamentoCigHandler implements ICommandHandler<RichiediAnnullamentoCig> {
  constructor(private readonly suCig: ComandoSuCig) {}

  async execute({ codice, dati: dto, attore, meta }: RichiediAnnullamentoCig) {
    const { cig, stato, posizione } = await this.suCig.esegui<{ protocollo?: string }>(codice, attore, 'cig.annullamento', meta,
      (s, risposta) => ({
        type: 'RichiediAnnullamento', motivazione: dto.motivazione, documentoIdentitaRup: dto.documentoIdentitaRup,
        rup: s.richiesta?.rup ?? { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale },
        ...(risposta?.protocollo ? { protocollo: risposta.protocollo } : {}),
      }),
      (g, ctx, s) => g.richiediAnnullamento(ctx, { cig: s.cig, motivazione: dto.motivazione, documentoIdentitaRup: dto.documentoIdentitaRup }));
    return { cig, stato: stato.stato, annullamento: stato.annullamento, posizione };
  }
}
