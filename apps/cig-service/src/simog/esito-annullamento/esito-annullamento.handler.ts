import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cigDecider, cigStream, type CigEsistente } from '#domain';
import { CigLoader } from '../../anac-simog/cig-loader.js';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { RegistraEsitoAnnullamento } from './esito-annullamento.command.js';

/** The CIG read once and authorised on; ANAC's answer decided and appended on it. */
@CommandHandler(RegistraEsitoAnnullamento)
export class RegistraEsitoAnnullamentoHandler implements ICommandHandler<RegistraEsitoAnnullamento> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly cigs: CigLoader,
  ) {}

  async execute({ codice, dati: dto, attore, meta }: RegistraEsitoAnnullamento) {
    const caricato = await this.cigs.carica(codice, attore, 'cig.annullamento.esito');
    const comando = { type: 'RegistraEsitoAnnullamento' as const, accolto: dto.accolto, ...(dto.motivo ? { motivo: dto.motivo } : {}) };
    const esito = await this.aggregates.decideAndAppend(cigStream(caricato.state.cig), cigDecider, caricato, [comando], this.cigs.contesto(), meta);
    const stato = esito.state as CigEsistente;
    return { cig: caricato.state.cig, stato: stato.stato, annullamento: stato.annullamento, posizione: esito.position };
  }
}
