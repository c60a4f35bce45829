import type { CentroDiCosto, Persona, StazioneAppaltante } from '../shared/vocabolario.js';
import type { Importo } from '../shared/importo.js';
import type { Giorno } from '../regole/calendario-italiano.js';

/**
 * Who and what a CIG without a PCP appalto is for: a SIMOG lot, a SmartCIG, a code registered by
 * hand. Carried by its CigAssegnato, so that the office scope and the listing need no other stream.
 */
export interface RichiestaCig {
  readonly stazioneAppaltante: StazioneAppaltante;
  readonly centroDiCosto: CentroDiCosto;
  readonly ufficio: string;
  readonly rup: Persona;
  readonly creatoDa: Persona;
  /** Oggetto of the gara (SIMOG) or of the contract (SmartCIG). */
  readonly oggettoProcedura: string;
  /** Oggetto of the lot (SIMOG) or of the contract (SmartCIG). */
  readonly oggetto: string;
  readonly importo: Importo;
  /** SIMOG "numero gara" assigned by ANAC. */
  readonly numeroGara?: string;
  /** Obtained from ANAC through this service, or typed in by hand ("inserire a mano il CIG", avviso AVCP-SIMOG 2011). */
  readonly origine: 'ANAC' | 'MANUALE';
  /** SIMOG: the instant by which the CIG must be perfected, else it expires (set at assignment from the configured period). */
  readonly perfezionareEntro?: string;
}

/** Publication data that perfect a SIMOG CIG (avviso AVCP-SIMOG 2011: "perfezionamento"). */
export interface DatiPubblicazione {
  /** Day the call (or the invitation / award notice) was published. */
  readonly dataPubblicazione: Giorno;
  /** Where: e.g. "GURI V Serie Speciale n. 12", "albo pretorio", "profilo del committente". */
  readonly estremi?: string;
  /** Deadline for offers, ISO instant. */
  readonly scadenzaOfferte?: string;
}

/** Reason codes of a SIMOG cancellation (DESIGN §2; 4 needs a note). */
export const MOTIVI_CANCELLAZIONE_SIMOG: Readonly<Record<1 | 2 | 3 | 4, string>> = {
  1: 'Gara o lotto duplicato',
  2: 'Errore materiale',
  3: "Decisione dell'amministrazione",
  4: 'Altro',
};
export type CodiceMotivoCancellazione = keyof typeof MOTIVI_CANCELLAZIONE_SIMOG;
