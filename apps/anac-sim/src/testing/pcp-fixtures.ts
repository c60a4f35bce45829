/**
 * Request bodies for crea-appalto, shaped as in ANAC's schede (ANAC's interface specification, `specifiche-servizi-appalto.yaml`),
 * for the simulator's tests and, later, the service's. Self-contained on purpose: only data.
 * The default SA and RUP are registered in the simulator's default RUP registry.
 */
export interface StazioneAppaltanteFixture {
  readonly codiceFiscale: string;
  readonly codiceAusa: string;
  readonly codiceCentroCosto: string;
}

export const SA_REGIONE_TOSCANA: StazioneAppaltanteFixture = {
  codiceFiscale: '01386030488',
  codiceAusa: '0000246180',
  codiceCentroCosto: 'A1B2C3D4-0001-4C00-8000-000000246180',
};

export const SA_COMUNE_DI_PISA: StazioneAppaltanteFixture = {
  codiceFiscale: '00341620508',
  codiceAusa: '0000155421',
  codiceCentroCosto: 'A1B2C3D4-0002-4C00-8000-000000155421',
};

/** RUPs of the simulator's default registry; `RUP_NON_REGISTRATO` is registered nowhere. */
export const RUP_TOSCANA = 'GVNMRC70A01D612Q';
export const RUP_TOSCANA_BIS = 'BNCFNC80A41D612P';
export const RUP_PISA = 'VRDLGU68M12G702Z';
export const RUP_NON_REGISTRATO = 'RSSNNA75C45D612J';

/** base64 of a minimal ESPD-Request XML document (SchedaP2_16Type requires `espd`). */
export const ESPD_MINIMO = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><QualificationApplicationRequest xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2"/>',
).toString('base64');

const tip = (idTipologica: string, codice: string) => ({ idTipologica, codice });

const stazione = (sa: StazioneAppaltanteFixture, extra: Record<string, unknown> = {}) => ({
  codiceFiscale: sa.codiceFiscale, codiceAusa: sa.codiceAusa, codiceCentroCosto: sa.codiceCentroCosto, saTitolare: true, ...extra,
});

export interface OpzioniAd5 {
  readonly codiceAppalto?: string;
  readonly importo?: number;
  readonly lotIdentifier?: string;
  readonly oggetto?: string;
  readonly sa?: StazioneAppaltanteFixture;
}

/** The scheda of a direct award below 5 000 € (AD5) with one aggiudicazione. */
export function schedaAd5(o: OpzioniAd5 = {}) {
  const oggetto = o.oggetto ?? 'Fornitura di materiale di cancelleria';
  return {
    codice: tip('codiceScheda', 'AD5'),
    versione: '1.0',
    body: {
      anacForm: {
        stazioniAppaltanti: [stazione(o.sa ?? SA_REGIONE_TOSCANA)],
        appalto: {
          codiceAppalto: o.codiceAppalto ?? 'CIGL-2025-000123',
          settore: tip('settore', '1'),
          datiBase: { oggetto },
        },
        aggiudicazioni: [
          {
            lotIdentifier: o.lotIdentifier ?? 'LOT-0001',
            partecipanti: [
              {
                idPartecipante: '3f1c2a8e-5b7d-4e1a-9c3b-2d4e6f8a0b1c',
                codiceFiscale: '01234567897',
                denominazione: 'Cartoleria Esempio S.r.l.',
                importo: o.importo ?? 1250,
              },
            ],
            codIstat: tip('codIstat', '001001001'),
            datiBase: { oggettoContratto: tip('oggettoContratto', 'supplies'), oggetto },
            datiBaseCPV: { tipoClassificazione: tip('tipoClassificazione', 'cpv'), cpvPrevalente: tip('CPV', '30192000') },
          },
        ],
      },
    },
  };
}

/** `CreaAppaltoRequest` for an AD5 direct award. */
export const richiestaCreaAd5 = (o: OpzioniAd5 = {}) => ({ scheda: schedaAd5(o) });

