import { PcpError } from '../pcp/errori.js';
import { tipologica } from '../pcp/tipologiche.js';
import type { AppaltoRecord, EsitoRecord, LottoRecord, SchedaRecord } from '../state/model.js';

/** Records as ANAC's response types (modello-dati-npa.yaml). Absent values are omitted, never null. */

export function vistaEsito(appalto: AppaltoRecord, e: EsitoRecord): Record<string, unknown> {
  const facoltativi = ['idScheda', 'codiceScheda', 'idAvviso', 'idNuovoAvviso', 'idNuovaScheda', 'codiceNuovaScheda'] as const;
  return {
    idAppalto: appalto.idAppalto,
    ...Object.fromEntries(facoltativi.filter((k) => e[k] !== undefined).map((k) => [k, e[k]])),
    esito: tipologica('esito', e.esito),
    tipoOperazione: tipologica('tipoOperazione', e.tipoOperazione),
    dettaglio: tipologica('esitoOperazione', e.dettaglio),
    dataControllo: e.dataControllo,
    ...(e.errori?.length ? { errori: e.errori } : {}),
  };
}

/** `SchedaComunicaAppaltoType` as stored, with its output fields (_idScheda, _stato, _dataCreazione). */
export const vistaScheda = (s: SchedaRecord): Record<string, unknown> => ({
  _idScheda: s.idScheda,
  codice: tipologica('codiceScheda', s.codice),
  versione: s.versione,
  _stato: tipologica('statoScheda', s.stato),
  _dataCreazione: s.dataCreazione,
  body: s.body,
});

/** `LottoType`: importo is a decimal string at ANAC (`format: decimal`), not a number. */
export const vistaLotto = (appalto: AppaltoRecord, l: LottoRecord): Record<string, unknown> => ({
  ...(l.cig ? { cig: l.cig } : {}),
  lotIdentifier: l.lotIdentifier,
  oggetto: l.oggetto,
  importo: l.importo.toFixed(2),
  stato: tipologica('statoLotto', appalto.stato),
  ...(l.oggettoContratto ? { oggettoContratto: tipologica('oggettoContratto', l.oggettoContratto) } : {}),
});

/** `AppaltoType` of ricerca-appalto. */
export const vistaAppalto = (appalto: AppaltoRecord, lotti: readonly LottoRecord[] = appalto.lotti): Record<string, unknown> => ({
  idAppalto: appalto.idAppalto,
  codiceAppalto: appalto.codiceAppalto,
  oggetto: appalto.oggetto,
  dataCreazione: appalto.dataCreazione,
  stato: tipologica('statoAppalto', appalto.stato),
  lotti: lotti.map((l) => vistaLotto(appalto, l)),
});

const PER_PAGINA_MASSIMO = 20;

function intero(v: unknown, nome: string, predefinito: number, minimo: number, massimo: number): number {
  if (v === undefined || v === '') return predefinito;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw PcpError.di('AUT11', `${nome}: ${String(v)}`);
  const n = Number(v);
  if (n < minimo || n > massimo) throw PcpError.di('AUT11', `${nome} deve essere compreso tra ${minimo} e ${massimo}`);
  return n;
}

/** `page` (min 1, default 1) and `perPage` (max 20, default 20) of PaginazioneType; beyond → AUT11. */
export function leggiPaginazione(query: Readonly<Record<string, unknown>>): { page: number; perPage: number } {
  return {
    page: intero(query.page, 'page', 1, 1, Number.MAX_SAFE_INTEGER),
    perPage: intero(query.perPage, 'perPage', PER_PAGINA_MASSIMO, 1, PER_PAGINA_MASSIMO),
  };
}

/** PaginazioneType fields are flattened next to `result` (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). */
export function pagina<T>(elementi: readonly T[], { page, perPage }: { page: number; perPage: number }) {
  return {
    totRows: elementi.length,
    totPages: Math.ceil(elementi.length / perPage),
    currentPage: page,
    elementPage: perPage,
    result: elementi.slice((page - 1) * perPage, page * perPage),
  };
}
