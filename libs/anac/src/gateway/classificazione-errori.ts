import type { ErroreAnac } from '#domain';
import { descrizioneErrore } from './descrizioni-errori.js';

/**
 * What the caller should do about a failed ANAC call. The grouping comes from the production
 * experience of PCP integrators; the codes and their meaning from ANAC's `errori.json`.
 *
 * - `RETRYABLE`: nothing happened, or ANAC itself says "try again" (ERR9999 "errore generico",
 *   ERR64 TED, ERR94 PVL, ERR132 "Effettuare un nuovo tentativo … successivamente"), 429, 5xx but
 *   504, a connection that never carried the request. Repeat later.
 * - `ESITO_INCERTO`: a state-changing call (POST) whose answer was lost after it was sent
 *   (timeout, dropped connection, 504). ANAC may have done it: reconcile first (ricerca-appalto by
 *   codiceAppalto, stato-appalto, esito-operazione), never repeat blindly. On a GET the same
 *   events are simply `RETRYABLE`.
 * - `STATO`: the operation is not allowed in ANAC's current state (ERR16, ERR17, ERR18, …):
 *   refresh the state, then stop.
 * - `DATI`: ANAC refused the content (REG*, ERR4, …): show the errors, let the user fix them.
 * - `IDENTITA`: the RUP, the SA or the tokens are not accepted (ERR1, SEC*, AUT01, 401/403).
 * - `DUPLICATO`: ERR38 "codiceAppalto già presente": the appalto exists; find it with ricerca-appalto.
 */
export type CategoriaFallimento = 'RETRYABLE' | 'ESITO_INCERTO' | 'STATO' | 'DATI' | 'IDENTITA' | 'DUPLICATO';

/** A classified failure: what to do (`categoria`), ANAC's errors, and a message for users. */
export interface AnacFailure {
  readonly categoria: CategoriaFallimento;
  /** ANAC's codes with the Italian description and ANAC's `dettaglio`. */
  readonly errori: readonly ErroreAnac[];
  readonly httpStatus?: number;
  /** From `Retry-After`: do not call again before this many milliseconds. */
  readonly retryAfterMs?: number;
  /** Italian, for users. */
  readonly messaggio: string;
}

/** What went wrong in one exchange, as the classification needs to know it. */
export type ProblemaChiamata =
  | {
      readonly tipo: 'risposta';
      readonly httpStatus: number;
      readonly errori: ReadonlyArray<{ readonly codice: string; readonly dettaglio?: string }>;
      readonly retryAfterMs?: number;
    }
  /** No answer. `prima-dell-invio`: the request never left (refused, DNS), so nothing can have happened. */
  | { readonly tipo: 'rete'; readonly fase: 'prima-dell-invio' | 'dopo-l-invio'; readonly descrizione: string }
  /** A 2xx whose body lacks what the operation must return (e.g. crea-appalto without idAppalto). */
  | { readonly tipo: 'risposta-non-valida'; readonly httpStatus: number; readonly motivo: string };

const CODICI_RITENTABILI = new Set([
  'ERR9999', 'ERR64', 'ERR94', 'ERR132',
  // "errore … durante la comunicazione con" AUSA / qualificazione SA / anagrafe Persona Giuridica:
  // a registry behind PCP was unreachable, the same kind of transient failure as ERR94.
  'ERR67', 'ERR111', 'ERR128',
]);
const CODICI_STATO = new Set([
  'ERR2', 'ERR16', 'ERR17', 'ERR18', 'ERR44', 'ERR51', 'ERR58',
  // Same family in errori.json: state of the avviso (ERR45, ERR50), of the scheda (ERR59, ERR60),
  // a rettifica running (ERR109).
  'ERR45', 'ERR50', 'ERR59', 'ERR60', 'ERR109',
]);
const CODICI_IDENTITA = new Set(['ERR1', 'AUT01']);
const CODICE_DUPLICATO = 'ERR38';

// When one answer carries codes of several kinds, the one that decides what to do first wins:
// no retry fixes an identity problem, and data errors are not cured by waiting.
const PRECEDENZA: readonly CategoriaFallimento[] = ['IDENTITA', 'DUPLICATO', 'STATO', 'DATI', 'RETRYABLE'];

/** The category a single ANAC code belongs to, or undefined when the code alone does not say. */
export function categoriaCodice(codice: string): CategoriaFallimento | undefined {
  if (codice === CODICE_DUPLICATO) return 'DUPLICATO';
  if (CODICI_IDENTITA.has(codice) || codice.startsWith('SEC')) return 'IDENTITA';
  if (CODICI_STATO.has(codice)) return 'STATO';
  if (CODICI_RITENTABILI.has(codice)) return 'RETRYABLE';
  if (codice.startsWith('REG')) return 'DATI';
  return undefined;
}

/** ANAC's `{ codice, dettaglio }` with the Italian description users read. */
export function descriviErrori(errori: ReadonlyArray<{ readonly codice: string; readonly dettaglio?: string }>): ErroreAnac[] {
  return errori.map((e) => ({ codice: e.codice, descrizione: descrizioneErrore(e.codice), ...(e.dettaglio ? { dettaglio: e.dettaglio } : {}) }));
}

/**
 * Classifies a failed exchange. `metodo` tells whether the operation changes state at ANAC
 * (every PCP POST does): only then can a lost answer leave the outcome uncertain.
 */
