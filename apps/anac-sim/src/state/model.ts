import type { ErroreTipologica } from '../pcp/errori.js';
import type { StatoLegacy } from '../legacy/modello.js';
import type { Esito, StatoAppalto, StatoAvviso, StatoScheda, TipoOperazione, TipoOperazioneAsincrona } from '../pcp/tipologiche.js';

/**
 * What the simulator remembers. Plain JSON (dates as ISO strings, instants as epoch ms) so the
 * whole state can be written to the state file as is.
 */
export interface SchedaRecord {
  readonly idScheda: string;
  readonly codice: string;
  readonly versione: string;
  readonly body: unknown;
  stato: StatoScheda;
  readonly dataCreazione: string;
}

export interface LottoRecord {
  readonly lotIdentifier: string;
  readonly oggetto: string;
  readonly importo: number;
  readonly oggettoContratto?: string;
  /** Assigned by the successful conferma; replaced for every lot by modifica-avviso. */
  cig?: string;
}

export interface AvvisoRecord {
  readonly idAvviso: string;
  stato: StatoAvviso;
  readonly dataCreazione: string;
  dataControllo: string;
}

export interface EsitoRecord {
  readonly tipoOperazione: TipoOperazione;
  esito: Esito;
  dettaglio: string;
  readonly creatoIl: string;
  dataControllo: string;
  idScheda?: string;
  codiceScheda?: string;
  idAvviso?: string;
  idNuovoAvviso?: string;
  idNuovaScheda?: string;
  codiceNuovaScheda?: string;
  errori?: ErroreTipologica[];
}

/** An acknowledged asynchronous operation whose esito is still WT. */
export interface OperazioneInCorso {
  readonly tipoOperazione: TipoOperazioneAsincrona;
  /** Index of its esito in `AppaltoRecord.esiti` (esiti are only ever appended). */
  readonly esito: number;
  avviataIlMs: number;
  readonly attesaMs: number;
  readonly pollsRichiesti: number;
  pollsVisti: number;
  /** Decided when acknowledged (rules, programmed KO), revealed when the wait is over. */
  readonly errori: ErroreTipologica[];
  /** AV_PUBB: the avviso being published. */
  idAvviso?: string;
  /** AV_MOD: the replacement scheda. */
  readonly nuovaScheda?: { codice: string; versione: string; body: unknown };
}

export interface AppaltoRecord {
  readonly idAppalto: string;
  readonly codiceAppalto: string;
  readonly saCodiceAusa: string;
  readonly saCodiceFiscale: string;
  readonly rupCodiceFiscale: string;
  readonly dataCreazione: string;
  stato: StatoAppalto;
  oggetto: string;
  scheda: SchedaRecord;
  schedePrecedenti: SchedaRecord[];
  lotti: LottoRecord[];
  avvisi: AvvisoRecord[];
  esiti: EsitoRecord[];
  inCorso: OperazioneInCorso[];
}

/** A CIG taken away from its lot by modifica-avviso: never reissued, answered as `CANC`. */
export interface CigSostituito {
  readonly cig: string;
  readonly idAppalto: string;
  readonly lotIdentifier: string;
  readonly sostituitoIl: string;
  readonly sostituitoDa: string;
}

export interface SimState {
  readonly versione: 1;
  appalti: AppaltoRecord[];
  /** Next value of the global CIG counter (letter and progressive are derived from it). */
  prossimoCig: number;
  cigSostituiti: CigSostituito[];
  /** SIMOG and SmartCIG (2011–2023): absent in state files written before they existed. */
  legacy?: StatoLegacy;
}
