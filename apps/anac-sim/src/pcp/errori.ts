/**
 * The ANAC error codes the simulator answers with, and their Italian descriptions.
 *
 * Source: ANAC code list `errori.json` (anticorruzione/npa, docs/modello-dati/tipologiche),
 * 423 codes; only the few dozen the simulator uses are listed here, with ANAC's wording.
 * ANAC sends only `{ idTipologica: 'errori', codice, dettaglio? }`; clients look the text up.
 */
export const ERRORI = {
  ERR1: 'utente non autorizzato alla chiamata del servizio',
  ERR2: "scheda non ammessa in questa fase dell'appalto",
  ERR3: 'codice scheda errato',
  ERR4: 'errore nella conversione della scheda secondo il json schema definito',
  ERR6: 'eForm non è in un formato xml base64 valido',
  ERR7: 'ESPD non è in un formato xml base64 valido',
  ERR8: 'eForm obbligatorio',
  ERR9: 'anacForm obbligatorio',
  ERR10: 'ESPD obbligatorio',
  ERR14: "lotIdentifier duplicato nell'elenco dei lotti",
  ERR16: "operazione non consentita per lo stato dell'appalto",
  ERR17: 'operazione non consentita: è in corso una richiesta di verifica appalto',
  ERR18: 'operazione non consentita: è in corso una richiesta di conferma appalto',
  ERR19: 'idAppalto non trovato',
  ERR21: 'idPianificazione non trovato',
  ERR22: 'idAvviso non trovato',
  ERR26: 'idAppalto obbligatorio',
  ERR28: 'idAvviso obbligatorio',
  ERR30: 'codice scheda obbligatorio',
  ERR31: 'versione scheda obbligatorio',
  ERR34: 'verificare i criteri di ricerca',
  ERR36: 'il body della scheda non è valorizzato',
  ERR37: 'codiceAppalto obbligatorio',
  ERR38: 'codiceAppalto già presente',
  ERR39: 'idContratto non trovato',
  ERR44: "chiamata al servizio non ammessa: è in corso una richiesta di pubblicazione per l'avviso",
  ERR46: "errore durante la validazione dell'eForm",
  ERR49: 'mancata coerenza tra idAppalto e idAvviso',
  ERR50: "operazione non consentita per lo stato dell'avviso",
  ERR63: 'tipologica non valida',
  ERR64: 'errore TED',
  ERR70: 'la lista delle stazioni appaltanti nella scheda è vuota',
  ERR73: "operazione non consentita: il codiceAppalto indicato nella scheda non coincide con quello inviato in precedenza",
  ERR86: 'codiceAusa non presente nella lista delle stazioni appaltanti della scheda di indizione',
  ERR92: 'criteri di ricerca non ammessi: popolare in modo alternativo idAppalto e idPianificazione',
  ERR100: "Importo totale non consentito per l'Affidamento diretto < 5k €. Articolo 49 c. 6 e 50 decreto legislativo 36/2023.",
  ERR124: 'codiceFiscaleSA non presente nella lista delle stazioni appaltanti della scheda di indizione',
  ERR125: "L'oggetto indicato in appalto.datiBase.oggetto deve essere valorizzato. In presenza di eForm verificare l'oggetto inserito nel campo Description (BT-24).",
  ERR126: "L'oggetto indicato in lotti.datiBase.oggetto deve essere valorizzato. In presenza di eForm verificare l'oggetto inserito nel campo Description (BT-24).",
  ERR126_1: "L'oggetto indicato in aggiudicazioni.datiBase.oggetto deve essere valorizzato. In presenza di eForm verificare l'oggetto inserito nel campo Description (BT-24).",
  ERR9999: 'errore generico',
  REG3: 'I codici fiscali indicati nella lista delle stazioni appaltanti devono essere diversi',
  REG95: 'Per il tipo di procedura aperta o altra procedura a fase unica il campo scadenzaPresentazioneOfferte è obbligatorio. In presenza di eForm verificare il campo EndDate (BT-131).',
  REG98: "L'importo indicato nell'oggetto appalto.datiBase.importo deve essere > 0. In presenza di eForm verificare l'importo inserito nel campo EstimatedOverallContractAmount (BT-27).",
  REG99: "L'importo indicato nell'oggetto lotti.datiBase.importo deve essere > 0. In presenza di eForm verificare l'importo inserito nel campo EstimatedOverallContractAmount (BT-27).",
  REG100: 'Negli affidamenti diretti è consentito inserire un solo idPartecipante, se non è un accordo quadro.',
  REG104: "L'importo totale dei lotti non può essere inferiore ai 5K",
  REG105: 'La data inserita nel campo datiBaseTerminiInvio.scadenzaPresentazioneOfferte non può essere antecedente o uguale ad oggi. In presenza di eForm verificare il campo EndDate (BT-131).',
  REG110: "La somma degli importi indicati nei lotti deve essere compresa tra l'80% e il 100% dell'importo indicato nell'appalto. In presenza di eForm verificare gli importi inseriti nei campi EstimatedOverallContractAmount (BT-27).",
  REG112: 'Inserire almeno un elemento nella lista delle aggiudicazioni.',
  REG114: "Indicare l'aggiudicatario.",
  REG116: 'Indicare una sola cpv di tipo prevalente.',
  REG124: 'Indicare almeno uno tra codice istat e codice nuts.',
  REG125: 'Indicare solo uno tra codice istat e codice nuts.',
  REG126: "L'importo indicato deve essere maggiore di zero.",
  REG128: 'Inserire almeno un elemento nella lista.',
  AUT02: "appalto non trovato per l'id passato in input",
  AUT03: 'lotto non trovato per il cig passato in input',
  AUT04: 'popolare alternativamente un parametro tra idAppalto e CIG',
  AUT05: 'uuid in input non formattato correttamente',
  AUT08: 'date in input non coerenti',
  AUT09: 'data in input non formattata correttamente',
  AUT11: 'Filtro non formattato correttamente',
  SEC03: 'Errore conversione Json',
  SEC05: 'Utente non autorizzato',
  SEC09: "Ruolo insufficiente per l'operazione",
  SEC14: 'Token non valido',
} as const;

