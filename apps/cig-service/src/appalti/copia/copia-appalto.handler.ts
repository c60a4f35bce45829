import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appaltoStream, copiaAppalto } from '#domain';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { ComandiAppalto, type EsitoComando } from '../comandi-appalto.js';
import { CopiaAppalto } from './copia-appalto.command.js';

/** Reads the origin once; the copy is a new stream, appended with no_stream. */
@CommandHandler(CopiaAppalto)
export class CopiaAppaltoHandler implements ICommandHandler<CopiaAppalto> {
  constructor(
    private readonly appalti: ComandiAppalto,
    private readonly aggregates: AggregateStore,
  ) {}

  async execute({ appaltoId, attore, meta }: CopiaAppalto): Promise<EsitoComando> {
    const { appalto: origine } = await this.appalti.carica(appaltoId, attore, 'appalto.copia');
    const nuovoId = this.appalti.nuovoId();
    const creatoDa = { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale };
    const evento = copiaAppalto(origine, { nuovoId, now: this.appalti.adesso(), creatoDa });
    const { position, nextExpectedRevision } = await this.aggregates.appendWithRevision(appaltoStream(nuovoId), [evento], meta, 'no_stream');
    return { id: nuovoId, stato: 'BOZZA', statoRichiesta: 'Bozza', posizione: position, revisione: Number(nextExpectedRevision) };
  }
}
