import { centesimi, somma } from '#domain';
import type {
  CentroDiCosto, CodiceScheda, Cpv, DatiGara, Importo, Lotto, OggettoPrincipale, StazioneAppaltante, TipoProcedura,
} from '#domain';
import type { TipologicaPcp } from '../gateway/anac-gateway.js';
import { codiceIstatAnac } from './codice-istat.js';

/** What the scheda mapper needs to know about an appalto (read from its events). */
export interface AppaltoPerAnac {
  /** Our appalto id, sent as `codiceAppalto` (8–64 characters, ANAC's idempotency key: ERR38). */
  readonly codiceAppalto: string;
  readonly scheda: CodiceScheda;
  readonly tipoProcedura: TipoProcedura;
  readonly stazioneAppaltante: StazioneAppaltante;
  /** `codice` becomes `codiceCentroCosto` (checked by ANAC against AUSA: ERR69). */
  readonly centroDiCosto: CentroDiCosto;
  readonly datiGara: DatiGara;
  readonly classificazione: readonly Cpv[];
  readonly lotti: readonly Lotto[];
  /** base64 ESPD-Request XML; required by P2_16, optional for AD3/AD5 (a minimal one is sent for P2_16 when absent). */
  readonly espd?: string;
  /** Deadlines of a call for competition (P2_16): offers for open procedures (REG95), requests to participate otherwise. */
  readonly terminiInvio?: { readonly scadenzaPresentazioneOfferte?: string; readonly scadenzaPresentazioneInvito?: string };
  /** Where the tender documents are published (`datiBaseDocumenti.url`): required by AD3, optional elsewhere. */
  readonly urlDocumenti?: string;
}

/** The appalto cannot be expressed in the requested scheda; the message says what is missing. */
export class SchedaNonMappabile extends Error {
  override readonly name = 'SchedaNonMappabile';
  readonly code = 'SCHEDA_NON_MAPPABILE';
}

/** `versione` of every scheda sent: the value of ANAC's examples ("necessaria al motore interno ANAC"). */
export const VERSIONE_SCHEDA = '1.0';

export const tip = (idTipologica: string, codice: string): TipologicaPcp => ({ idTipologica, codice });

export function richiedi<T>(valore: T | undefined, messaggio: string): T {
  if (valore === undefined) throw new SchedaNonMappabile(messaggio);
  return valore;
}

/** Decimal-string amount → JSON number with 2 decimals: only here, at ANAC's boundary (`format: double`). */
export const numero = (importo: Importo): number => centesimi(importo) / 100;

/** `datiBase.importo` of the appalto: the given total, else the sum of the lots. */
export const importoAppalto = (a: AppaltoPerAnac): Importo => a.datiGara.importoComplessivo ?? somma(a.lotti.map((l) => l.importo));

/** `oggettoContratto.json` (eForms BT-23). */
export const OGGETTO_CONTRATTO: Readonly<Record<OggettoPrincipale, string>> = { LAVORI: 'works', SERVIZI: 'services', FORNITURE: 'supplies' };

/** `settore.json`: 1 ordinario, 2 speciale. */
export const settore = (a: AppaltoPerAnac): TipologicaPcp => tip('settore', a.datiGara.settore === 'SPECIALE' ? '2' : '1');

/**
 * `ccnl.json` default by object of the contract, since CIG Ledger does not record the collective
 * agreement: F01 "aziende edili" for works, H01 "terziario, distribuzione e servizi" otherwise
 * (the value of ANAC's own P1_16 example).
 */
export const ccnl = (oggetto: OggettoPrincipale): TipologicaPcp => tip('ccnl', oggetto === 'LAVORI' ? 'F01' : 'H01');

/**
 * `categoria.json`: FS "fornitura di servizi", FB "fornitura di beni"; for works the SOA category
 * is not recorded, so 999 "OO.CC. - Categoria non definita".
 */