export function classificaFallimento(problema: ProblemaChiamata, metodo: 'GET' | 'POST'): AnacFailure {
  const incerto: CategoriaFallimento = metodo === 'POST' ? 'ESITO_INCERTO' : 'RETRYABLE';
  switch (problema.tipo) {
    case 'rete':
      return fallimento(problema.fase === 'prima-dell-invio' ? 'RETRYABLE' : incerto, [], undefined, undefined, problema.descrizione);
    case 'risposta-non-valida':
      return fallimento(incerto, [], problema.httpStatus, undefined, problema.motivo);
    case 'risposta': {
      const errori = descriviErrori(problema.errori);
      return fallimento(categoriaRisposta(problema.httpStatus, errori, incerto), errori, problema.httpStatus, problema.retryAfterMs);
    }
  }
}

function categoriaRisposta(status: number, errori: readonly ErroreAnac[], incerto: CategoriaFallimento): CategoriaFallimento {
  if (status === 401 || status === 403) return 'IDENTITA';
  if (status === 429) return 'RETRYABLE';
  // 504 comes from the gateway after it gave up waiting for PCP, which may still have committed.
  if (status === 504) return incerto;
  if (errori.length > 0) {
    // A code the table does not know follows the status: a server error is worth retrying, a
    // refused request is the user's to fix.
    const predefinita: CategoriaFallimento = status >= 500 ? 'RETRYABLE' : 'DATI';
    const categorie = new Set(errori.map((e) => categoriaCodice(e.codice) ?? predefinita));
    return PRECEDENZA.find((c) => categorie.has(c))!;
  }
  if (status >= 500 || status === 408) return 'RETRYABLE';
  if (status === 409) return 'STATO';
  return 'DATI';
}

const INTRODUZIONI: Readonly<Record<CategoriaFallimento, string>> = {
  RETRYABLE: 'ANAC non è al momento raggiungibile o ha chiesto di riprovare più tardi',
  ESITO_INCERTO:
    "La risposta di ANAC è andata persa: l'operazione potrebbe essere stata eseguita. Verificare lo stato su ANAC prima di ripeterla",
  STATO: "ANAC non consente l'operazione nello stato attuale dell'appalto",
  DATI: 'ANAC ha rifiutato i dati inviati',
  IDENTITA: "ANAC non riconosce l'utente o la stazione appaltante per questa operazione",
  DUPLICATO: "Su ANAC esiste già un appalto con questo codiceAppalto: va ricollegato, non creato di nuovo",
};

function fallimento(
  categoria: CategoriaFallimento,
  errori: readonly ErroreAnac[],
  httpStatus?: number,
  retryAfterMs?: number,
  causa?: string,
): AnacFailure {
  const dettagli = errori.map((e) => `${e.codice} ${e.descrizione.replace(/\.$/, '')}${e.dettaglio ? ` (${e.dettaglio})` : ''}`);
  const intestazione = INTRODUZIONI[categoria] + (httpStatus !== undefined ? ` (HTTP ${httpStatus})` : '') + (causa ? ` - ${causa}` : '');
  return {
    categoria,
    errori,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    messaggio: `${intestazione}${dettagli.length ? `: ${dettagli.join('; ')}` : ''}.`,
  };
}

// Failures of the connection set-up: the request never left this process, so ANAC cannot have
// acted on it (undici / Node error codes).
const PRIMA_DELL_INVIO = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT',
]);

/** The error's code: on its cause for fetch (undici), on the error itself for node:http. */
function codiceDi(error: unknown): string | undefined {
  type ConCodice = { code?: unknown; errors?: Array<{ code?: unknown }> };
  const causa = (error as { cause?: ConCodice } | undefined)?.cause;
  const proprio = error as ConCodice | undefined;
  const codice = causa?.code ?? causa?.errors?.[0]?.code ?? proprio?.code ?? proprio?.errors?.[0]?.code;
  return typeof codice === 'string' ? codice : undefined;
}

/**
 * Where a network failure of `fetch` or `node:http` happened. Anything but a failed connection set-up (a reset,
 * a closed socket, a timeout, an unknown error) counts as after the request was sent: the only
 * safe assumption for a call that changes state.
 */
export function problemaDiRete(error: unknown, timeoutMs?: number): Extract<ProblemaChiamata, { tipo: 'rete' }> {
  if (timeoutMs !== undefined) return { tipo: 'rete', fase: 'dopo-l-invio', descrizione: `nessuna risposta entro ${timeoutMs} ms` };
  const codice = codiceDi(error);
  if (codice && PRIMA_DELL_INVIO.has(codice)) {
    return { tipo: 'rete', fase: 'prima-dell-invio', descrizione: `connessione non stabilita (${codice})` };
  }
  const messaggio = (error as { cause?: { message?: unknown } } | undefined)?.cause?.message;
  // fetch refuses some URLs (bad port, unsupported scheme) before connecting.
  if (!codice && (messaggio === 'bad port' || messaggio === 'unknown scheme')) {
    return { tipo: 'rete', fase: 'prima-dell-invio', descrizione: `indirizzo non utilizzabile (${messaggio})` };
  }
  return { tipo: 'rete', fase: 'dopo-l-invio', descrizione: `connessione interrotta${codice ? ` (${codice})` : ''}` };
}
