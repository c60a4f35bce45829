/**
 * The console's calls to the service (same origin, bearer token of the saved session): JSON calls go
 * through the generated client of libs/client, so paths, methods, parameters and bodies are checked
 * against the OpenAPI contract; downloads (CSV, PDF, JSONL, PEM) stay on fetch.
 */
import { creaClient, type ClientCigLedger, type components, type paths } from '../../../../libs/client/src/index.js';

/** Who is signed in, as the console keeps it in its session (from the sign-in answer or the token's claims). */
export interface Utente {
  readonly userId: string;
  readonly nome: string;
  readonly ruoli: readonly string[];
  readonly ufficio: string;
}

export interface Sessione {
  readonly token: string;
  /** 'oidc' when the token comes from the identity provider (renewed silently, Esci signs out there too). */
  readonly origine?: 'oidc' | 'sviluppo';
  readonly utente: Utente;
}

type Schemi = components['schemas'];
/** The JSON body of a 200 answer of an operation of the contract. */
type Risposta<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

/** A row of GET /cig. */
export type RigaListing = Schemi['RigaListingDto'];
/** GET /cig: a page of rows, its criteria, order and total. */
export type PaginaListing = Schemi['PaginaCigDto'];

export type ProblemaVerifica = Schemi['ProblemaCampo'];
/** POST /appalti/{id}/verifica. */
export type EsitoVerifica = Risposta<'/appalti/{id}/verifica', 'post'>;

/** An event of GET /cig/{cig}/storia. */
export type EventoStoria = Schemi['EventoStoriaDto'];
/** A live CIG event of the caller's office (GET /eventi, `event: cig`): the `data:` of each message. */
export type EventoCig = Schemi['EventoCigDto'];
/** GET /cig/{cig}/storia. */
export type StoriaCig = Schemi['StoriaCigDto'];

/** GET /audit/verifica and /audit/verifica/{id}: 200 with the outcome of the verification, 202 with its progress. */
export type EsitoRegistro = Schemi['EsitoVerificaAuditDto'];
export type VerificaInCorso = Schemi['VerificaInCorsoDto'];
export type RispostaVerifica = { readonly status: 200; readonly dati: EsitoRegistro } | { readonly status: 202; readonly dati: VerificaInCorso };

export type VerificaRegistrata = Schemi['VerificaRegistrata'];
/** GET /audit/stato. */
export type StatoRegistro = Schemi['StatoAudit'];

/** A CIG of a carnet. */
export type CodiceCarnet = Schemi['CodiceCarnetDto'];
/** GET /carnet/{numero}. */
export type Carnet = Schemi['CarnetDto'];

/** A cost centre and a RUP of GET /anagrafica/…. */
export type CentroDiCosto = Schemi['CentroDiCostoDto'];
export type Rup = Schemi['RupDto'];

export interface Problema {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
  readonly errors?: ReadonlyArray<{ readonly sezione?: string; readonly campo?: string; readonly messaggio?: string; readonly codice?: string }>;
}

export class ErroreApi extends Error {
  constructor(readonly problema: Problema) {
    super(problema.detail ?? problema.title ?? `Errore ${problema.status}`);
  }
}

const CHIAVE = 'cig-ledger.sessione';

export function sessioneSalvata(): Sessione | null {
  const s = sessionStorage.getItem(CHIAVE);
  return s ? (JSON.parse(s) as Sessione) : null;
}

export function salvaSessione(s: Sessione | null): void {
  if (s) sessionStorage.setItem(CHIAVE, JSON.stringify(s));
  else {
    sessionStorage.removeItem(CHIAVE);
    // Also what oidc-client-ts kept of the provider's sign-in (its keys start with "oidc.").
    for (const k of Object.keys(sessionStorage)) if (k.startsWith('oidc.')) sessionStorage.removeItem(k);
  }
}

/** The claims of a JWT, read (not verified: the service verifies) to show who is signed in and what they may pick. */
export function claimsDelToken(jwt: string): Record<string, unknown> {
  const parte = jwt.split('.')[1];
  if (!parte) throw new Error("Il fornitore di identità non ha rilasciato un token d'accesso JWT");
  const b64 = parte.replace(/-/g, '+').replace(/_/g, '/');
  const testo = new TextDecoder().decode(Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (ch) => ch.charCodeAt(0)));
  return JSON.parse(testo) as Record<string, unknown>;
}

