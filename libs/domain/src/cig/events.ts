import type { DomainEvent } from '../shared/decider.js';
import type { Persona, Regime } from '../appalto/types.js';

/** Stream of one CIG code: `cig-<CODE>`. A PCP lot's CIG gets its stream when ANAC assigns it. */
export const cigStream = (cig: string): string => `cig-${cig}`;

export type CigEvent =
  /** The code was issued for a lot (PCP: read with recupera-cig after conferma OK). */
  | DomainEvent<'CigAssegnato', {
      readonly cig: string;
      readonly regime: Regime;
      readonly appaltoId: string;
      readonly lotIdentifier: string;
      readonly idAppaltoAnac?: string;
      /** The CIG this one replaces (modifica-avviso). */
      readonly sostituisce?: string;
      readonly il: string;
    }>
  /** Complete: PCP CIGs are born perfected; SIMOG ones after the publication data. */
  | DomainEvent<'CigPerfezionato', { readonly cig: string; readonly il: string }>
  /** Linked to the procedure or contract it identifies (seed 002 "CIG utilizzato"). */
  | DomainEvent<'CigUtilizzato', { readonly cig: string; readonly idProcedura?: string; readonly idContratto?: string; readonly il: string }>
  /** modifica-avviso replaced the CIG of the lot: this code is superseded by `sostituitoDa`. */
  | DomainEvent<'CigSostituito', { readonly cig: string; readonly sostituitoDa: string; readonly il: string }>
  /** The appalto was cancelled: its CIGs cannot be used. */
  | DomainEvent<'CigCancellato', { readonly cig: string; readonly motivo: string; readonly codiceMotivo?: number; readonly nota?: string; readonly il: string }>
  | DomainEvent<'AnnullamentoRichiesto', { readonly cig: string; readonly motivazione: string; readonly documentoIdentitaRup: string; readonly rup: Persona; readonly il: string }>
  | DomainEvent<'CigAnnullato', { readonly cig: string; readonly il: string }>
  | DomainEvent<'AnnullamentoRespinto', { readonly cig: string; readonly motivo: string; readonly il: string }>
  | DomainEvent<'CigScaduto', { readonly cig: string; readonly il: string }>;

export type CigEventType = CigEvent['type'];
