/**
 * What the simulator remembers of SIMOG and SmartCIG (2011–2023): gare, CIGs, carnets, and the
 * answers already given to each `idRichiesta` (so that a repeated request gets the same code).
 * Plain JSON, persisted with the rest of the simulator's state.
 */
export type StatoCigLegacy = 'CREATO' | 'PERFEZIONATO' | 'CANCELLATO' | 'ANNULLAMENTO_RICHIESTO' | 'ANNULLATO';

export interface TitolareLegacy {
  readonly saCodiceAusa: string;
  readonly centroDiCosto: string;
  readonly rupCodiceFiscale: string;
}

export interface GaraLegacy extends TitolareLegacy {
  readonly numeroGara: string;
  readonly oggetto: string;
  readonly dataCreazione: string;
  cancellata: boolean;
  readonly lotti: string[];
}

export interface CigLegacy extends TitolareLegacy {
  readonly cig: string;
  readonly servizio: 'SIMOG' | 'SMARTCIG';
  readonly numeroGara?: string;
  readonly dataCreazione: string;
  stato: StatoCigLegacy;
  dataPubblicazione?: string;
  dati?: unknown;
}

export type StatoCodiceCarnet = 'NON_RENDICONTATO' | 'COMUNICATO' | 'ANNULLATO';

export interface CarnetLegacy extends TitolareLegacy {
  readonly numero: string;
  readonly dataRilascio: string;
  readonly dataScadenza: string;
  readonly codici: Record<string, StatoCodiceCarnet>;
}

export interface StatoLegacy {
  gare: GaraLegacy[];
  cig: CigLegacy[];
  carnet: CarnetLegacy[];
  /** Answer body already given, by `<operation>:<idRichiesta>`. */
  risposte: Record<string, Record<string, unknown>>;
  contatori: { numeroGara: number; simogNumerico: number; simogLettera: number; smartCig: number; carnet: number; protocollo: number };
}

export const statoLegacyIniziale = (): StatoLegacy => ({
  gare: [],
  cig: [],
  carnet: [],
  risposte: {},
  contatori: { numeroGara: 7_000_001, simogNumerico: 5_000_001, simogLettera: 1, smartCig: 1, carnet: 1, protocollo: 1 },
});
