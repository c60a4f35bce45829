/**
 * Words every aggregate of the domain shares (appalti, CIGs, carnets, SmartCIG, SIMOG gare, ANAC
 * practices, dated rules): they belong to none of them.
 */

/** Regime under which a CIG is obtained (DESIGN §2); decided by the command's effective date. */
export type Regime = 'SIMOG' | 'SMARTCIG' | 'PCP';

/** Main object of a contract (ANAC `oggettoPrincipaleContratto`). */
export type OggettoPrincipale = 'LAVORI' | 'SERVIZI' | 'FORNITURE';

export interface StazioneAppaltante {
  readonly codiceFiscale: string;
  readonly denominazione: string;
  readonly codiceAusa: string;
}

export interface CentroDiCosto {
  readonly codice: string;
  readonly denominazione: string;
}

export interface Persona {
  readonly userId: string;
  readonly nome: string;
  readonly codiceFiscale: string;
}

/** Operations the ANAC process manager carries out for an appalto. */
export type OperazioneAnac = 'CONFERMA' | 'PUBBLICAZIONE' | 'MODIFICA_AVVISO' | 'CANCELLAZIONE' | 'VERIFICA';
