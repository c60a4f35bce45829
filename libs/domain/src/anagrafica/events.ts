import type { DomainEvent } from '../shared/decider.js';

/** The directory lives in one stream: small, changed by administrators only. */
export const ANAGRAFICA_STREAM = 'anagrafica';

export type RuoloUtente = 'BUYER' | 'RESPONSABILE_EPROCUREMENT' | 'RUP' | 'AUDITOR' | 'RPCT' | 'ADMIN';

export interface StazioneAppaltanteRegistrata {
  readonly codiceFiscale: string;
  readonly denominazione: string;
  readonly codiceAusa: string;
}
export interface CentroDiCostoRegistrato {
  readonly codice: string;
  readonly denominazione: string;
  readonly sa: string;
}
export interface UfficioRegistrato {
  readonly codice: string;
  readonly denominazione: string;
  readonly sa: string;
}
export interface Utente {
  readonly userId: string;
  readonly nome: string;
  readonly codiceFiscale: string;
  readonly sa: string;
  readonly ufficio: string;
  readonly centriDiCosto: readonly string[];
  readonly ruoli: readonly RuoloUtente[];
}

export type AnagraficaEvent =
  | DomainEvent<'StazioneAppaltanteRegistrata', StazioneAppaltanteRegistrata>
  | DomainEvent<'CentroDiCostoRegistrato', CentroDiCostoRegistrato>
  | DomainEvent<'UfficioRegistrato', UfficioRegistrato>
  | DomainEvent<'UtenteRegistrato', Utente>
  | DomainEvent<'UtenteAggiornato', Pick<Utente, 'userId' | 'ufficio' | 'centriDiCosto' | 'ruoli'>>
  | DomainEvent<'UtenteDisattivato', { readonly userId: string }>;
