import type { Importo } from '../shared/importo.js';
import type { CentroDiCosto, OggettoPrincipale, Persona, Regime, StazioneAppaltante } from '../shared/vocabolario.js';

export type { CentroDiCosto, OggettoPrincipale, OperazioneAnac, Persona, Regime, StazioneAppaltante } from '../shared/vocabolario.js';

/** PCP form (scheda) codes the service handles (ANAC `codiceScheda`). */
export type CodiceScheda = 'AD5' | 'AD3' | 'P2_16' | 'P1_16' | 'P5';

/** Procedure type: drives when CIGs become available (manuale START Richiedi CIG). */
export type TipoProcedura = 'AFFIDAMENTO_DIRETTO' | 'APERTA' | 'RISTRETTA' | 'NEGOZIATA';

export type Settore = 'ORDINARIO' | 'SPECIALE';

/**
 * PCP states of an appalto (ANAC `statoAppalto`) plus the local draft BOZZA that exists only
 * here until crea-appalto.
 */
export type StatoAppalto = 'BOZZA' | 'IN_LAV' | 'CONF' | 'IN_ATT_PUBB' | 'PUBB' | 'CANC' | 'IN_STOP_PUBB';

export interface DatiGara {
  readonly oggetto: string;
  readonly settore: Settore;
  readonly oggettoPrincipale: OggettoPrincipale;
  /** Importo complessivo di gara (sum of the lots unless given). */
  readonly importoComplessivo?: Importo;
  readonly cup?: string;
  /** Procedure of the e-procurement platform this request belongs to (manuale START Richiedi CIG, both flows). */
  readonly idProcedura?: string;
  readonly urgenza?: boolean;
  /** Deadline for offers (ISO instant): required by open procedures (ANAC REG95), in the future (REG105). */
  readonly scadenzaPresentazioneOfferte?: string;
  /** Deadline for requests to participate (ISO instant): restricted and negotiated procedures. */
  readonly scadenzaPresentazioneInvito?: string;
  /** Where the tender documents are published (`datiBaseDocumenti.url`); required by AD3. */
  readonly urlDocumenti?: string;
}

export interface Cpv {
  /** `NNNNNNNN-C`, e.g. `30192000-1`. */
  readonly codice: string;
  readonly principale: boolean;
}

export interface Partecipante {
  readonly codiceFiscale: string;
  readonly denominazione: string;
  readonly importo: Importo;
}

export interface Aggiudicazione {
  readonly partecipanti: readonly Partecipante[];
  readonly dataAggiudicazione?: string;
}

export interface DatiLotto {
  readonly oggetto: string;
  readonly oggettoContratto: OggettoPrincipale;
  /** Importo a base di gara (or of the award, for direct awards), VAT excluded. */
  readonly importo: Importo;
  readonly importoSicurezza?: Importo;
  /** Principal CPV of the lot: must be one of the appalto's classification. */
  readonly cpv: string;
  /** ISTAT code of the place of execution (6 digits, comune). */
  readonly luogoIstat: string;
  readonly durataGiorni?: number;
  /** For direct awards: who was awarded and for how much (AD5 requires exactly one). */
  readonly aggiudicazione?: Aggiudicazione;
}

export interface Lotto extends DatiLotto {
  /** Stable id of the lot inside the appalto, sent to ANAC (`LOT-0001`). */
  readonly lotIdentifier: string;
}

/** An ANAC error as shown to users: ANAC's code, its Italian description, ANAC's detail. */
export interface ErroreAnac {
  readonly codice: string;
  readonly descrizione: string;
  readonly dettaglio?: string;
}

export interface CigLotto {
  readonly lotIdentifier: string;
  readonly cig: string;
}

