import type { ErroreTipologica } from './errori.js';

/**
 * Response envelopes. Every body extends ANAC's `BaseResponse` (RFC 7807 fields
 * type/title/status/detail/instance); values follow the real payloads of ANAC's interface specification:
 * `title` "OK" / "Operazione Effettuata" / "KO", `type` "about:blank".
 */
export const JSON_TYPE = 'application/json';
export const PROBLEM_TYPE = 'application/problem+json';

export interface RispostaPcp {
  readonly status: number;
  readonly contentType: typeof JSON_TYPE | typeof PROBLEM_TYPE;
  readonly body: Record<string, unknown>;
  readonly headers?: Readonly<Record<string, string>>;
}

const base = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });

/** Synchronous write operations (crea/modifica/cancella-appalto). */
export const effettuata = (detail: string, extra: Record<string, unknown> = {}): RispostaPcp => ({
  status: 200,
  contentType: JSON_TYPE,
  body: { ...base(200, 'Operazione Effettuata', detail), ...extra },
});

/** Queries. */
export const ok = (extra: Record<string, unknown>, detail = 'Operazione eseguita con successo'): RispostaPcp => ({
  status: 200,
  contentType: JSON_TYPE,
  body: { ...base(200, 'OK', detail), ...extra },
});

/** `AckResponse` of the asynchronous operations: no ticket, the outcome is polled by idAppalto. */
export const ack = (): RispostaPcp => ({ status: 200, contentType: JSON_TYPE, body: base(200, 'OK', 'Richiesta acquisita') });

/** `ErrorResponse`, always application/problem+json. */
export const errore = (
  status: number,
  errori: readonly ErroreTipologica[] | undefined,
  detail = 'Errore',
  headers?: Readonly<Record<string, string>>,
): RispostaPcp => ({
  status,
  contentType: PROBLEM_TYPE,
  body: { ...base(status, 'KO', detail), ...(errori ? { errori } : {}) },
  ...(headers ? { headers } : {}),
});
