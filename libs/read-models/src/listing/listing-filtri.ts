import { validaCig } from '#anac';
import { confrontaImporto, confrontaTesto, LettoreParametri } from '../parametri.js';
import { STATI_LOTTO } from './listing-righe.js';

export const STATI_RICHIESTA = ['Bozza', 'Richiesta', 'Perfezionata', 'Annullata', 'Scaduta'] as const;
export const MODALITA = ['CIG', 'SMARTCIG'] as const;
/** What the "esito ANAC" filter accepts: the requests ANAC refused. */
export const ESITI_ANAC = ['KO'] as const;

/** Sortable columns: every date and amount of the listing. */
export const ORDINAMENTI = ['dataCreazione', 'dataInvioRichiesta', 'dataUltimaModifica', 'dataUltimaTrasmissione', 'dataScadenzaCig', 'valore', 'importoComplessivo'] as const;
export type CampoOrdinamento = (typeof ORDINAMENTI)[number];

/**
 * PARAMETRI DI RICERCA of manuale START Richiedi CIG §2.3, with the labels the page shows in "criteri di ricerca
 * selezionati". `stato` is the earlier name of `statoRichiesta`, still accepted.
 */
export const ETICHETTE: Readonly<Record<string, string>> = {
  codice: 'Codice',
  oggetto: 'Oggetto Procedura',
  numeroGara: 'N° Gara ANAC',
  cig: 'CIG / SMART CIG',
  cigUtilizzato: 'CIG / SMARTCIG Utilizzato',
  statoRichiesta: 'Stato della Richiesta',
  stato: 'Stato della Richiesta',
  statoLotto: 'Stato del Lotto',
  rup: 'RUP',
  modalita: 'Modalità',
  dataInvioDa: 'Data invio richiesta da',
  dataInvioA: 'Data invio richiesta a',
  scadenzaDa: 'Data scadenza CIG da',
  scadenzaA: 'Data scadenza CIG a',
  valoreDa: 'Valore del CIG da',
  valoreA: 'Valore del CIG a',
  esitoAnac: 'Esito ANAC',
};

export interface FiltriListing {
  readonly codice?: string;
  readonly oggetto?: string;
  readonly numeroGara?: string;
  readonly cig?: string;
  readonly cigUtilizzato?: boolean;
  readonly statoRichiesta?: readonly string[];
  readonly statoLotto?: readonly string[];
  /** A codice fiscale (exact) or part of the RUP's name (contains). */
  readonly rup?: string;
  readonly modalita?: string;
  readonly dataInvioDa?: string;
  readonly dataInvioA?: string;
  readonly scadenzaDa?: string;
  readonly scadenzaA?: string;
  readonly valoreDa?: string;
  readonly valoreA?: string;
  /** `KO`: requests ANAC refused, until a conferma succeeds. */
  readonly esitoAnac?: string;
}

export interface Ordinamento {
  readonly campo: CampoOrdinamento;
  readonly verso: 'asc' | 'desc';
}

export interface CriterioSelezionato {
  readonly parametro: string;
  readonly etichetta: string;
  readonly valore: string;
}

export interface RichiestaListing {
  readonly filtri: FiltriListing;
  readonly ordinamento: Ordinamento;
  readonly limite: number;
  readonly cursore?: string;
  readonly criteri: readonly CriterioSelezionato[];
}

export interface OpzioniFiltri {
  /** Paged listing (limite, cursore) or CSV export (every row). */
  readonly pagine: boolean;
  readonly limiteMax: number;
  readonly limitePredefinito?: number;
}

const PAGINAZIONE = ['ordina', 'verso', 'limite', 'cursore', 'attendi'];

/** Validates the query of `GET /cig` or `GET /cig/export.csv`; throws ParametroNonValido (400) naming each wrong parameter. */
export function leggiFiltriListing(query: Readonly<Record<string, unknown>>, opzioni: OpzioniFiltri): RichiestaListing {
  const noti = [...Object.keys(ETICHETTE), ...PAGINAZIONE.filter((p) => opzioni.pagine || p === 'ordina' || p === 'verso' || p === 'attendi')];
  const p = new LettoreParametri(query, noti);
  if (p.dati().has('stato') && p.dati().has('statoRichiesta')) p.errore('stato', 'indicare statoRichiesta oppure stato (suo vecchio nome), non entrambi', 'PARAMETRO_RIPETUTO');
  const filtri: FiltriListing = {
    codice: p.uuid('codice'),
    oggetto: p.testo('oggetto'),
    numeroGara: p.testo('numeroGara'),
    cig: cig(p),
    cigUtilizzato: p.siNo('cigUtilizzato'),
    statoRichiesta: p.elenco('statoRichiesta', STATI_RICHIESTA) ?? p.elenco('stato', STATI_RICHIESTA),
    statoLotto: p.elenco('statoLotto', STATI_LOTTO),
    rup: p.testo('rup', 2),
    modalita: p.scelta('modalita', MODALITA),
    dataInvioDa: p.giorno('dataInvioDa'),
    dataInvioA: p.giorno('dataInvioA'),
    scadenzaDa: p.giorno('scadenzaDa'),
    scadenzaA: p.giorno('scadenzaA'),
    valoreDa: p.importo('valoreDa'),
    valoreA: p.importo('valoreA'),
    esitoAnac: p.scelta('esitoAnac', ESITI_ANAC),
  };
  p.intervallo('dataInvioDa', 'dataInvioA', confrontaTesto, filtri.dataInvioDa, filtri.dataInvioA);
  p.intervallo('scadenzaDa', 'scadenzaA', confrontaTesto, filtri.scadenzaDa, filtri.scadenzaA);
  p.intervallo('valoreDa', 'valoreA', confrontaImporto, filtri.valoreDa, filtri.valoreA);
  // Filtering a date range without choosing a sort: newest first by that date (the range's own index serves both).
  const campo = p.scelta('ordina', ORDINAMENTI) ?? ordinamentoPredefinito(filtri);
  const verso = p.scelta('verso', ['asc', 'desc'] as const) ?? 'desc';
  const limite = opzioni.pagine ? (p.intero('limite', 1, opzioni.limiteMax) ?? opzioni.limitePredefinito ?? 20) : Number.MAX_SAFE_INTEGER;
  const cursore = opzioni.pagine ? p.dati().get('cursore') : undefined;
  p.verifica();
  const criteri = [...p.dati()].filter(([k]) => k in ETICHETTE).map(([parametro, valore]) => ({ parametro, etichetta: ETICHETTE[parametro], valore }));
  return { filtri: senzaVuoti(filtri), ordinamento: { campo, verso }, limite, cursore, criteri };
}

function ordinamentoPredefinito(f: FiltriListing): CampoOrdinamento {
  if (f.dataInvioDa || f.dataInvioA) return 'dataInvioRichiesta';
  if (f.scadenzaDa || f.scadenzaA) return 'dataScadenzaCig';
  return 'dataCreazione';
}

function cig(p: LettoreParametri): string | undefined {
  const v = p.testo('cig');
  if (v === undefined) return undefined;
  const esito = validaCig(v);
  return esito.valido ? esito.codice : p.errore('cig', `codice CIG non valido: ${esito.motivo}`, 'CIG_NON_VALIDO');
}

function senzaVuoti<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
