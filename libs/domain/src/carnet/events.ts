import type { DomainEvent } from '../shared/decider.js';
import type { CentroDiCosto, Persona, StazioneAppaltante } from '../shared/vocabolario.js';
import type { DatiSmartCig } from '../smart-cig/types.js';

/**
 * Carnet numbers as ANAC printed them (nota SMART CIG 2011: "CARNET/0000555"). A stream id keeps them
 * readable with the slash turned into a dash: `carnet-CARNET-0000555`.
 */
export const FORMATO_NUMERO_CARNET = /^CARNET\/\d{7}$/;
export const carnetStream = (numero: string): string => `carnet-${numero.replace('/', '-')}`;

/** The number from what users type or URLs carry: `CARNET/0000555`, `CARNET-0000555`, `CARNET_0000555` or `0000555`. */
export function numeroCarnet(testo: string): string | undefined {
  const m = /^(?:CARNET[/_-]?)?(\d{7})$/i.exec(testo.trim());
  return m ? `CARNET/${m[1]}` : undefined;
}

/** Stream of the carnets of one RUP in one centro di costo: the "at most 2 active" and "no new carnet" rules are decided on it. */
export const registroCarnetStream = (centroDiCosto: string, rupCodiceFiscale: string): string => `registro-carnet-${centroDiCosto}-${rupCodiceFiscale}`;

export interface TitolareCarnet {
  readonly stazioneAppaltante: StazioneAppaltante;
  readonly centroDiCosto: CentroDiCosto;
  readonly ufficio: string;
  readonly rup: Persona;
  readonly richiestoDa: Persona;
}

export type CarnetEvent =
  | DomainEvent<'CarnetRichiesto', TitolareCarnet & { readonly numero: string; readonly richiestaId: string; readonly dimensione: number; readonly il: string }>
  /** Nota SMART CIG 2011: "il sistema comunque indica le due date: rilascio/scadenza". */
  | DomainEvent<'CarnetRilasciato', {
      readonly numero: string;
      readonly richiestaId: string;
      /** Who it was released to (also in CarnetRichiesto): each event alone feeds the listing. */
      readonly titolare: TitolareCarnet;
      readonly codici: readonly string[];
      readonly rilasciatoIl: string;
      readonly scadenzaIl: string;
      readonly termineRendicontazione: string;
      readonly il: string;
    }>
  /** A code used: its SmartCIG data communicated ("CIG COMUNICATO"); `tardiva` after the 30 days. */
  | DomainEvent<'CigDelCarnetComunicato', { readonly numero: string; readonly cig: string; readonly dati: DatiSmartCig; readonly tardiva: boolean; readonly il: string }>
  | DomainEvent<'CigDelCarnetAnnullato', { readonly numero: string; readonly cig: string; readonly motivo: string; readonly tardiva: boolean; readonly il: string }>
  | DomainEvent<'CarnetScaduto', { readonly numero: string; readonly il: string }>
  /** 30 days after expiry: the codes still NON RENDICONTATO block new carnets until reported (nota SMART CIG 2011). */
  | DomainEvent<'RendicontazioneScaduta', { readonly numero: string; readonly nonRendicontati: readonly string[]; readonly il: string }>;

export type RegistroCarnetEvent = DomainEvent<'CarnetRegistrato', {
  readonly numero: string;
  readonly rilasciatoIl: string;
  readonly scadenzaIl: string;
  readonly termineRendicontazione: string;
  readonly il: string;
}>;
