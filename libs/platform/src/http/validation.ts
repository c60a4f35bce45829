import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ProblemException, type ProblemField } from './problem.js';
import { valoriNonAmmessi } from './valori-ammessi.js';

const SEZIONI = new WeakMap<object, Map<string | undefined, string>>();

/**
 * Names the section of a request a field belongs to (manuale START Richiedi CIG's red markers are grouped by
 * DATI DI GARA, CLASSIFICAZIONE, LOTTI, AGGIUDICAZIONI). On a class, it is the default of
 * every field of that class.
 */
export function Sezione(nome: string): ClassDecorator & PropertyDecorator {
  return (target: object, property?: string | symbol) => {
    const owner = property === undefined ? (target as { prototype: object }).prototype : target;
    const map = SEZIONI.get(owner) ?? new Map<string | undefined, string>();
    map.set(property === undefined ? undefined : String(property), nome);
    SEZIONI.set(owner, map);
  };
}

function sezioneOf(target: object | undefined, property: string): string | undefined {
  if (!target) return undefined;
  for (let proto = Object.getPrototypeOf(target); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const map = SEZIONI.get(proto);
    if (map?.has(property)) return map.get(property);
    if (map?.has(undefined)) return map.get(undefined);
  }
  return undefined;
}

/** Italian wording of the class-validator constraints that carry no argument. */
const PLAIN: Readonly<Record<string, string>> = {
  whitelistValidation: 'campo non previsto',
  isDefined: 'obbligatorio',
  isNotEmpty: 'obbligatorio',
  isString: 'deve essere un testo',
  isInt: 'deve essere un numero intero',
  isNumber: 'deve essere un numero',
  isNumberString: 'deve essere un numero',
  isBoolean: 'deve essere vero o falso',
  isArray: 'deve essere un elenco',
  isObject: 'deve essere un oggetto',
  isUuid: 'non è un identificativo valido (UUID)',
  isUUID: 'non è un identificativo valido (UUID)',
  isDateString: 'deve essere una data nel formato AAAA-MM-GG',
  isIso8601: 'deve essere una data nel formato AAAA-MM-GG',
  isISO8601: 'deve essere una data nel formato AAAA-MM-GG',
  isEmail: 'deve essere un indirizzo email',
  isUrl: 'deve essere un indirizzo web',
  isPositive: 'deve essere maggiore di zero',
  // Raised only when the value is not an object: the problems of a nested object are its own fields'.
  nestedValidation: 'deve essere un oggetto',
  arrayNotEmpty: 'deve contenere almeno un elemento',
  arrayUnique: 'contiene elementi ripetuti',
  matches: 'formato non valido',
  isIn: 'valore non ammesso',
  isEnum: 'valore non ammesso',
};

/** Italian wording of the constraints with arguments (the decorator's `constraints`). */
const WITH_ARGS: Readonly<Record<string, (c: readonly unknown[]) => string>> = {
  maxLength: ([n]) => `al massimo ${n} caratteri`,
  minLength: ([n]) => (Number(n) <= 1 ? 'obbligatorio: non può essere vuoto' : `almeno ${n} caratteri`),
  length: ([min, max]) => `da ${min} a ${max} caratteri`,
  min: ([n]) => `deve essere almeno ${n}`,
  max: ([n]) => `deve essere al massimo ${n}`,
  arrayMinSize: ([n]) => (Number(n) === 1 ? 'deve contenere almeno un elemento' : `deve contenere almeno ${n} elementi`),
  arrayMaxSize: ([n]) => `al massimo ${n} elementi`,
  isIn: ([valori]) => (Array.isArray(valori) ? `valore non ammesso: ${valori.join(', ')}` : PLAIN.isIn),
};

/** Type checks come first: "deve essere un testo" says more about `42` than its length does. */
const TIPI = ['whitelistValidation', 'isDefined', 'nestedValidation', 'isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject'];

