import type { OggettoPrincipale } from '../shared/vocabolario.js';
import type { Importo } from '../shared/importo.js';

/**
 * "Fattispecie contrattuale" of a SmartCIG (nota SMART CIG 2011, first item of the form): which kind of
 * contract the simplified code is for. It decides the amount limit (soglie-smartcig.ts).
 * - AFFIDAMENTO_SOTTO_SOGLIA: direct award by the RUP or negotiated procedure without a call
 *   (art. 125 d.lgs. 163/2006, "cottimo fiduciario");
 * - CONTRATTO_ESCLUSO: contracts excluded in whole or in part from the Code;
 * - CONTRATTO_ART_16_17_18: contracts of arts. 16, 17, 18 of the Code;
 * - CONTRATTO_ART_149_218: contracts of arts. 149 and 218 of the Code.
 */
export const FATTISPECIE_SMARTCIG = ['AFFIDAMENTO_SOTTO_SOGLIA', 'CONTRATTO_ESCLUSO', 'CONTRATTO_ART_16_17_18', 'CONTRATTO_ART_149_218'] as const;
export type FattispecieSmartCig = (typeof FATTISPECIE_SMARTCIG)[number];

/** "Procedura di scelta del contraente" (nota SMART CIG 2011: "in linea di massima affidamento in economia – cottimo fiduciario"). */
export const PROCEDURE_SMARTCIG = [
  'AFFIDAMENTO_DIRETTO',
  'AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO',
  'PROCEDURA_NEGOZIATA_SENZA_BANDO',
  'ALTRA_PROCEDURA',
] as const;
export type ProceduraSmartCig = (typeof PROCEDURE_SMARTCIG)[number];

/** The minimal data of a SmartCIG, as nota SMART CIG 2011 lists them (items 1–7). */
export interface DatiSmartCig {
  readonly fattispecie: FattispecieSmartCig;
  readonly importo: Importo;
  readonly oggetto: string;
  readonly procedura: ProceduraSmartCig;
  readonly oggettoPrincipale: OggettoPrincipale;
  /** For a derived CIG: the CIG of the framework agreement (accordo quadro). */
  readonly cigAccordoQuadro?: string;
  /** Codice Unico di Progetto, 15 characters. */
  readonly cup?: string;
}
