import { inizioGiornoItaliano, scostamentoItaliaMinuti, type DatiImportati, type Importo } from '#domain';
import { validaCig } from '../cig/cig-code.js';
import { CsvNonValido, suggerimentoSeparatore } from './csv-parser.js';

/**
 * Columns of ANAC's open data dataset `cig` (https://dati.anticorruzione.it, "CIG" per year),
 * header names as published (lower and upper case both occur: matched case-insensitively).
 * `cig` is required; the others are read when present.
 */
export const COLONNE_CIG = [
  'cig', 'cig_accordo_quadro', 'numero_gara', 'oggetto_gara', 'importo_complessivo_gara', 'n_lotti_componenti', 'oggetto_lotto',
  'importo_lotto', 'oggetto_principale_contratto', 'stato', 'settore', 'luogo_istat', 'provincia', 'data_pubblicazione',
  'data_scadenza_offerta', 'cod_tipo_scelta_contraente', 'tipo_scelta_contraente', 'codice_ausa', 'cf_amministrazione_appaltante',
  'denominazione_amministrazione_appaltante', 'id_centro_costo', 'denominazione_centro_costo', 'cod_cpv', 'descrizione_cpv',
  'COD_MOTIVO_CANCELLAZIONE', 'DATA_CANCELLAZIONE', 'DATA_ULTIMO_PERFEZIONAMENTO', 'FLAG_URGENZA', 'IMPORTO_SICUREZZA', 'COD_ESITO', 'ESITO',
] as const;

export type RigaLetta =
  | { readonly ok: true; readonly cig: string; readonly dati: DatiImportati; readonly chiave: string }
  | { readonly ok: false; readonly cig?: string; readonly errori: readonly string[] };

/**
 * Positions of the known columns in a header row; throws when `cig` is missing, naming the
 * separator the header seems to use when it is not ANAC's `;`.
 */
export function indiceColonne(intestazione: readonly string[]): Map<string, number> {
  const indice = new Map<string, number>();
  intestazione.forEach((nome, i) => indice.set(nome.trim().toLowerCase(), i));
  if (!indice.has('cig')) {
    const suggerimento = intestazione.length === 1 ? suggerimentoSeparatore(intestazione[0]) : '';
    throw new CsvNonValido(1, `intestazione senza la colonna "cig"${suggerimento}: ${intestazione.slice(0, 8).join(';').slice(0, 200)}…`);
  }
  return indice;
}

/** NUL and the other control characters but tab and line breaks: no text of the dataset has them. */
const CONTROLLO = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const GIORNO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const GIORNO_IT = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const NUMERO = /^\d+(?:[.,]\d+)?$/;

// Dates repeat a lot in a year's dataset: their conversion is remembered (bounded).
const dateLette = new Map<string, string | null>();

/** A date of the dataset (Italian local time) as an ISO instant; undefined when empty, null when malformed. */
export function leggiData(testo: string): string | undefined | null {
  if (testo === '') return undefined;
  const nota = dateLette.get(testo);
  if (nota !== undefined) return nota;
  const letta = convertiData(testo);
  if (dateLette.size > 20_000) dateLette.clear();
  dateLette.set(testo, letta);
  return letta;
}

function convertiData(testo: string): string | null {
  const m = GIORNO.exec(testo);
  const it = m ? undefined : GIORNO_IT.exec(testo);
  const [a, me, g, h, mi, s] = m ? [m[1], m[2], m[3], m[4], m[5], m[6]] : it ? [it[3], it[2], it[1], it[4], it[5], it[6]] : [];
  if (a === undefined) return null;
  const giorno = `${a}-${me}-${g}`;
  const prova = new Date(`${giorno}T12:00:00Z`);
  if (Number.isNaN(prova.getTime()) || prova.toISOString().slice(0, 10) !== giorno) return null;
  const mezzanotte = inizioGiornoItaliano(giorno);
  if (h === undefined) return mezzanotte.toISOString();
  const locale = Date.UTC(Number(a), Number(me) - 1, Number(g), Number(h), Number(mi), Number(s ?? 0));
  return new Date(locale - scostamentoItaliaMinuti(new Date(locale - 60 * 60_000)) * 60_000).toISOString();
}