export interface OpzioniP2_16 {
  readonly codiceAppalto?: string;
  /** Default 3 lots of 60 000, 70 000, 50 000 € (ANAC's interface specification, `specifiche-servizi-appalto.yaml`); more lots get 10 000 € each. */
  readonly numeroLotti?: number;
  readonly importi?: readonly number[];
  /** Must be in the future for the conferma (REG105); default far ahead. */
  readonly scadenzaPresentazioneOfferte?: string;
  readonly sa?: StazioneAppaltanteFixture;
  /** Overrides merged into each lot (e.g. to drop datiBaseCPV). */
  readonly lotto?: (indice: number) => Record<string, unknown>;
}

const IMPORTI_PREDEFINITI = [60_000, 70_000, 50_000];
const OGGETTI = ['Pulizia sede municipale', 'Pulizia biblioteca civica', 'Pulizia scuole primarie'];

/** The scheda of an open procedure below the EU threshold, national publication (P2_16). */
export function schedaP2_16(o: OpzioniP2_16 = {}) {
  const numero = o.numeroLotti ?? o.importi?.length ?? 3;
  const importi = Array.from({ length: numero }, (_, i) => o.importi?.[i] ?? (numero <= 3 ? IMPORTI_PREDEFINITI[i] : 10_000));
  const codiceAppalto = o.codiceAppalto ?? 'CIGL-2025-000124';
  const sa = o.sa ?? SA_REGIONE_TOSCANA;
  const lotti = importi.map((importo, i) => ({
    lotIdentifier: `LOT-${String(i + 1).padStart(4, '0')}`,
    categorieMerceologiche: [tip('categorieMerceologiche', '999')],
    contrattiDisposizioniParticolari: tip('contrattiDisposizioniParticolari', '1'),
    codIstat: tip('codIstat', '001001001'),
    afferenteInvestimentiPNRR: false,
    finanziamenti: [{ tipoFinanziamento: tip('tipoFinanziamento', 'A'), importo }],
    prestazioniComprese: tip('prestazioniComprese', '1'),
    servizioPubblicoLocale: false,
    ripetizioniEConsegneComplementari: false,
    lavoroOAcquistoPrevistoInProgrammazione: false,
    ccnl: tip('ccnl', 'H01'),
    opzioniRinnovi: false,
    ipotesiCollegamento: { motivoCollegamento: tip('motivoCollegamento', '10') },
    categoria: tip('categoria', 'FS'),
    modalitaAcquisizione: tip('modalitaAcquisizione', '1'),
    quadroEconomicoStandard: { impServizi: importo, sommeADisposizione: 0 },
    datiBase: {
      oggettoContratto: tip('oggettoContratto', 'services'),
      oggetto: `Lotto ${i + 1} - ${OGGETTI[i] ?? 'Pulizia altre sedi'}`,
      importo,
    },
    datiBaseCPV: { tipoClassificazione: tip('tipoClassificazione', 'cpv'), cpvPrevalente: tip('CPV', '90910000') },
    datiBaseTerminiInvio: { scadenzaPresentazioneOfferte: o.scadenzaPresentazioneOfferte ?? '2036-12-15T12:00:00Z' },
    datiBaseDocumenti: { url: `https://appalti.example.it/gara/${codiceAppalto}` },
    ...(o.lotto?.(i) ?? {}),
  }));
  return {
    codice: tip('codiceScheda', 'P2_16'),
    versione: '1.0',
    body: {
      anacForm: {
        stazioniAppaltanti: [stazione(sa, { funzioniSvolte: [tip('funzioniSvolte', '3')] })],
        appalto: {
          codiceAppalto,
          categorieMerceologiche: [tip('categorieMerceologiche', '999')],
          motivoUrgenza: tip('motivoUrgenza', '7'),
          datiBase: { oggetto: `Servizi di pulizia sedi comunali - ${numero} lotti`, importo: importi.reduce((s, x) => s + x, 0) },
          datiBaseProcedura: { tipoProcedura: tip('tipoProcedura', 'open') },
        },
        lotti,
      },
      espd: ESPD_MINIMO,
    },
  };
}

/** `CreaAppaltoRequest` for an open procedure (P2_16), 3 lots by default. */
export const richiestaCreaP2_16 = (o: OpzioniP2_16 = {}) => ({ scheda: schedaP2_16(o) });
