/** A small typed layer over fetch for the calls the console makes (same origin, bearer token). */

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

export interface RigaListing {
  readonly idAppalto: string;
  readonly lotIdentifier: string;
  readonly oggetto?: string;
  readonly cig?: string | null;
  readonly statoRichiesta?: string;
  readonly statoLotto?: string;
  readonly valore?: number | string | null;
  readonly modalita?: string;
  readonly [k: string]: unknown;
}

export interface PaginaListing {
  readonly totale: number;
  readonly totaleEsatto: boolean;
  readonly risultati: readonly RigaListing[];
  readonly pagina: { readonly limite: number; readonly successiva: string | null };
}

export interface ProblemaVerifica {
  readonly sezione: string;
  readonly campo: string;
  readonly codice: string;
  readonly messaggio: string;
}

export interface EsitoVerifica {
  readonly esito: 'OK' | 'KO';
  readonly problemi: readonly ProblemaVerifica[];
}

export interface EventoStoria {
  readonly flusso: string;
  readonly tipo: string;
  readonly effettivoIl: string;
  readonly registratoIl: string;
  readonly attore: string | null;
  readonly ruolo: string | null;
  readonly motivazione: string | null;
  readonly dati: unknown;
}

export interface StoriaCig {
  readonly cig: string;
  readonly asOf: string | null;
  readonly stato: { readonly cig: Record<string, unknown> | null; readonly appalto: Record<string, unknown> | null };
  readonly eventi: readonly EventoStoria[];
  readonly eventiSuccessivi: number;
}

export interface EsitoRegistro {
  readonly integra?: boolean;
  readonly recordVerificati?: number;
  readonly checkpointVerificati?: number;
  readonly problema?: { readonly tipo: string; readonly seq: string; readonly eventId: string | null; readonly dettaglio: string } | null;
  readonly verifica: { readonly id: string; readonly stato: string; readonly recordControllati?: number; readonly recordTotali?: number };
  readonly stato?: string;
}

export interface VerificaRegistrata {
  readonly id: string;
  readonly stato: 'IN_CORSO' | 'CONCLUSA' | 'FALLITA';
  readonly avviataIl: string;
  readonly avviataDa: string | null;
  readonly conclusaIl: string | null;
  readonly recordControllati: number;
  readonly recordTotali: number;
  readonly integra: boolean | null;
  readonly problema: { readonly tipo: string; readonly seq: string; readonly eventId: string | null; readonly dettaglio: string } | null;
  readonly errore: string | null;
}

/** GET /audit/stato. */
export interface StatoRegistro {
  readonly record: string;
  readonly ultimaTesta: { readonly dimensione: string; readonly timestamp: string | null; readonly chiave: string } | null;
  readonly ultimoCheckpoint: { readonly seq: string; readonly registratoIl: string | null; readonly chiave: string } | null;
  readonly ultimaVerifica: VerificaRegistrata | null;
  readonly verificaInCorso: VerificaRegistrata | null;
}

export interface CodiceCarnet {
  readonly cig: string;
  readonly oggetto: string;
  readonly stato: string;
  readonly descrizioneStato: string;
  readonly importo: string | null;
}

export interface Carnet {
  readonly numero: string;
  readonly dataCreazione: string;
  readonly dataScadenza: string;
  readonly termineRendicontazione: string;
  readonly descrizioneStato: string;
  readonly cigNonRendicontati: number;
  readonly cigComunicati: number;
  readonly cigAnnullati: number;
  readonly cig: readonly CodiceCarnet[];
}

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

async function chiama<T>(method: string, path: string, body?: unknown): Promise<T> {
  const s = sessioneSalvata();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (s) headers.authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const dati = text ? (JSON.parse(text) as unknown) : undefined;
  if (!r.ok) throw new ErroreApi({ status: r.status, ...(dati as object) });
  return dati as T;
}

