export * from './shared/domain-error.js';
export * from './shared/decider.js';
export * from './shared/importo.js';
export * from './appalto/types.js';
export * from './appalto/events.js';
export * from './appalto/commands.js';
export * from './cig/events.js';
export * from './anagrafica/events.js';
export * from './anagrafica/decider.js';
export * from './pratica-anac/events.js';

// Appalto aggregate (PCP): decider, state, read helpers, verification
export { appaltoDecider } from './appalto/decider.js';
export { MOTIVO_ELIMINAZIONE_ANAC } from './appalto/state.js';
export type { AppaltoEsistente, AppaltoState, AppaltoVuoto, EsitoAnac, EsitoVerifica, OperazioneInCorso, RitiroRichiesto, VerificaAnac } from './appalto/state.js';
export { copiaAppalto, type OpzioniCopia } from './appalto/copia.js';
export { cigDisponibili, importoComplessivo, statoRichiesta, type StatoRichiesta } from './appalto/selectors.js';
export { OGGETTO_GARA_MAX, problemiDellAppalto } from './appalto/verifica.js';
export { DIVISIONI_CPV, isCpv, livelloCpv, problemiClassificazione, problemiCpv, type LivelloCpv } from './appalto/cpv.js';
export { lotIdentifier, OGGETTO_LOTTO_MAX, problemiDatiLotto } from './appalto/lotto.js';
export { PROCEDURE_PUBBLICATE } from './appalto/regole/pubblicazione.js';
// Cig aggregate
export { cigDecider } from './cig/decider.js';
export type { CigCommand, CigContext } from './cig/commands.js';
export type { CigEsistente, CigState, CigVuoto, StatoCig, UtilizzoCig } from './cig/state.js';
// Dated rules and Italian calendar days
export { regolaVigente, TABELLA_REGOLE, verificaRegola, type IdRegola, type RegolaDatata } from './regole/tabella-regole.js';
export { formatoItaliano, giornoItaliano, scostamentoItaliaMinuti, type Giorno } from './regole/calendario-italiano.js';
export {
  carattereControlloCodiceFiscale,
  cifraControlloPartitaIva,
  difettoCodiceFiscale,
  erroreAnacCodiceFiscale,
  isCodiceFiscale,
  isCodiceFiscaleNumerico,
  isCodiceFiscalePersona,
} from './shared/codice-fiscale.js';
export { MOTIVO_MAX, verificaMotivo } from './shared/motivo.js';
// SIMOG, SmartCIG and carnets: dated thresholds, SIMOG gara, carnet and its registry, import
export { inizioGiornoItaliano, piuGiorni } from './regole/calendario-italiano.js';
export { sogliaVigente, TABELLA_SOGLIE_SMARTCIG, verificaSogliaSmartCig, type SogliaSmartCig } from './regole/soglie-smartcig.js';
export * from './regole/limiti-carnet.js';
export { entroLimiti, LIMITI_AFFIDAMENTI_DIRETTI, type LimiteAffidamentoDiretto } from './regole/limiti-affidamenti.js';
export * from './smart-cig/types.js';
export { problemiDatiSmartCig, verificaDatiSmartCig } from './smart-cig/dati.js';
export * from './cig/richiesta.js';
export { eventiImportazione, regimeImportato, type DatiImportati, type EventoImportato } from './cig/importazione.js';
export type { Annullamento } from './cig/state.js';
export * from './gara-simog/events.js';
export { garaSimogDecider, type GaraSimogCommand, type GaraSimogContext, type GaraSimogState } from './gara-simog/decider.js';
export * from './carnet/events.js';
export { carnetDecider, type CarnetCommand, type CarnetContext } from './carnet/decider.js';
export { nonRendicontati, type CarnetEsistente, type CarnetState, type CigDelCarnet, type StatoCarnet, type StatoCigDelCarnet } from './carnet/state.js';
export * from './trasmissioni-simog/events.js';
export { registroCarnetDecider, verificaNuovoCarnet, type CarnetRegistrato, type RegistroCarnet, type RegistroCarnetCommand, type RegistroCarnetContext } from './carnet/registro.js';
export {
  codiciTipologica,
  ERRORE_TIPOLOGICA,
  FONTE_TIPOLOGICHE,
  isCodiceTipologica,
  cercaCpv,
  isCpvAnac,
  isIstatAnac,
  isNutsAnac,
  tipologicheEstratte,
  type ListaAnac,
  type ListeAnac,
  type VoceCpv,
} from './tipologiche/tipologiche.js';
