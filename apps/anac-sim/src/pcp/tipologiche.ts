/**
 * Code lists (tipologiche) used by the simulator. Source: ANAC `statoAppalto.json`,
 * `statoLotto.json`, `statoAvviso.json`, `statoScheda.json`, `esito.json`,
 * `esitoOperazione.json`, `tipoOperazione.json`, `tipoRicercaOperazione.json`.
 * In payloads every coded value is the wrapper `{ idTipologica, codice }`.
 */
export interface Tipologica {
  readonly idTipologica: string;
  readonly codice: string;
}

export const tipologica = (idTipologica: string, codice: string): Tipologica => ({ idTipologica, codice });

export const STATI_APPALTO = ['IN_LAV', 'CONF', 'CANC', 'IN_ATT_PUBB', 'IN_STOP_PUBB', 'PUBB'] as const;
export type StatoAppalto = (typeof STATI_APPALTO)[number];

/** Lot states mirror the appalto's up to publication (ANAC's interface specification, `specifiche-servizi-appalto.yaml`); a replaced CIG is `CANC`. */
export type StatoLotto = StatoAppalto;

export type StatoAvviso = 'CREATO' | 'CANC' | 'IN_ATT_PUBB' | 'NON_PUBB' | 'STOP_PUBB' | 'PUBB' | 'MOD' | 'RETT';
export type StatoScheda = 'IN_LAV' | 'CONF' | 'CANC' | 'MOD' | 'RETT' | 'ANN';
export type Esito = 'OK' | 'KO' | 'WT';
export const ESITI: readonly Esito[] = ['OK', 'KO', 'WT'];

/** The full `tipoOperazione.json` list: esito-operazione accepts any of them as a filter. */
export const TIPI_OPERAZIONE = [
  'AP_CREA', 'AP_MOD', 'AP_CANC', 'AP_VERIF', 'AP_CONF',
  'SC_CREA', 'SC_MOD', 'SC_CANC', 'SC_VERIF', 'SC_CONF',
  'PI_CREA', 'PI_MOD', 'PI_CANC', 'PI_VERIF', 'PI_CONF',
  'AV_PUBB', 'AV_PUBB_EU', 'AV_PUBB_IT', 'AV_MOD', 'AV_RETT', 'AV_RETT_EU', 'AV_RETT_IT', 'AV_SOSP',
  'SC_ROLLBACK', 'AV_OSCURAMENTO', 'AV_MODIFICA', 'AV_DEOSCURAMENTO_AUTOMATICO', 'AV_DEOSCURAMENTO_MANUALE',
] as const;
export type TipoOperazione = (typeof TIPI_OPERAZIONE)[number];

/** Operations the simulator runs asynchronously (ack first, outcome later via esito-operazione). */
export const TIPI_OPERAZIONE_ASINCRONA = ['AP_VERIF', 'AP_CONF', 'AV_PUBB', 'AV_MOD'] as const;
export type TipoOperazioneAsincrona = (typeof TIPI_OPERAZIONE_ASINCRONA)[number];

export const TIPI_RICERCA = ['ULTIMO_ESITO', 'TUTTI_ESITI'] as const;
export type TipoRicerca = (typeof TIPI_RICERCA)[number];

/**
 * `dettaglio` (esitoOperazione.json) for each operation and outcome. The pairing is by naming
 * convention only (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). modifica-avviso has no failure code at ANAC.
 */
export const DETTAGLI: Readonly<Record<TipoOperazioneAsincrona | 'AP_CREA' | 'AP_MOD' | 'AP_CANC', Readonly<Record<Esito, string>>>> = {
  AP_CREA: { WT: 'AP_CRE', OK: 'AP_CRE', KO: 'AP_N_CRE' },
  AP_MOD: { WT: 'AP_MOD', OK: 'AP_MOD', KO: 'AP_N_MOD' },
  AP_CANC: { WT: 'AP_CANC', OK: 'AP_CANC', KO: 'AP_N_CANC' },
  AP_VERIF: { WT: 'AP_IN_VERIF', OK: 'AP_VERIF', KO: 'AP_N_VERIF' },
  AP_CONF: { WT: 'AP_IN_CONF', OK: 'AP_CONF', KO: 'AP_N_CONF' },
  AV_PUBB: { WT: 'AV_RICHIESTA_PUBB_IN_CORSO', OK: 'AV_PUBB', KO: 'AV_N_PUBB' },
  AV_MOD: { WT: 'AV_RICHIESTA_MOD_IN_CORSO', OK: 'AV_MOD', KO: 'AV_MOD' },
};

export const isTipoOperazione = (v: string): v is TipoOperazione => (TIPI_OPERAZIONE as readonly string[]).includes(v);
export const isTipoOperazioneAsincrona = (v: string): v is TipoOperazioneAsincrona =>
  (TIPI_OPERAZIONE_ASINCRONA as readonly string[]).includes(v);