async function chiamaConStato<T>(method: string, path: string): Promise<{ status: number; dati: T }> {
  const s = sessioneSalvata();
  const r = await fetch(path, { method, headers: { accept: 'application/json', ...(s ? { authorization: `Bearer ${s.token}` } : {}) } });
  const dati = (await r.json()) as T;
  if (!r.ok) throw new ErroreApi({ status: r.status, ...(dati as object) });
  return { status: r.status, dati };
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

const qs = (q: Record<string, string | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};

export interface ConfigurazioneAccesso {
  readonly sviluppo: boolean;
  readonly oidc: { readonly issuer: string; readonly clientId: string; readonly scope: string; readonly resource: string | null } | null;
}

export const api = {
  configurazioneAccesso: () => chiama<ConfigurazioneAccesso>('GET', '/accesso/configurazione'),
  utentiSviluppo: () => chiama<Utente[]>('GET', '/accesso/sviluppo/utenti'),
  accediSviluppo: (userId: string) => chiama<Sessione>('POST', '/accesso/sviluppo', { userId }),
  listing: (filtri: Record<string, string | undefined>) => chiama<PaginaListing>('GET', `/cig${qs(filtri)}`),
  esportaCsv: (filtri: Record<string, string | undefined>) => scarica(`/cig/export.csv${qs(filtri)}`, 'cig.csv'),
  appalto: (id: string) => chiama<Record<string, unknown>>('GET', `/appalti/${encodeURIComponent(id)}`),
  trasmissioni: (id: string) => chiama<unknown>('GET', `/appalti/${encodeURIComponent(id)}/trasmissioni`),
  storia: (cig: string, asOf?: string) => chiama<StoriaCig>('GET', `/cig/${encodeURIComponent(cig)}/storia${qs({ asOf })}`),
  esportaStoria: (cig: string, asOf?: string, prove?: boolean) =>
    scarica(`/cig/${encodeURIComponent(cig)}/storia${qs({ asOf, prove: prove ? 'true' : undefined })}`, `storia-${cig}.json`),
  verifica: (id: string) => chiama<EsitoVerifica>('POST', `/appalti/${encodeURIComponent(id)}/verifica`),
  conferma: (id: string) => chiama<unknown>('POST', `/appalti/${encodeURIComponent(id)}/conferma`),
  classificazione: (id: string, cpv: string) =>
    chiama<unknown>('PUT', `/appalti/${encodeURIComponent(id)}/classificazione`, { cpv: [{ codice: cpv, principale: true }] }),
  cercaCpv: (q: string, limite = 20) => chiama<Array<{ codice: string; descrizione: string }>>('GET', `/tipologiche/cpv${qs({ q, limite: String(limite) })}`),
  centriDiCosto: () => chiama<Array<{ codice: string; denominazione: string }>>('GET', '/anagrafica/centri-di-costo'),
  rup: (centroDiCosto: string, q?: string) =>
    chiama<Array<{ userId: string; nome: string; codiceFiscale: string }>>('GET', `/anagrafica/rup${qs({ centroDiCosto, q })}`),
  modificaAppalto: (id: string, dati: Record<string, unknown>) => chiama<unknown>('PATCH', `/appalti/${encodeURIComponent(id)}`, dati),
  aggiungiLotto: (id: string, lotto: Record<string, unknown>) => chiama<{ id?: string }>('POST', `/appalti/${encodeURIComponent(id)}/lotti`, lotto),
  modificaLotto: (id: string, lotIdentifier: string, lotto: Record<string, unknown>) =>
    chiama<unknown>('PUT', `/appalti/${encodeURIComponent(id)}/lotti/${encodeURIComponent(lotIdentifier)}`, lotto),
  copia: (id: string) => chiama<{ id: string }>('POST', `/appalti/${encodeURIComponent(id)}/copia`),
  cancella: (id: string, motivo: string) => chiama<unknown>('DELETE', `/appalti/${encodeURIComponent(id)}`, { motivo }),
  pubblica: (id: string) => chiama<unknown>('POST', `/appalti/${encodeURIComponent(id)}/pubblica`),
  modificaAvviso: (id: string, datiGara: Record<string, unknown>) => chiama<unknown>('POST', `/appalti/${encodeURIComponent(id)}/avviso/modifica`, { datiGara }),
  richiediSmartCig: (richiesta: { centroDiCosto: string; rup: string; dati: Record<string, string> }) =>
    chiama<{ cig: string; id: string; stato: string; posizione?: string }>('POST', '/smart-cig', richiesta),
  carnets: () => chiama<Array<Record<string, unknown>>>('GET', '/carnet'),
  carnet: (numero: string, attendi?: string) => chiama<Carnet>('GET', `/carnet/${encodeURIComponent(numero)}${qs({ attendi })}`),
  comunica: (numero: string, cig: string, dati: Record<string, string>) =>
    chiama<{ posizione?: string }>('POST', `/carnet/${encodeURIComponent(numero)}/cig/${encodeURIComponent(cig)}/comunica`, dati),
  annulla: (numero: string, cig: string, motivo: string) =>
    chiama<{ posizione?: string }>('POST', `/carnet/${encodeURIComponent(numero)}/cig/${encodeURIComponent(cig)}/annulla`, { motivo }),
  pdfCarnet: (numero: string) => scarica(`/carnet/${encodeURIComponent(numero)}.pdf`, `${numero.replace('/', '-')}.pdf`),
  verificaRegistro: () => chiamaConStato<EsitoRegistro>('GET', '/audit/verifica?attesa=2'),
  verificaAvviata: (path: string) => chiamaConStato<EsitoRegistro>('GET', path),
  statoRegistro: () => chiama<StatoRegistro>('GET', '/audit/stato'),
  esportaRegistro: () => scarica('/audit/export', 'audit.jsonl'),
  chiavePubblicaPem: () => scarica('/audit/chiave-pubblica?formato=pem', 'chiave.pem'),
};
