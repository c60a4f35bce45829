import type { DomainEvent } from '../shared/decider.js';
import type { Persona, Regime } from '../shared/vocabolario.js';
import type { DatiSmartCig } from '../smart-cig/types.js';
import type { DatiImportati } from './dati-importati.js';
import type { DatiPubblicazione, RichiestaCig } from './richiesta.js';

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
      /** SIMOG, SmartCIG and manual registration: who and what the code is for (no PCP appalto). */
      readonly richiesta?: RichiestaCig;
      readonly il: string;
    }>
  /** Complete: PCP CIGs are born perfected; SIMOG ones after the publication data (avviso AVCP-SIMOG 2011). */
  | DomainEvent<'CigPerfezionato', { readonly cig: string; readonly pubblicazione?: DatiPubblicazione; readonly il: string }>
  /** Linked to the procedure or contract it identifies (manuale START Richiedi CIG "CIG utilizzato"). */
  | DomainEvent<'CigUtilizzato', { readonly cig: string; readonly idProcedura?: string; readonly idContratto?: string; readonly il: string }>
  /** modifica-avviso replaced the CIG of the lot: this code is superseded by `sostituitoDa`. */
  | DomainEvent<'CigSostituito', { readonly cig: string; readonly sostituitoDa: string; readonly il: string }>
  /** Cancelled: with its appalto (PCP), or a SIMOG CIG not perfected with a reason code 1–4 (avviso AVCP-SIMOG 2011). */
  | DomainEvent<'CigCancellato', { readonly cig: string; readonly motivo: string; readonly codiceMotivo?: number; readonly nota?: string; readonly il: string }>
  /** Annulment of a perfected CIG requested to the Authority, with motivation and the RUP's identity document (avviso AVCP-SIMOG 2011). */
  | DomainEvent<'AnnullamentoRichiesto', { readonly cig: string; readonly motivazione: string; readonly documentoIdentitaRup: string; readonly rup: Persona; readonly protocollo?: string; readonly il: string }>
  /** Annulled: the Authority granted the request, or the SmartCIG communication was annulled (nota SMART CIG 2011). */
  | DomainEvent<'CigAnnullato', { readonly cig: string; readonly motivo?: string; readonly il: string }>
  | DomainEvent<'AnnullamentoRespinto', { readonly cig: string; readonly motivo: string; readonly il: string }>
  /** A SIMOG CIG not perfected within the configured period (90 days by default): as if it never existed (avviso AVCP-SIMOG 2011). */
  | DomainEvent<'CigScaduto', { readonly cig: string; readonly scadenza?: string; readonly il: string }>
  /** The SmartCIG data were communicated (at the request) or modified (nota SMART CIG 2011). */
  | DomainEvent<'CigComunicato', { readonly cig: string; readonly dati: DatiSmartCig; readonly modifica: boolean; readonly il: string }>
  /** A row of ANAC's open data `cig` dataset, with its original date (historic import). */
  | DomainEvent<'CigImportato', { readonly cig: string; readonly regime: Regime; readonly appaltoId: string; readonly lotIdentifier: string; readonly dati: DatiImportati; readonly il: string }>;

export type CigEventType = CigEvent['type'];
