import type { DecisionContext } from '../shared/decider.js';
import type { Problema } from '../shared/domain-error.js';
import type { AppaltoEsistente } from './state.js';
import type {
  CentroDiCosto,
  CigLotto,
  CodiceScheda,
  Cpv,
  DatiGara,
  DatiLotto,
  ErroreAnac,
  OperazioneAnac,
  Persona,
  StazioneAppaltante,
  TipoProcedura,
} from './types.js';

/**
 * Commands of the Appalto aggregate. The handler resolves ids against the directory
 * (stazione appaltante, centro di costo, RUP) before deciding, so commands carry values.
 */
export type AppaltoCommand =
  | {
      readonly type: 'CreaAppalto';
      readonly appaltoId: string;
      readonly scheda: CodiceScheda;
      readonly tipoProcedura: TipoProcedura;
      readonly stazioneAppaltante: StazioneAppaltante;
      readonly centroDiCosto: CentroDiCosto;
      readonly ufficio: string;
      readonly rup: Persona;
      /** The user creating the request (AppaltoCreato.creatoDa; manuale START Richiedi CIG listing "Creato da"). */
      readonly creatoDa: Persona;
      readonly datiGara: DatiGara;
    }
  | { readonly type: 'ModificaAppalto'; readonly datiGara: DatiGara; readonly rup: Persona; readonly centroDiCosto: CentroDiCosto }
  | { readonly type: 'AggiungiLotto'; readonly dati: DatiLotto }
  | { readonly type: 'ModificaLotto'; readonly lotIdentifier: string; readonly dati: DatiLotto }
  | { readonly type: 'RimuoviLotto'; readonly lotIdentifier: string }
  | { readonly type: 'ImpostaClassificazione'; readonly cpv: readonly Cpv[] }
  | { readonly type: 'CollegaProcedura'; readonly idProcedura: string }
  /** `anac`: ANAC verifies it too (verifica-appalto, asynchronous, carried out by the process manager). */
  | { readonly type: 'VerificaAppalto'; readonly anac?: { readonly richiestaId: string } }
  /** ANAC's verdict on a verifica-appalto (esito AP_VERIF), or its refusal of the appalto. */
  | { readonly type: 'RegistraVerificaAnac'; readonly richiestaId: string; readonly esito: 'OK' | 'KO'; readonly errori: readonly ErroreAnac[] }
  | { readonly type: 'InviaAppalto'; readonly richiestaId: string }
  | { readonly type: 'RegistraAppaltoAnac'; readonly idAppaltoAnac: string }
  | { readonly type: 'RegistraConferma'; readonly idAppaltoAnac: string; readonly idAvviso?: string; readonly cig: readonly CigLotto[] }
  | { readonly type: 'RegistraRespinta'; readonly operazione: OperazioneAnac; readonly errori: readonly ErroreAnac[] }
  | { readonly type: 'RichiediPubblicazione'; readonly richiestaId: string }
  | { readonly type: 'RegistraAttesaPubblicazione'; readonly idAvviso: string }
  | { readonly type: 'RegistraPubblicazione'; readonly idAvviso: string }
  | { readonly type: 'RichiediModificaAvviso'; readonly richiestaId: string; readonly datiGara?: DatiGara }
  | { readonly type: 'RegistraModificaAvviso'; readonly idAvviso: string; readonly cig: readonly (CigLotto & { readonly sostituisce: string })[] }
  /** While a conferma is in flight this becomes a withdrawal (RitiroRichiesto) by `richiestoDa`. */
  | { readonly type: 'CancellaAppalto'; readonly motivo: string; readonly richiestaId: string; readonly richiestoDa: Persona }
  | { readonly type: 'RegistraCancellazione' }
  | { readonly type: 'RegistraEliminazioneAnac' }
  /** The process manager stopped a withdrawn conferma before it reached ANAC. */
  | { readonly type: 'RegistraRitiro' };

/** What deciding about an appalto needs from outside, besides time and ids. */
export interface AppaltoContext extends DecisionContext {
  /**
   * Directory lookup: is this person responsabile (role RESPONSABILE_EPROCUREMENT or RUP) in
   * this centro di costo? Manuale START Richiedi CIG: the RUP must be, in the requesting user's CdC.
   */
  readonly responsabileNelCdc: (codiceFiscale: string, codiceCdc: string) => boolean;
  /** The official CIG check (libs/anac): every code the domain accepts is validated. */
  readonly cigValido: (codice: string) => boolean;
  /**
   * ANAC's own validation rules of the scheda (DMN tables loaded at start from ANAC_REGOLE_DIR),
   * when the service has them: their problems join the hand-written ones, and `insieme` (the set's
   * commit or digest, and date) is recorded in AppaltoVerificato.
   */
  readonly regoleAnac?: RegoleAnacContesto;
}

export interface RegoleAnacContesto {
  readonly insieme: string;
  readonly problemi: (state: AppaltoEsistente) => readonly Problema[];
}