export type CodiceErrore = keyof typeof ERRORI;

/** One entry of `errori[]`, as ANAC sends it (`TipologicaSchemaErroriType`). */
export interface ErroreTipologica {
  readonly idTipologica: 'errori';
  readonly codice: string;
  readonly dettaglio?: string;
}

export const erroreTipologica = (codice: string, dettaglio?: string): ErroreTipologica =>
  dettaglio === undefined ? { idTipologica: 'errori', codice } : { idTipologica: 'errori', codice, dettaglio };

// The spec does not map codes to HTTP statuses (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). Evidence: ERR38 comes back as 400.
// Not-found codes answer 404, identity 401/403, everything else 400; ERR9999 is the 500.
const NON_TROVATO = new Set<string>(['ERR19', 'ERR21', 'ERR22', 'ERR23', 'ERR39', 'AUT02', 'AUT03']);
const NON_AUTORIZZATO = new Set<string>(['SEC05', 'SEC09', 'ERR1']);

export function statusPerCodice(codice: string): number {
  if (codice === 'SEC14') return 401;
  if (NON_AUTORIZZATO.has(codice)) return 403;
  if (NON_TROVATO.has(codice)) return 404;
  if (codice === 'ERR9999') return 500;
  return 400;
}

/** A refused call: becomes an `ErrorResponse` (application/problem+json). */
export class PcpError extends Error {
  constructor(
    readonly status: number,
    readonly errori: readonly ErroreTipologica[],
  ) {
    super(errori.map((e) => e.codice).join(', '));
    this.name = 'PcpError';
  }

  /** `dettaglio` defaults to ANAC's own description, so that a reader of a log needs no lookup. */
  static di(codice: CodiceErrore, dettaglio?: string): PcpError {
    return new PcpError(statusPerCodice(codice), [erroreTipologica(codice, dettaglio ?? ERRORI[codice])]);
  }

  static molti(errori: readonly ErroreTipologica[]): PcpError {
    return new PcpError(statusPerCodice(errori[0]?.codice ?? 'ERR9999'), errori);
  }
}

/** An error entry with ANAC's description as dettaglio, unless a more specific one is given. */
export const errore = (codice: CodiceErrore, dettaglio?: string): ErroreTipologica =>
  erroreTipologica(codice, dettaglio ?? ERRORI[codice]);
