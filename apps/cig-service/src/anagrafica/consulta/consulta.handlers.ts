import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { responsabileNelCdc, type CentroDiCostoRegistrato } from '#domain';
import { leggeTutto } from '../../security/authorization.js';
import { AnagraficaService } from '../anagrafica.service.js';
import { AnagraficaCompleta, CentriDiCosto, CercaRup, type AnagraficaCompletaVista, type RupTrovato } from './consulta.queries.js';

@QueryHandler(CentriDiCosto)
export class CentriDiCostoHandler implements IQueryHandler<CentriDiCosto> {
  constructor(private readonly anagrafica: AnagraficaService) {}

  async execute({ attore }: CentriDiCosto): Promise<CentroDiCostoRegistrato[]> {
    const s = await this.anagrafica.stato();
    return [...s.centri.values()].filter((c) => leggeTutto(attore) || c.sa === attore.stazioneAppaltante);
  }
}

@QueryHandler(CercaRup)
export class CercaRupHandler implements IQueryHandler<CercaRup> {
  constructor(private readonly anagrafica: AnagraficaService) {}

  async execute({ attore, centroDiCosto, testo }: CercaRup): Promise<RupTrovato[]> {
    const s = await this.anagrafica.stato();
    const cdc = s.centri.get(centroDiCosto);
    // Another stazione appaltante's centre answers like an unknown one: nothing to choose from.
    if (!cdc || (!leggeTutto(attore) && cdc.sa !== attore.stazioneAppaltante)) return [];
    const q = testo?.toLowerCase();
    return [...s.utenti.values()]
      .filter((u) => responsabileNelCdc(s, u.codiceFiscale, cdc.codice))
      .filter((u) => !q || u.nome.toLowerCase().includes(q) || u.codiceFiscale.toLowerCase().includes(q))
      .map((u) => ({ userId: u.userId, nome: u.nome, codiceFiscale: u.codiceFiscale }));
  }
}

@QueryHandler(AnagraficaCompleta)
export class AnagraficaCompletaHandler implements IQueryHandler<AnagraficaCompleta> {
  constructor(private readonly anagrafica: AnagraficaService) {}

  async execute(): Promise<AnagraficaCompletaVista> {
    const s = await this.anagrafica.stato();
    return { stazioniAppaltanti: [...s.stazioni.values()], centriDiCosto: [...s.centri.values()], uffici: [...s.uffici.values()], utenti: [...s.utenti.values()] };
  }
}
