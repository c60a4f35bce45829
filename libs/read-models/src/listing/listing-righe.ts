/**
 * Rows of the listing as the projection holds them in memory: column names as in SQL, values as
 * JSON gives them back (timestamps as ISO text, amounts as decimal text), so that a row read,
 * changed and written back is the same row whatever the batch it went through.
 */
export interface RigaAppalto {
  appalto_id: string;
  regime: string;
  scheda: string;
  tipologia_procedura: string;
  oggetto_procedura: string;
  sa_cf: string;
  sa_denominazione: string;
  cdc_codice: string;
  cdc_denominazione: string;
  ufficio: string;
  rup_cf: string;
  rup_nome: string;
  creato_da: string;
  id_appalto_anac: string | null;
  id_procedura: string | null;
  stato_appalto: string;
  stato_richiesta: string;
  /** As given (datiGara.importoComplessivo) or the sum of the lots (manuale START Richiedi CIG: importo complessivo di gara). */
  importo_complessivo: string | null;
  importo_dichiarato: string | null;
  data_creazione: string;
  data_invio_richiesta: string | null;
  data_ultima_modifica: string;
  data_ultima_trasmissione: string | null;
  data_conferma: string | null;
  data_pubblicazione: string | null;
  /** 'KO' while the last answer of ANAC was a refusal (until a conferma succeeds), as the request's detail shows it. */
  esito_anac: string | null;
  /** ANAC's codes and texts of that refusal. */
  errori_anac: string | null;
  /** A withdrawal is pending ("ritiro richiesto"), since then. */
  ritiro_richiesto_il: string | null;
}

export interface RigaLotto {
  appalto_id: string;
  lot_identifier: string;
  cig: string | null;
  modalita: string;
  regime: string;
  oggetto_procedura: string;
  oggetto_lotto: string;
  sa_cf: string;
  sa_denominazione: string;
  cdc_codice: string;
  cdc_denominazione: string;
  ufficio: string;
  id_appalto_anac: string | null;
  stato_appalto: string;
  stato_richiesta: string;
  stato_lotto: string;
  tipologia_procedura: string;
  importo_complessivo: string | null;
  valore: string;
  rup_cf: string;
  rup_nome: string;
  creato_da: string;
  data_creazione: string;
  data_invio_richiesta: string | null;
  data_ultima_modifica: string;
  data_ultima_trasmissione: string | null;
  cig_utilizzato: boolean;
  cig_disponibile: boolean;
  data_scadenza_cig: string | null;
  id_procedura: string | null;
  cig_utilizzato_in: string | null;
  data_conferma: string | null;
  esito_anac: string | null;
  errori_anac: string | null;
  ritiro_richiesto_il: string | null;
}

/** Columns the projection writes (generated ones, `oggetto_norm` and `rup_norm`, are the database's). */
export const COLONNE_APPALTO: readonly (keyof RigaAppalto)[] = [
  'appalto_id', 'regime', 'scheda', 'tipologia_procedura', 'oggetto_procedura', 'sa_cf', 'sa_denominazione', 'cdc_codice',
  'cdc_denominazione', 'ufficio', 'rup_cf', 'rup_nome', 'creato_da', 'id_appalto_anac', 'id_procedura', 'stato_appalto',
  'stato_richiesta', 'importo_complessivo', 'importo_dichiarato', 'data_creazione', 'data_invio_richiesta', 'data_ultima_modifica',
  'data_ultima_trasmissione', 'data_conferma', 'data_pubblicazione', 'esito_anac', 'errori_anac', 'ritiro_richiesto_il',
];

export const COLONNE_LOTTO: readonly (keyof RigaLotto)[] = [
  'appalto_id', 'lot_identifier', 'cig', 'modalita', 'regime', 'oggetto_procedura', 'oggetto_lotto', 'sa_cf', 'sa_denominazione',
  'cdc_codice', 'cdc_denominazione', 'ufficio', 'id_appalto_anac', 'stato_appalto', 'stato_richiesta', 'stato_lotto',
  'tipologia_procedura', 'importo_complessivo', 'valore', 'rup_cf', 'rup_nome', 'creato_da', 'data_creazione', 'data_invio_richiesta',
  'data_ultima_modifica', 'data_ultima_trasmissione', 'cig_utilizzato', 'cig_disponibile', 'data_scadenza_cig', 'id_procedura',
  'cig_utilizzato_in', 'data_conferma', 'esito_anac', 'errori_anac', 'ritiro_richiesto_il',
];

/** Request columns copied onto each of its lot rows (the listing is one row per lot, every filter on one table). */
export const COLONNE_COPIATE = [
  'regime', 'oggetto_procedura', 'sa_cf', 'sa_denominazione', 'cdc_codice', 'cdc_denominazione', 'ufficio', 'id_appalto_anac',
  'stato_appalto', 'stato_richiesta', 'tipologia_procedura', 'importo_complessivo', 'rup_cf', 'rup_nome', 'creato_da',
  'data_creazione', 'data_invio_richiesta', 'data_ultima_modifica', 'data_ultima_trasmissione', 'id_procedura', 'data_conferma',
  'esito_anac', 'errori_anac', 'ritiro_richiesto_il',
] as const satisfies readonly (keyof RigaAppalto & keyof RigaLotto)[];


/** Lot states shown by the listing (filter "stato del lotto"); the historic regimes' rows (listing-regimi.ts) add theirs. */
export const STATI_LOTTO = [
  'IN_BOZZA', 'CIG_RICHIESTO', 'CIG_ASSEGNATO', 'CANCELLATO',
  'CIG_PERFEZIONATO', 'ANNULLAMENTO_RICHIESTO', 'ANNULLATO', 'SCADUTO', 'COMUNICATO', 'NON_RENDICONTATO',
] as const;

export const chiaveLotto = (appaltoId: string, lotIdentifier: string): string => `${appaltoId}\u0000${lotIdentifier}`;

/** Integer cents of a decimal text amount ("1250.5", "1250.50"). */
export function centesimi(importo: string): bigint {
  const [interi, decimali = ''] = importo.split('.');
  const segno = interi.startsWith('-') ? -1n : 1n;
  return segno * (BigInt(interi.replace('-', '')) * 100n + BigInt(decimali.padEnd(2, '0').slice(0, 2)));
}

export function daCentesimi(cents: bigint): string {
  const negativo = cents < 0n;
  const assoluto = negativo ? -cents : cents;
  return `${negativo ? '-' : ''}${assoluto / 100n}.${String(assoluto % 100n).padStart(2, '0')}`;
}

/** The same amount always has the same text: two decimals. */
export const importoNormalizzato = (importo: string | null | undefined): string | null =>
  importo === null || importo === undefined ? null : daCentesimi(centesimi(importo));
