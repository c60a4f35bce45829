/** How a refused command is answered: the HTTP layer maps kinds to 400/403/404/409/422. */
export type DomainErrorKind = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'rule';

/** One field problem, in Italian, with the section of the form it belongs to (manuale START Richiedi CIG). */
export interface Problema {
  readonly sezione: Sezione;
  /** Path of the field, e.g. `datiGara.oggetto`, `lotti[LOT-0002].importo`, `classificazione.cpv`. */
  readonly campo: string;
  readonly messaggio: string;
  /** Stable code of the rule, e.g. `AD5_IMPORTO`, or ANAC's code (`ERR100`) for ANAC's errors. */
  readonly codice: string;
}

/** Sections of a CIG request, as the red markers of manuale START Richiedi CIG group them. */
export type Sezione = 'dati di gara' | 'classificazione' | 'lotti' | 'aggiudicazioni' | 'rup e centro di costo';

/**
 * A command refused by the domain. `code` is stable (tests, clients); the message is Italian
 * and names the rule; `errors` lists field problems when there are any.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly errors?: readonly Problema[],
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const nonTrovato = (code: string, message: string) => new DomainError(code, 'not_found', message);
export const conflitto = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'conflict', message, undefined, details);
export const regola = (code: string, message: string, errors?: readonly Problema[]) => new DomainError(code, 'rule', message, errors);
export const nonValido = (code: string, message: string, errors?: readonly Problema[]) => new DomainError(code, 'invalid', message, errors);
export const vietato = (code: string, message: string) => new DomainError(code, 'forbidden', message);
