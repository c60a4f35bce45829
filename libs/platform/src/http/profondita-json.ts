import type { IncomingMessage } from 'node:http';

/** Deepest nesting of objects and arrays a JSON body may have. */
export const PROFONDITA_JSON_MASSIMA = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether a UTF-8 JSON text nests objects and arrays deeper than `massima`: one pass over the
 * bytes, constant work per byte, before any parsing. Brackets inside strings do not count (a
 * multi-byte UTF-8 sequence never contains an ASCII byte, so bytes can be read one by one).
 */
export function oltreProfondita(testo: Uint8Array, massima: number): boolean {
  let profondita = 0;
  let inStringa = false;
  for (let i = 0; i < testo.length; i++) {
    const c = testo[i];
    if (inStringa) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inStringa = false;
    } else if (c === QUOTE) inStringa = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++profondita > massima) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) profondita--;
  }
  return false;
}

/** The error body-parser turns into the answer (an http-errors shape: status and type). */
export class JsonTroppoAnnidato extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor(readonly massima: number) {
    super(`Il corpo JSON è annidato oltre ${massima} livelli`);
    this.name = 'JsonTroppoAnnidato';
  }
}

/**
 * `verify` option of the JSON body parser: refuses a body nested deeper than `massima` before it
 * is parsed, so that nothing downstream (class-transformer, class-validator) recurses into it.
 * JSON is UTF-8 (RFC 8259 §8.1): another declared charset is refused as well.
 */
export function verificaProfonditaJson(massima = PROFONDITA_JSON_MASSIMA) {
  return (_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void => {
    if (encoding.toLowerCase().replace('-', '') !== 'utf8') throw Object.assign(new Error('Il corpo JSON deve essere codificato in UTF-8'), { status: 415, type: 'charset.unsupported' });
    if (oltreProfondita(body, massima)) throw new JsonTroppoAnnidato(massima);
  };
}