/** The client of the contract: same origin, the bearer token of the session saved when each request leaves. */
const client: ClientCigLedger = creaClient({
  baseUrl: '',
  headers: { accept: 'application/json' },
  // Looked up at each call, so a fetch replaced after load (tests, extensions) is the one used.
  fetch: (richiesta) => globalThis.fetch(richiesta),
});
client.use({
  onRequest({ request }) {
    const s = sessioneSalvata();
    if (s) request.headers.set('authorization', `Bearer ${s.token}`);
    return request;
  },
});

/** What a call of the generated client resolves to: the body of a 2xx answer, or the problem+json one. */
interface Esito<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

const erroreDa = (status: number, corpo: unknown) => new ErroreApi({ status, ...(corpo && typeof corpo === 'object' ? corpo : {}) });

/** The JSON body of a successful answer; a 4xx/5xx becomes an ErroreApi with the problem+json and its status. */
async function dati<T>(chiamata: Promise<Esito<T>>): Promise<T> {
  const { data, error, response } = await chiamata;
  if (!response.ok) throw erroreDa(response.status, error);
  return data as T;
}

/** The audit verification: 202 while it runs (its progress), 200 with its outcome; the status tells which body it is. */
async function verificaDa(chiamata: Promise<Esito<EsitoRegistro | VerificaInCorso>>): Promise<RispostaVerifica> {
  const { data, error, response } = await chiamata;
  if (!response.ok) throw erroreDa(response.status, error);
  return response.status === 202 ? { status: 202, dati: data as VerificaInCorso } : { status: 200, dati: data as EsitoRegistro };
}

/** Without the empty filters of a form (the service reads `?oggetto=` as a filter). */
function senzaVuoti<Q extends object>(q: Q): Q {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as Q;
}

async function scarica(path: string, nomeFile: string): Promise<void> {
  const s = sessioneSalvata();
  const r = await fetch(path, { headers: s ? { authorization: `Bearer ${s.token}` } : {} });
  if (!r.ok) throw new ErroreApi({ status: r.status, detail: `Scaricamento non riuscito (${r.status})` });
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = nomeFile;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The address of a download: a path of the contract with its parameters filled in, and the query. */
function indirizzo<P extends keyof paths>(percorso: P, parametri: Record<string, string> = {}, query: Record<string, string | undefined> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) p.set(k, v);
  const q = p.toString();
  return percorso.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(parametri[k] ?? '')) + (q ? `?${q}` : '');
}

/** Bodies of the contract the pages build. */
export type DatiGara = Schemi['DatiGaraDto'];
export type Lotto = Schemi['LottoDto'];
export type ModificaAppalto = Schemi['ModificaAppaltoDto'];
export type RichiestaSmartCig = Schemi['RichiediSmartCigDto'];
export type DatiSmartCig = Schemi['DatiSmartCigDto'];

/** The filters of GET /cig, as the contract has them. */
export type FiltriListing = NonNullable<paths['/cig']['get']['parameters']['query']>;

/** GET /accesso/configurazione. */
export type ConfigurazioneAccesso = Risposta<'/accesso/configurazione', 'get'>;