export const categoria = (oggetto: OggettoPrincipale): TipologicaPcp =>
  tip('categoria', oggetto === 'SERVIZI' ? 'FS' : oggetto === 'FORNITURE' ? 'FB' : '999');

/**
 * One stazione appaltante, the one acting, hence `saTitolare: true` (ANAC checks it against the
 * JWS: ERR86, ERR124). `funzioniSvolte` only where given (P2_16 schede of ANAC's examples).
 */
export function stazioniAppaltanti(a: AppaltoPerAnac, funzioniSvolte?: string): Array<Record<string, unknown>> {
  return [
    {
      codiceFiscale: a.stazioneAppaltante.codiceFiscale,
      codiceAusa: a.stazioneAppaltante.codiceAusa,
      codiceCentroCosto: a.centroDiCosto.codice,
      saTitolare: true,
      ...(funzioniSvolte ? { funzioniSvolte: [tip('funzioniSvolte', funzioniSvolte)] } : {}),
    },
  ];
}

/** `NNNNNNNN-C` or `NNNNNNNN` → the 8 digits ANAC's `CPV.json` uses (no check digit). */
export function cpvAnac(cpv: string): string {
  const match = /^(\d{8})(-\d)?$/.exec(cpv.trim());
  return richiedi(match?.[1], `codice CPV non valido: ${cpv}`);
}

/**
 * `DatiBaseCPVType`: the lot's principal CPV as `cpvPrevalente`. The appalto's other CPVs go in
 * `cpvSecondarie` only when there is a single lot (appalto and lot coincide); with several lots a
 * classification of the whole appalto says nothing about each lot, and a CPV repeated as both
 * prevalente and secondaria is refused (REG65, REG66).
 */
export function datiBaseCpv(a: AppaltoPerAnac, lotto: Lotto): Record<string, unknown> {
  const prevalente = cpvAnac(lotto.cpv);
  const secondarie = a.lotti.length === 1 ? [...new Set(a.classificazione.map((c) => cpvAnac(c.codice)))].filter((c) => c !== prevalente) : [];
  return {
    tipoClassificazione: tip('tipoClassificazione', 'cpv'),
    cpvPrevalente: tip('CPV', prevalente),
    ...(secondarie.length ? { cpvSecondarie: secondarie.map((c) => tip('CPV', c)) } : {}),
  };
}

export function codIstat(lotto: Lotto): TipologicaPcp {
  const codice = codiceIstatAnac(lotto.luogoIstat);
  return tip('codIstat', richiedi(codice, `lotto ${lotto.lotIdentifier}: codice ISTAT del luogo di esecuzione non riconosciuto (${lotto.luogoIstat})`));
}

export function datiBaseLotto(lotto: Lotto, conImporto: boolean): Record<string, unknown> {
  return {
    oggettoContratto: tip('oggettoContratto', OGGETTO_CONTRATTO[lotto.oggettoContratto]),
    oggetto: lotto.oggetto,
    ...(conImporto ? { importo: numero(lotto.importo) } : {}),
  };
}

/** A valid CUP has 15 letters or digits (`cup` pattern of the schede). */
export const cup = (a: AppaltoPerAnac): string | undefined => a.datiGara.cup?.trim() || undefined;

/** `quadroEconomicoStandard`: the lot amount as the component of its object (REG34_1/35_1/36_1). */
export function quadroEconomico(lotto: Lotto): Record<string, number> {
  const voce = { LAVORI: 'impLavori', SERVIZI: 'impServizi', FORNITURE: 'impForniture' }[lotto.oggettoContratto];
  return {
    [voce]: numero(lotto.importo),
    ...(lotto.importoSicurezza ? { impTotaleSicurezza: numero(lotto.importoSicurezza) } : {}),
    // Required by QuadroEconomicoType; amounts at the SA's disposal are not recorded.
    sommeADisposizione: 0,
  };
}