/** An amount of the dataset ("1234.5", "1234,50") as an Importo; null when malformed or negative. */
export function leggiImporto(testo: string): Importo | undefined | null {
  if (testo === '') return undefined;
  if (!NUMERO.test(testo)) return null;
  const cents = Math.round(Number(testo.replace(',', '.')) * 100);
  if (!Number.isSafeInteger(cents) || cents > 99_999_999_999_99) return null;
  const interi = Math.floor(cents / 100);
  const resto = cents % 100;
  return resto === 0 ? String(interi) : `${interi}.${String(resto).padStart(2, '0')}`;
}

/** Reads one record of the dataset: its values checked and normalised, or every problem it has. */
export function leggiRigaCig(campi: readonly string[], indice: ReadonlyMap<string, number>, origine: { file: string; riga: number }, ufficio: string): RigaLetta {
  const valore = (col: string) => {
    const i = indice.get(col.toLowerCase());
    return i === undefined ? '' : (campi[i] ?? '').trim();
  };
  const errori: string[] = [];
  if (campi.some((c) => CONTROLLO.test(c))) {
    const colonne = [...indice].filter(([, i]) => CONTROLLO.test(campi[i] ?? '')).map(([nome]) => nome);
    errori.push(`${colonne.length > 0 ? colonne.join(', ') : 'un campo'}: caratteri di controllo non ammessi (ad esempio NUL)`);
  }
  const esito = validaCig(valore('cig'));
  if (!esito.valido) errori.push(`cig "${valore('cig')}": ${esito.motivo}`);
  const testo = (col: string) => valore(col) || undefined;
  const data = (col: string) => {
    const v = leggiData(valore(col));
    if (v === null) errori.push(`${col} "${valore(col)}": data non valida (attese AAAA-MM-GG o GG/MM/AAAA)`);
    return v ?? undefined;
  };
  const importo = (col: string) => {
    const v = leggiImporto(valore(col));
    if (v === null) errori.push(`${col} "${valore(col)}": importo non valido`);
    return v ?? undefined;
  };
  const nLotti = valore('n_lotti_componenti');
  if (nLotti !== '' && !/^\d+$/.test(nLotti)) errori.push(`n_lotti_componenti "${nLotti}": numero intero atteso`);
  const accordo = valore('cig_accordo_quadro');
  if (accordo !== '' && !validaCig(accordo).valido) errori.push(`cig_accordo_quadro "${accordo}": CIG non valido`);
  const dati: DatiImportati = pulito({
    numeroGara: testo('numero_gara'), oggettoGara: testo('oggetto_gara'), importoComplessivoGara: importo('importo_complessivo_gara'),
    nLottiComponenti: nLotti === '' || !/^\d+$/.test(nLotti) ? undefined : Number(nLotti), oggettoLotto: testo('oggetto_lotto'), importoLotto: importo('importo_lotto'),
    oggettoPrincipaleContratto: testo('oggetto_principale_contratto'), stato: testo('stato'), settore: testo('settore'), luogoIstat: testo('luogo_istat'),
    provincia: testo('provincia'), dataPubblicazione: data('data_pubblicazione'), dataScadenzaOfferta: data('data_scadenza_offerta'),
    codTipoSceltaContraente: testo('cod_tipo_scelta_contraente'), tipoSceltaContraente: testo('tipo_scelta_contraente'), codiceAusa: testo('codice_ausa'),
    cfAmministrazioneAppaltante: testo('cf_amministrazione_appaltante'), denominazioneAmministrazioneAppaltante: testo('denominazione_amministrazione_appaltante'),
    idCentroCosto: testo('id_centro_costo'), denominazioneCentroCosto: testo('denominazione_centro_costo'), codCpv: testo('cod_cpv'), descrizioneCpv: testo('descrizione_cpv'),
    cigAccordoQuadro: accordo === '' ? undefined : validaCig(accordo).codice, codMotivoCancellazione: testo('COD_MOTIVO_CANCELLAZIONE'),
    dataCancellazione: data('DATA_CANCELLAZIONE'), dataUltimoPerfezionamento: data('DATA_ULTIMO_PERFEZIONAMENTO'), flagUrgenza: testo('FLAG_URGENZA'),
    importoSicurezza: importo('IMPORTO_SICUREZZA'), codEsito: testo('COD_ESITO'), esito: testo('ESITO'), ufficio, origine,
  });
  if (errori.length > 0) return { ok: false, ...(esito.codice ? { cig: esito.codice } : {}), errori };
  // Re-importing the same row gives the same ids: the key is the code and the row's content.
  return { ok: true, cig: esito.codice, dati, chiave: `${esito.codice}\u001f${campi.join('\u001f')}` };
}

function pulito<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