export const api = {
  configurazioneAccesso: () => dati(client.GET('/accesso/configurazione')),
  utentiSviluppo: () => dati(client.GET('/accesso/sviluppo/utenti')),
  accediSviluppo: (userId: string) => dati(client.POST('/accesso/sviluppo', { body: { userId } })),
  listing: (filtri: FiltriListing) => dati(client.GET('/cig', { params: { query: senzaVuoti(filtri) } })),
  esportaCsv: (filtri: Record<string, string | undefined>) => scarica(indirizzo('/cig/export.csv', {}, filtri), 'cig.csv'),
  appalto: (id: string) => dati(client.GET('/appalti/{id}', { params: { path: { id } } })),
  trasmissioni: (id: string) => dati(client.GET('/appalti/{id}/trasmissioni', { params: { path: { id } } })),
  storia: (cig: string, asOf?: string) =>
    dati(client.GET('/cig/{cig}/storia', { params: { path: { cig }, query: senzaVuoti({ asOf }) } })),
  esportaStoria: (cig: string, asOf?: string, prove?: boolean) =>
    scarica(indirizzo('/cig/{cig}/storia', { cig }, { asOf, prove: prove ? 'true' : undefined }), `storia-${cig}.json`),
  verifica: (id: string) => dati(client.POST('/appalti/{id}/verifica', { params: { path: { id } } })),
  conferma: (id: string) => dati(client.POST('/appalti/{id}/conferma', { params: { path: { id } } })),
  classificazione: (id: string, cpv: string) =>
    dati(client.PUT('/appalti/{id}/classificazione', { params: { path: { id } }, body: { cpv: [{ codice: cpv, principale: true }] } })),
  cercaCpv: (q: string, limite = 20) => dati(client.GET('/tipologiche/cpv', { params: { query: { q, limite } } })),
  centriDiCosto: () => dati(client.GET('/anagrafica/centri-di-costo')),
  rup: (centroDiCosto: string, q?: string) => dati(client.GET('/anagrafica/rup', { params: { query: senzaVuoti({ centroDiCosto, q }) } })),
  modificaAppalto: (id: string, corpo: ModificaAppalto) => dati(client.PATCH('/appalti/{id}', { params: { path: { id } }, body: corpo })),
  aggiungiLotto: (id: string, lotto: Lotto) => dati(client.POST('/appalti/{id}/lotti', { params: { path: { id } }, body: lotto })),
  modificaLotto: (id: string, lotIdentifier: string, lotto: Lotto) =>
    dati(client.PUT('/appalti/{id}/lotti/{lotIdentifier}', { params: { path: { id, lotIdentifier } }, body: lotto })),
  copia: (id: string) => dati(client.POST('/appalti/{id}/copia', { params: { path: { id } } })),
  cancella: (id: string, motivo: string) => dati(client.DELETE('/appalti/{id}', { params: { path: { id } }, body: { motivo } })),
  pubblica: (id: string) => dati(client.POST('/appalti/{id}/pubblica', { params: { path: { id } } })),
  modificaAvviso: (id: string, datiGara: DatiGara) =>
    dati(client.POST('/appalti/{id}/avviso/modifica', { params: { path: { id } }, body: { datiGara } })),
  richiediSmartCig: (richiesta: RichiestaSmartCig) => dati(client.POST('/smart-cig', { body: richiesta })),
  carnets: () => dati(client.GET('/carnet')),
  carnet: (numero: string, attendi?: string) =>
    // The route answers the PDF only for a number with the .pdf suffix (pdfCarnet): here it is the JSON.
    dati(client.GET('/carnet/{numero}', { params: { path: { numero }, query: senzaVuoti({ attendi }) } })) as Promise<Carnet>,
  comunica: (numero: string, cig: string, corpo: DatiSmartCig) =>
    dati(client.POST('/carnet/{numero}/cig/{cig}/comunica', { params: { path: { numero, cig } }, body: corpo })),
  annulla: (numero: string, cig: string, motivo: string) =>
    dati(client.POST('/carnet/{numero}/cig/{cig}/annulla', { params: { path: { numero, cig } }, body: { motivo } })),
  // The PDF of a carnet is GET /carnet/{numero} with the suffix .pdf.
  pdfCarnet: (numero: string) => scarica(`${indirizzo('/carnet/{numero}', { numero })}.pdf`, `${numero.replace('/', '-')}.pdf`),
  verificaRegistro: () => verificaDa(client.GET('/audit/verifica', { params: { query: { attesa: '2' } } })),
  verificaAvviata: (id: string) => verificaDa(client.GET('/audit/verifica/{id}', { params: { path: { id } } })),
  statoRegistro: () => dati(client.GET('/audit/stato')),
  esportaRegistro: () => scarica(indirizzo('/audit/export'), 'audit.jsonl'),
  chiavePubblicaPem: () => scarica(indirizzo('/audit/chiave-pubblica', {}, { formato: 'pem' }), 'chiave.pem'),
};
