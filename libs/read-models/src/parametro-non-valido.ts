/** One wrong query parameter, named as the client sent it (`query.valoreDa`). */
export interface ErroreParametro {
  readonly sezione: string;
  readonly campo: string;
  readonly messaggio: string;
  readonly codice: string;
}

/**
 * Bad query input (unknown filter, inverted range, malformed date or amount, tampered cursor,
 * oversized page): the HTTP layer answers 400 problem+json with `errors[]` naming each parameter.
 * Shaped like a domain error (`code`, `kind`) so the platform's problem filter maps it.
 */
export class ParametroNonValido extends Error {
  readonly kind = 'invalid';
  constructor(
    readonly code: string,
    message: string,
    readonly errors: readonly ErroreParametro[],
  ) {
    super(message);
    this.name = 'ParametroNonValido';
  }

  static di(sezione: string, errori: ReadonlyArray<{ parametro: string; messaggio: string; codice: string }>): ParametroNonValido {
    const codice = errori.length === 1 ? errori[0].codice : 'PARAMETRI_NON_VALIDI';
    const messaggio = errori.map((e) => `${e.parametro}: ${e.messaggio}`).join('; ');
    return new ParametroNonValido(codice, messaggio, errori.map((e) => ({ sezione, campo: `query.${e.parametro}`, messaggio: e.messaggio, codice: e.codice })));
  }
}
