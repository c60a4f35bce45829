import http from 'node:http';
import https from 'node:https';
import type { Clock } from '#platform';
import type { AnacCall, OperazionePcp } from '../gateway/anac-gateway.js';
import { problemaDiRete, type ProblemaChiamata } from '../gateway/classificazione-errori.js';
import { parseRetryAfter } from './retry-policy.js';

/** Bodies kept in the transmission log are cut at 64 KB (an ESPD or eForm can be much larger). */
export const MASSIMO_CORPO_REGISTRATO = 64 * 1024;

export interface RichiestaHttp {
  readonly operazione: OperazionePcp;
  readonly method: 'GET' | 'POST';
  /** Base URL of the e-service (no trailing slash). */
  readonly baseUrl: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly requestId: string;
  readonly attempt: number;
  readonly timeoutMs: number;
}

export interface DipendenzeScambio {
  readonly clock: Clock;
  /** Monotonic milliseconds for durations (the injected clock may stand still in tests). */
  readonly monotonic: () => number;
}

export type RisultatoScambio =
  | { readonly ok: true; readonly httpStatus: number; readonly json: unknown }
  | { readonly ok: false; readonly problema: ProblemaChiamata };

function registrabile(valore: unknown, testo: string): unknown {
  return testo.length > MASSIMO_CORPO_REGISTRATO ? `${testo.slice(0, MASSIMO_CORPO_REGISTRATO)}…[troncato]` : valore;
}

function leggiErrori(json: unknown): Array<{ codice: string; dettaglio?: string }> {
  const errori = (json as { errori?: unknown } | null)?.errori;
  if (!Array.isArray(errori)) return [];
  return errori
    .filter((e): e is { codice: string; dettaglio?: unknown } => typeof (e as { codice?: unknown })?.codice === 'string')
    .map((e) => ({ codice: e.codice, ...(typeof e.dettaglio === 'string' && e.dettaglio ? { dettaglio: e.dettaglio } : {}) }));
}

interface RispostaHttp {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly testo: string;
}

const intestazione = (headers: http.IncomingHttpHeaders, nome: string): string | undefined => {
  const valore = headers[nome];
  return (Array.isArray(valore) ? valore[0] : valore) || undefined;
};

/**
 * Connections kept open between calls, as fetch keeps them, but with node:http (a fraction of
 * fetch's CPU per call). An idle connection is closed after 4 s, before the usual 5 s after
 * which servers close theirs, so that a call seldom goes out on a connection being closed.
 */
const TRASPORTI: Readonly<Record<string, { readonly request: typeof http.request; readonly agent: http.Agent }>> = {
  'http:': { request: http.request, agent: new http.Agent({ keepAlive: true, timeout: 4_000 }) },
  'https:': { request: https.request, agent: new https.Agent({ keepAlive: true, timeout: 4_000 }) },
};

/** An address the call cannot go to: refused before anything is sent, as fetch refuses it (problemaDiRete). */
const indirizzoNonUtilizzabile = (motivo: string) => Object.assign(new Error(motivo), { cause: { message: motivo } });

/** Sends the request and reads the whole answer, until `signal` aborts it (the timeout). */
function invia(url: URL, method: string, headers: Record<string, string>, corpo: string | undefined, signal: AbortSignal): Promise<RispostaHttp> {
  return new Promise((resolve, reject) => {
    const trasporto = TRASPORTI[url.protocol];
    if (!trasporto) return reject(indirizzoNonUtilizzabile('unknown scheme'));
    const req = trasporto.request(
      url,
      { method, agent: trasporto.agent, signal, headers: corpo === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(corpo)) } },
      (res) => {
        res.setEncoding('utf8');
        let testo = '';
        res.on('data', (parte: string) => (testo += parte));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, testo }));
        res.on('error', reject);
        res.on('aborted', () => reject(Object.assign(new Error('risposta interrotta'), { code: 'ECONNRESET' })));
      },
    );
    req.on('error', reject);
    req.end(corpo);
  });
}

/**
 * One HTTP exchange with ANAC: sends, waits at most `timeoutMs` for the whole answer, and records
 * it as an {@link AnacCall}. Never throws: a network failure becomes a `rete` problem.
 */
export async function scambia(r: RichiestaHttp, d: DipendenzeScambio): Promise<{ call: AnacCall; risultato: RisultatoScambio }> {
  const query = Object.entries(r.query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
  const qs = new URLSearchParams(query.map(([k, v]): [string, string] => [k, String(v)])).toString();
  const url = new URL(`${r.baseUrl}/${r.operazione}${qs ? `?${qs}` : ''}`);
  const corpo = r.body === undefined ? undefined : JSON.stringify(r.body);
  const startedAt = d.clock.now().toISOString();
  const inizio = d.monotonic();
  const base = {
    operazione: r.operazione, method: r.method, path: `${url.pathname}${url.search}`, requestId: r.requestId, attempt: r.attempt, startedAt,
    ...(corpo !== undefined ? { requestBody: registrabile(r.body, corpo) } : {}),
  };
  const controller = new AbortController();
  let scaduto = false;
  const timer = setTimeout(() => {
    scaduto = true;
    controller.abort();
  }, r.timeoutMs);
  try {
    const response = await invia(
      url,
      r.method,
      { accept: 'application/json', ...(corpo !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
      corpo,
      controller.signal,
    );
    const testo = response.testo;
    const ok = response.status >= 200 && response.status < 300;
    let json: unknown = testo === '' ? undefined : testo;
    try {
      json = testo === '' ? undefined : JSON.parse(testo);
    } catch {
      /* not JSON: keep the text */
    }
    const retryAfterMs = parseRetryAfter(intestazione(response.headers, 'retry-after'), d.clock.now());
    const errori = leggiErrori(json);
    const govWayMessageId = intestazione(response.headers, 'govway-message-id');
    const govWayTransactionId = intestazione(response.headers, 'govway-transaction-id');
    const call: AnacCall = {
      ...base,
      durationMs: Math.round(d.monotonic() - inizio),
      httpStatus: response.status,
      outcome: ok ? 'OK' : response.status === 504 && r.method === 'POST' ? 'ESITO_INCERTO' : 'KO',
      ...(json !== undefined ? { responseBody: registrabile(json, testo) } : {}),
      errori,
      ...(govWayMessageId ? { govWayMessageId } : {}),
      ...(govWayTransactionId ? { govWayTransactionId } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    const risultato: RisultatoScambio = ok
      ? { ok: true, httpStatus: response.status, json }
      : { ok: false, problema: { tipo: 'risposta', httpStatus: response.status, errori, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } };
    return { call, risultato };
  } catch (error) {
    const problema = problemaDiRete(error, scaduto ? r.timeoutMs : undefined);
    const incerto = problema.fase === 'dopo-l-invio' && r.method === 'POST';
    const call: AnacCall = {
      ...base, durationMs: Math.round(d.monotonic() - inizio), outcome: incerto ? 'ESITO_INCERTO' : 'ERRORE', errori: [], networkError: problema.descrizione,
    };
    return { call, risultato: { ok: false, problema } };
  } finally {
    clearTimeout(timer);
  }
}
