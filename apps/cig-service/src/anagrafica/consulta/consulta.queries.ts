import { Query } from '@nestjs/cqrs';
import type { CentroDiCostoRegistrato, StazioneAppaltanteRegistrata, UfficioRegistrato, Utente } from '#domain';
import type { Attore } from '#platform';

/** The centri di costo of the caller's stazione appaltante (all of them for oversight roles). */
export class CentriDiCosto extends Query<CentroDiCostoRegistrato[]> {
  constructor(readonly attore: Attore) {
    super();
  }
}

export interface RupTrovato {
  readonly userId: string;
  readonly nome: string;
  readonly codiceFiscale: string;
}

/** "Trova e seleziona RUP": the responsabili of a centro di costo the caller may see, by part of name or codice fiscale. */
export class CercaRup extends Query<RupTrovato[]> {
  constructor(
    readonly attore: Attore,
    readonly centroDiCosto: string,
    readonly testo?: string,
  ) {
    super();
  }
}

export interface AnagraficaCompletaVista {
  readonly stazioniAppaltanti: StazioneAppaltanteRegistrata[];
  readonly centriDiCosto: CentroDiCostoRegistrato[];
  readonly uffici: UfficioRegistrato[];
  readonly utenti: Array<Utente & { readonly attivo: boolean }>;
}

/** The whole directory (administrators). */
export class AnagraficaCompleta extends Query<AnagraficaCompletaVista> {}
