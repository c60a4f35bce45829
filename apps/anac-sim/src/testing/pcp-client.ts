import type { Clock } from '#platform';
import type { KeyInput } from 'jose';
import { baseUrlEService, OPERAZIONI, percorso, type OperazionePcp } from '../pcp/operazioni.js';
import { creaJwsTracciamento, type IdentitaPcp } from './jws-tracciamento.js';

/** A minimal PCP client for tests: fresh JWS per call (ANAC's 10 s lifetime), JSON in and out. */
export interface ScambioPcp {
  readonly operazione: OperazionePcp;
  readonly metodo: 'GET' | 'POST';
  readonly query: Readonly<Record<string, string>>;
  readonly richiesta?: unknown;
  readonly status: number;
  readonly contentType: string | null;
  readonly headers: Headers;
  readonly risposta: unknown;
}

export interface RispostaHttp {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly text: string;
}

export interface OpzioniCliente {
  readonly identita: IdentitaPcp;
  readonly clock?: Clock;
  readonly voucher?: string;
  readonly privateKey?: KeyInput;
  /** Called with every request/response pair (the spec-conformance test records them). */
  readonly osserva?: (scambio: ScambioPcp) => void;
}

export interface OpzioniChiamata {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** JWS claim overrides for this call. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** A given JWS (e.g. to replay one), or null to send none. */
  readonly jws?: string | null;
  /** null: no Authorization header. */
  readonly voucher?: string | null;
}

export class ClientePcp {
  constructor(readonly url: string, private readonly opzioni: OpzioniCliente) {}

  /** The same client acting as someone else. */
  come(identita: IdentitaPcp): ClientePcp {
    return new ClientePcp(this.url, { ...this.opzioni, identita });
  }

  post(op: OperazionePcp, body: unknown, c: Omit<OpzioniChiamata, 'body'> = {}): Promise<RispostaHttp> {
    return this.chiama(op, { ...c, body });
  }

  get(op: OperazionePcp, query: OpzioniChiamata['query'] = {}, c: Omit<OpzioniChiamata, 'query'> = {}): Promise<RispostaHttp> {
    return this.chiama(op, { ...c, query });
  }

  /** A JWS for `op`, as the client would send it now. */
  jws(op: OperazionePcp, claims?: Readonly<Record<string, unknown>>): Promise<string> {
    return creaJwsTracciamento(this.opzioni.identita, {
      aud: baseUrlEService(this.url, OPERAZIONI[op].eService),
      ...(this.opzioni.clock ? { clock: this.opzioni.clock } : {}),
      ...(this.opzioni.privateKey ? { privateKey: this.opzioni.privateKey } : {}),
      ...(claims ? { claims } : {}),
    });
  }

  async chiama(op: OperazionePcp, c: OpzioniChiamata = {}): Promise<RispostaHttp> {
    const metodo = OPERAZIONI[op].metodo;
    const query = Object.fromEntries(Object.entries(c.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const qs = new URLSearchParams(query).toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    const voucher = c.voucher === undefined ? (this.opzioni.voucher ?? 'voucher-pdnd-di-prova') : c.voucher;
    if (voucher !== null) headers.authorization = `Bearer ${voucher}`;
    const jws = c.jws === undefined ? await this.jws(op, c.claims) : c.jws;
    if (jws !== null) headers['agid-jwt-trackingevidence'] = jws;
    if (c.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.url}${percorso(op)}${qs ? `?${qs}` : ''}`, {
      method: metodo,
      headers,
      ...(c.body !== undefined ? { body: typeof c.body === 'string' ? c.body : JSON.stringify(c.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    this.opzioni.osserva?.({
      operazione: op, metodo, query, ...(c.body !== undefined ? { richiesta: c.body } : {}),
      status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, risposta: body,
    });
    return { status: response.status, headers: response.headers, body, text };
  }
}
