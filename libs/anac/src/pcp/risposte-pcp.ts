import type { CigLotto } from '#domain';
import type { AppaltoConsultato, AppaltoTrovato, EsitoOperazione, EsitoPcp, StatoPcp } from '../gateway/anac-gateway.js';
import { descriviErrori } from '../gateway/classificazione-errori.js';

/**
 * Readers of PCP success bodies (`modello-dati-npa.yaml` response types). They are lenient the
 * way real payloads require (`null` for absent values, unknown extra fields, `errori: null` on
 * success) and strict only about what the operation must return.
 */
export type Letto<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly motivo: string };

type Oggetto = Record<string, unknown>;
const oggetto = (v: unknown): Oggetto | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Oggetto) : undefined);
const testo = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** The `codice` of a tipologica `{ idTipologica, codice }`; tolerates a bare string. */
const codice = (v: unknown): string | undefined => testo(v) ?? testo(oggetto(v)?.codice);
const letto = <T>(value: T): Letto<T> => ({ ok: true, value });
const illeggibile = (motivo: string): Letto<never> => ({ ok: false, motivo });

/** Copies the optional string fields that are present. */
function facoltativi<K extends string>(o: Oggetto, chiavi: readonly K[]): Partial<Record<K, string>> {
  return Object.fromEntries(chiavi.flatMap((k) => (testo(o[k]) ? [[k, o[k] as string]] : []))) as Partial<Record<K, string>>;
}

export function leggiIdAppalto(json: unknown): Letto<{ idAppalto: string }> {
  const idAppalto = testo(oggetto(json)?.idAppalto);
  return idAppalto ? letto({ idAppalto }) : illeggibile('risposta di ANAC senza idAppalto');
}

const ESITI: readonly string[] = ['OK', 'KO', 'WT'];
const CAMPI_ESITO = ['idAppalto', 'idScheda', 'codiceScheda', 'idAvviso', 'idNuovoAvviso', 'idNuovaScheda', 'codiceNuovaScheda', 'idContratto', 'dataControllo'] as const;

/** `EsitoOperazioneListaResponse.listaEsiti`, codes unwrapped, errori described. */
export function leggiEsiti(json: unknown): Letto<EsitoOperazione[]> {
  const lista = oggetto(json)?.listaEsiti;
  if (!Array.isArray(lista)) return illeggibile('risposta di ANAC senza listaEsiti');
  const esiti: EsitoOperazione[] = [];
  for (const voce of lista) {
    const e = oggetto(voce);
    const esito = codice(e?.esito);
    const dettaglio = codice(e?.dettaglio);
    if (!e || !esito || !ESITI.includes(esito) || !dettaglio) return illeggibile('esito-operazione: voce senza esito OK/KO/WT o dettaglio');
    const errori = Array.isArray(e.errori)
      ? e.errori.flatMap((x) => {
          const o = oggetto(x);
          return o && testo(o.codice) ? [{ codice: o.codice as string, ...(testo(o.dettaglio) ? { dettaglio: o.dettaglio as string } : {}) }] : [];
        })
      : [];
    esiti.push({
      ...facoltativi(e, CAMPI_ESITO),
      tipoOperazione: codice(e.tipoOperazione) ?? '',
      esito: esito as EsitoPcp,
      dettaglio,
      errori: descriviErrori(errori),
    });
  }
  return letto(esiti);
}

/** `StatoResponse.esitoStato.stato.codice`. */
export function leggiStato(json: unknown): Letto<StatoPcp> {
  const stato = codice(oggetto(oggetto(json)?.esitoStato)?.stato);
  return stato ? letto(stato) : illeggibile('stato-appalto: risposta senza esitoStato.stato');
}

/** `ConsultaAppaltoResponse.appalto`: the scheda envelope with its output fields. */
export function leggiConsultazione(json: unknown): Letto<AppaltoConsultato> {
  const appalto = oggetto(oggetto(json)?.appalto);
  const idAppalto = testo(appalto?.idAppalto);
  if (!appalto || !idAppalto) return illeggibile('consulta-appalto: risposta senza appalto.idAppalto');
  const scheda = oggetto(appalto.scheda);
  const idScheda = testo(scheda?._idScheda);
  const codiceScheda = codice(scheda?.codice);
  const statoScheda = codice(scheda?._stato);
  return letto({
    idAppalto,
    ...(idScheda ? { idScheda } : {}),
    ...(codiceScheda ? { codiceScheda } : {}),
    ...(statoScheda ? { statoScheda } : {}),
    scheda: appalto.scheda,
  });
}

/** One page of a `PaginazioneType` response: `result` plus `totPages`. */
export interface Pagina<T> {
  readonly elementi: readonly T[];
  readonly totPages: number;
}

function leggiPagina<T>(json: unknown, voce: (o: Oggetto) => T | undefined, operazione: string): Letto<Pagina<T>> {
  const corpo = oggetto(json);
  if (!corpo || !Array.isArray(corpo.result)) return illeggibile(`${operazione}: risposta senza result`);
  const elementi: T[] = [];
  for (const x of corpo.result) {
    const o = oggetto(x);
    const v = o ? voce(o) : undefined;
    if (v === undefined) return illeggibile(`${operazione}: elemento di result non leggibile`);
    elementi.push(v);
  }
  const totPages = typeof corpo.totPages === 'number' && Number.isInteger(corpo.totPages) ? corpo.totPages : 1;
  return letto({ elementi, totPages });
}

/** `CigListaResponse`: `{ cig, lotIdentifier }` pairs. */
export function leggiPaginaCig(json: unknown): Letto<Pagina<CigLotto>> {
  return leggiPagina(json, (o) => (testo(o.cig) && testo(o.lotIdentifier) ? { cig: o.cig as string, lotIdentifier: o.lotIdentifier as string } : undefined), 'recupera-cig');
}

/** `AppaltoListaResponse`: `AppaltoType` with its lots. */
export function leggiPaginaAppalti(json: unknown): Letto<Pagina<AppaltoTrovato>> {
  return leggiPagina(
    json,
    (o) => {
      const idAppalto = testo(o.idAppalto);
      const codiceAppalto = testo(o.codiceAppalto);
      const stato = codice(o.stato);
      if (!idAppalto || !codiceAppalto || !stato) return undefined;
      const lotti = (Array.isArray(o.lotti) ? o.lotti : []).flatMap((x) => {
        const l = oggetto(x);
        const lotIdentifier = testo(l?.lotIdentifier);
        if (!l || !lotIdentifier) return [];
        const statoLotto = codice(l.stato);
        // importo is `format: decimal` as a string at ANAC; a number is accepted and rendered alike.
        const importo = typeof l.importo === 'number' ? l.importo.toFixed(2) : testo(l.importo);
        return [{ lotIdentifier, ...facoltativi(l, ['cig', 'oggetto'] as const), ...(importo ? { importo } : {}), ...(statoLotto ? { stato: statoLotto } : {}) }];
      });
      return { idAppalto, codiceAppalto, ...facoltativi(o, ['oggetto', 'dataCreazione'] as const), stato, lotti };
    },
    'ricerca-appalto',
  );
}
