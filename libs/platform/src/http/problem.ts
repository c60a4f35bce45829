/**
 * RFC 9457 problem details, the only error format of the HTTP API.
 * `errors` lists field problems grouped by `sezione` (dati di gara, classificazione, lotti, …).
 */
export interface ProblemField {
  readonly sezione?: string;
  /** Path of the field in the request, e.g. `lotti[0].importo` or `query.dataInvioDa`. */
  readonly campo: string;
  readonly messaggio: string;
  readonly codice?: string;
}

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Stable machine-readable code. */
  readonly code: string;
  readonly errors?: readonly ProblemField[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Richiesta non valida',
  401: 'Autenticazione richiesta',
  403: 'Operazione non consentita',
  404: 'Risorsa non trovata',
  405: 'Metodo non consentito',
  406: 'Formato di risposta non disponibile',
  408: 'Tempo della richiesta scaduto',
  409: 'Conflitto con lo stato attuale',
  413: 'Richiesta troppo grande',
  415: 'Formato della richiesta non supportato',
  422: 'Regola non rispettata',
  429: 'Troppe richieste',
  500: 'Errore interno',
  502: 'Servizio esterno non disponibile',
  503: 'Servizio non disponibile',
  504: 'Servizio esterno non ha risposto in tempo',
};

export function problemType(code: string): string {
  return `urn:cig-ledger:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Builds a problem document with the defaults filled in. */
export function problem(status: number, code: string, detail?: string, extra: Record<string, unknown> = {}): ProblemDocument {
  return {
    type: problemType(code),
    title: STATUS_TITLES[status] ?? 'Errore',
    status,
    code,
    ...(detail === undefined ? {} : { detail }),
    ...extra,
  };
}

/** Throw to answer with exactly this problem. */
export class ProblemException extends Error {
  constructor(readonly problem: ProblemDocument) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }

  static badRequest(code: string, detail: string, errors?: readonly ProblemField[]): ProblemException {
    return new ProblemException(problem(400, code, detail, errors ? { errors } : {}));
  }
}
