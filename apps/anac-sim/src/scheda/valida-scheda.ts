import type { StazioneAppaltanteRegistrata } from '../identity/rup-registry.js';
import { errore, PcpError, type ErroreTipologica } from '../pcp/errori.js';
import { SCHEDE_SUPPORTATE, type SchedaSupportata } from './schede-supportate.js';

export interface LottoLetto {
  readonly lotIdentifier: string;
  readonly oggetto: string;
  readonly importo: number;
  readonly oggettoContratto?: string;
  /** The lot (or aggiudicazione) object as sent, for the rules checked at conferma. */
  readonly dati: Record<string, unknown>;
}

export interface SchedaLetta {
  readonly codice: string;
  readonly versione: string;
  readonly body: Record<string, unknown>;
  readonly supportata: SchedaSupportata;
  readonly appalto: Record<string, unknown>;
  readonly codiceAppalto: string;
  readonly oggetto: string;
  readonly importoAppalto?: number;
  readonly lotti: readonly LottoLetto[];
}

type Record_ = Record<string, unknown>;
export const record = (v: unknown): Record_ | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record_) : undefined;
export const testo = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const numero = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

// SchedaType and the scheda bodies are `additionalProperties: false` at ANAC.
const CAMPI_SCHEDA = new Set(['_idScheda', 'codice', 'versione', '_stato', '_dataCreazione', 'body']);
const CAMPI_BODY = new Set(['anacForm', 'eform', 'espd']);

/** eForm and ESPD travel as base64 of an XML document (EformType, EspdRequestType). */
function xmlBase64(v: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0) return false;
  return Buffer.from(v, 'base64').toString('utf8').trimStart().startsWith('<');
}

const sconosciuti = (o: Record_, ammessi: Set<string>) => Object.keys(o).filter((k) => !ammessi.has(k));

/**
 * The checks of crea-appalto / modifica-appalto / modifica-avviso on the scheda (ANAC's interface specification, `specifiche-servizi-appalto.yaml`): envelope and anacForm layout, the caller's SA among the stazioni appaltanti, codiceAppalto,
 * lots with unique identifiers, object and positive amount, AD amount windows. The content rules
 * ANAC evaluates only when validating (REG* of verifica/conferma) are in regole-conferma.ts.
 */
export function validaScheda(scheda: unknown, sa: StazioneAppaltanteRegistrata): SchedaLetta {
  const s = record(scheda);
  if (!s) throw PcpError.di('ERR4', 'scheda mancante o non è un oggetto JSON');
  const extra = sconosciuti(s, CAMPI_SCHEDA);
  if (extra.length) throw PcpError.di('ERR4', `campi non previsti nella scheda: ${extra.join(', ')}`);
  const tipologicaCodice = record(s.codice);
  const codice = testo(tipologicaCodice?.codice);
  if (!tipologicaCodice || !codice) throw PcpError.di('ERR30');
  if (tipologicaCodice.idTipologica !== 'codiceScheda') throw PcpError.di('ERR63', 'scheda.codice.idTipologica deve essere "codiceScheda"');
  const supportata = SCHEDE_SUPPORTATE[codice];
  if (!supportata) throw PcpError.di('ERR3', `scheda ${codice} non gestita (ammesse: ${Object.keys(SCHEDE_SUPPORTATE).join(', ')})`);
  const versione = testo(s.versione);
  if (!versione) throw PcpError.di('ERR31');
  const body = record(s.body);
  if (!body) throw PcpError.di('ERR36');
  const extraBody = sconosciuti(body, CAMPI_BODY);
  if (extraBody.length) throw PcpError.di('ERR4', `campi non previsti nel body della scheda: ${extraBody.join(', ')}`);
  const anacForm = record(body.anacForm);
  if (!anacForm) throw PcpError.di('ERR9');
  verificaAllegato(body.eform, supportata.eformObbligatorio, 'ERR8', 'ERR6');
  verificaAllegato(body.espd, supportata.espdObbligatorio, 'ERR10', 'ERR7');
  verificaStazioniAppaltanti(anacForm.stazioniAppaltanti, sa);

  const appalto = record(anacForm.appalto);
  if (!appalto) throw PcpError.di('ERR4', 'anacForm.appalto obbligatorio');
  const codiceAppalto = testo(appalto.codiceAppalto);
  if (!codiceAppalto) throw PcpError.di('ERR37');
  if (codiceAppalto.length < 8 || codiceAppalto.length > 64) throw PcpError.di('ERR4', 'codiceAppalto deve avere da 8 a 64 caratteri');

  const errori: ErroreTipologica[] = [];
  const datiBaseAppalto = record(appalto.datiBase);
  const oggetto = testo(datiBaseAppalto?.oggetto);
  if (!oggetto && (supportata.famiglia !== 'P1' || datiBaseAppalto)) errori.push(errore('ERR125'));
  const importoAppalto = numero(datiBaseAppalto?.importo);
  if (datiBaseAppalto?.importo !== undefined && !(importoAppalto! > 0)) errori.push(errore('REG98'));

  const lotti = supportata.famiglia === 'AD' ? leggiAggiudicazioni(anacForm, errori) : leggiLotti(anacForm, supportata, errori);
  const visti = new Set<string>();
  for (const l of lotti) {
    if (visti.has(l.lotIdentifier)) errori.push(errore('ERR14', `lotIdentifier ${l.lotIdentifier} duplicato`));
    visti.add(l.lotIdentifier);
  }
  verificaImportoTotale(supportata, lotti, codice, errori);
  if (errori.length) throw PcpError.molti(errori);
  return {
    codice, versione, body, supportata, appalto, codiceAppalto,
    oggetto: oggetto ?? lotti[0]?.oggetto ?? codiceAppalto,
    ...(importoAppalto === undefined ? {} : { importoAppalto }),
    lotti,
  };
}