/** The decorator that raised `key` on `property` of `target`: its arguments, and whether it checks each element. */
function decoratore(target: object | undefined, property: string, key: string): { constraints: readonly unknown[]; each: boolean } | undefined {
  if (!target || typeof target !== 'object') return undefined;
  const metas = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  const m = metas.find((v) => v.propertyName === property && (v.name ?? v.type) === key);
  return m ? { constraints: m.constraints ?? [], each: m.each } : undefined;
}

/**
 * The message of one constraint in Italian. Messages written in Italian by our decorators start
 * with a marker (`italiano`); class-validator's own are translated, and any constraint without a
 * translation reads "valore non valido": never class-validator's English.
 */
function messaggio(error: ValidationError, key: string, testo: string): string {
  if (testo.startsWith('§')) return testo.slice(1);
  const d = decoratore(error.target, error.property, key);
  const base = WITH_ARGS[key] && d ? WITH_ARGS[key](d.constraints) : (PLAIN[key] ?? 'valore non valido');
  return d?.each ? `ogni elemento: ${base}` : base;
}

/** Flattens class-validator's tree into one message per field, with its section. */
export function toProblemFields(errors: readonly ValidationError[], parent = ''): ProblemField[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const campo = parent === '' ? error.property : isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const sezione = sezioneOf(error.target, error.property);
    const vincoli = Object.entries(error.constraints ?? {}).reverse(); // class-validator lists the last decorator first
    const own = vincoli.length === 0 ? [] : [primo(error, vincoli)];
    return [...own.map((o) => ({ ...(sezione ? { sezione } : {}), campo, ...o })), ...toProblemFields(error.children ?? [], campo)];
  });
}

/** The one problem reported for a field: "obbligatorio" when it is missing, else its first type check, else its first constraint. */
function primo(error: ValidationError, vincoli: ReadonlyArray<[string, string]>): { messaggio: string; codice: string } {
  const mancante = (error.value === undefined || error.value === null) && !vincoli.some(([k]) => k === 'whitelistValidation');
  if (mancante) return { messaggio: 'obbligatorio', codice: 'isDefined' };
  const [key, testo] = [...vincoli].sort((a, b) => rango(a[0]) - rango(b[0]))[0];
  return { messaggio: messaggio(error, key, testo), codice: key };
}

const rango = (key: string) => (TIPI.includes(key) ? 0 : 1);

/**
 * Validates, then hands the handler plain data (not DTO instances): what a request carries
 * ends up in events, which accept only plain JSON.
 */
class PlainValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const radice = metadata.type === 'query' ? (metadata.data ? `query.${metadata.data}` : 'query') : (metadata.data ?? '');
      const problemi = valoriNonAmmessi(value, radice);
      if (problemi.length > 0) {
        const campi = problemi.slice(0, 5).map((p) => p.campo.slice(0, 100)).join(', ');
        throw ProblemException.badRequest('VALIDATION_FAILED', `Alcuni dati non sono validi: ${campi}${problemi.length > 5 ? ', …' : ''}`, problemi);
      }
    }
    const validated = await super.transform(value, metadata);
    return validated !== null && typeof validated === 'object' && metadata.type !== 'custom' ? structuredClone(validated) : validated;
  }
}

/**
 * The global pipe: values no field can store refused first (NUL, lone surrogates, infinite or
 * inexact numbers: `valoriNonAmmessi`) in the body, the query and the path; then unknown fields
 * refused, types converted, every problem reported at once, in Italian.
 */
export function createValidationPipe(): ValidationPipe {
  return new PlainValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The value tells a missing field ("obbligatorio") from a wrong one; it is never sent back.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) =>
      ProblemException.badRequest('VALIDATION_FAILED', 'Alcuni dati non sono validi: vedi errors', toProblemFields(errors)),
  });
}

/** Marks a message as already Italian (see `toProblemFields`). */
export const italiano = (message: string): string => `§${message}`;
