import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { nonTrovato } from '#domain';
import type { StatoRicostruzione } from '#read-models';
import { ConsumerRegistry } from '../../infrastructure/consumer-registry.js';
import { RicostruzioniService } from '../ricostruzioni.service.js';
import { AvanzamentoRicostruzione, ElencaProiezioni, type Proiezione } from './elenca-proiezioni.queries.js';

@QueryHandler(ElencaProiezioni)
export class ElencaProiezioniHandler implements IQueryHandler<ElencaProiezioni> {
  constructor(
    private readonly ricostruzioni: RicostruzioniService,
    private readonly consumers: ConsumerRegistry,
  ) {}

  async execute(): Promise<Proiezione[]> {
    return this.ricostruzioni.nomi().map((nome) => {
      const s = this.consumers.get(nome)?.status();
      return { nome, posizione: s?.position ?? null, attiva: s?.active ?? false, allineata: s?.caughtUp ?? false, ricostruzione: this.ricostruzioni.stato(nome) ?? null };
    });
  }
}

@QueryHandler(AvanzamentoRicostruzione)
export class AvanzamentoRicostruzioneHandler implements IQueryHandler<AvanzamentoRicostruzione> {
  constructor(private readonly ricostruzioni: RicostruzioniService) {}

  async execute({ nome }: AvanzamentoRicostruzione): Promise<StatoRicostruzione> {
    if (!this.ricostruzioni.nomi().includes(nome)) throw nonTrovato('PROIEZIONE_SCONOSCIUTA', `Proiezione ${nome} sconosciuta`);
    const stato = this.ricostruzioni.stato(nome);
    if (!stato) throw nonTrovato('NESSUNA_RICOSTRUZIONE', `Nessuna ricostruzione di ${nome} avviata su questa istanza`);
    return stato;
  }
}