function verificaAllegato(v: unknown, obbligatorio: boolean, mancante: 'ERR8' | 'ERR10', malformato: 'ERR6' | 'ERR7'): void {
  if (v === undefined || v === null || v === '') {
    if (obbligatorio) throw PcpError.di(mancante);
    return;
  }
  if (typeof v !== 'string' || !xmlBase64(v)) throw PcpError.di(malformato);
}

function verificaStazioniAppaltanti(v: unknown, sa: StazioneAppaltanteRegistrata): void {
  if (!Array.isArray(v) || v.length === 0) throw PcpError.di('ERR70');
  const stazioni = v.map(record);
  if (stazioni.some((x) => !testo(x?.codiceFiscale) || !testo(x?.codiceAusa) || typeof x?.saTitolare !== 'boolean' || !testo(x?.codiceCentroCosto))) {
    throw PcpError.di('ERR4', 'stazioniAppaltanti: codiceFiscale, codiceAusa, codiceCentroCosto e saTitolare sono obbligatori');
  }
  const codiciFiscali = stazioni.map((x) => x!.codiceFiscale as string);
  if (new Set(codiciFiscali).size !== codiciFiscali.length) throw PcpError.di('REG3');
  if (!codiciFiscali.includes(sa.codiceFiscale)) throw PcpError.di('ERR124', `la SA ${sa.codiceFiscale} del JWS non è tra le stazioni appaltanti`);
  if (!stazioni.some((x) => x!.codiceAusa === sa.codiceAusa)) throw PcpError.di('ERR86', `AUSA ${sa.codiceAusa} del JWS non è tra le stazioni appaltanti`);
}

function elenco(anacForm: Record_, chiave: 'lotti' | 'aggiudicazioni', vuoto: 'REG112' | 'REG128'): Record_[] {
  const v = anacForm[chiave];
  if (!Array.isArray(v) || v.length === 0) throw PcpError.di(vuoto, `anacForm.${chiave} vuoto`);
  return v.map((x, i) => {
    const lotto = record(x);
    if (!lotto || !testo(lotto.lotIdentifier)) throw PcpError.di('ERR4', `anacForm.${chiave}[${i}].lotIdentifier obbligatorio`);
    return lotto;
  });
}

function leggiAggiudicazioni(anacForm: Record_, errori: ErroreTipologica[]): LottoLetto[] {
  return elenco(anacForm, 'aggiudicazioni', 'REG112').map((a) => {
    const lotIdentifier = a.lotIdentifier as string;
    const datiBase = record(a.datiBase);
    const oggetto = testo(datiBase?.oggetto);
    if (!oggetto) errori.push(errore('ERR126_1', `aggiudicazione ${lotIdentifier}: oggetto mancante`));
    const partecipanti = Array.isArray(a.partecipanti) ? a.partecipanti.map(record) : [];
    if (partecipanti.length === 0) errori.push(errore('REG114', `aggiudicazione ${lotIdentifier}: nessun aggiudicatario`));
    if (partecipanti.length > 1) errori.push(errore('REG100', `aggiudicazione ${lotIdentifier}: ${partecipanti.length} partecipanti`));
    let importo = 0;
    for (const p of partecipanti) {
      const valore = numero(p?.importo);
      if (!(valore! > 0)) errori.push(errore('REG126', `aggiudicazione ${lotIdentifier}: importo dell'aggiudicatario non positivo o mancante`));
      else importo += valore!;
    }
    const oggettoContratto = testo(record(datiBase?.oggettoContratto)?.codice);
    return { lotIdentifier, oggetto: oggetto ?? '', importo, ...(oggettoContratto ? { oggettoContratto } : {}), dati: a };
  });
}

function leggiLotti(anacForm: Record_, supportata: SchedaSupportata, errori: ErroreTipologica[]): LottoLetto[] {
  return elenco(anacForm, 'lotti', 'REG128').map((l) => {
    const lotIdentifier = l.lotIdentifier as string;
    const datiBase = record(l.datiBase);
    const controlla = supportata.famiglia === 'P' || datiBase !== undefined;
    const oggetto = testo(datiBase?.oggetto);
    if (controlla && !oggetto) errori.push(errore('ERR126', `lotto ${lotIdentifier}: oggetto mancante`));
    const importo = numero(datiBase?.importo);
    if (controlla && !(importo! > 0)) errori.push(errore('REG99', `lotto ${lotIdentifier}: importo ${String(datiBase?.importo)}`));
    const oggettoContratto = testo(record(datiBase?.oggettoContratto)?.codice);
    return { lotIdentifier, oggetto: oggetto ?? '', importo: importo ?? 0, ...(oggettoContratto ? { oggettoContratto } : {}), dati: l };
  });
}

function verificaImportoTotale(supportata: SchedaSupportata, lotti: readonly LottoLetto[], codice: string, errori: ErroreTipologica[]): void {
  const finestra = supportata.importoTotale;
  if (!finestra) return;
  const totale = lotti.reduce((s, l) => s + l.importo, 0);
  if (finestra.sotto !== undefined && (totale <= 0 || totale >= finestra.sotto)) {
    errori.push(errore('ERR100', `${codice}: importo totale ${totale} fuori da 0 < importo < ${finestra.sotto}`));
  }
  if (finestra.minimo !== undefined && totale < finestra.minimo) errori.push(errore('REG104', `${codice}: importo totale ${totale}`));
}
