import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type ProblemField } from './problem.js';

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
  isUuid: 'deve essere un identificativo UUID',
  isUUID: 'deve essere un identificativo UUID',
  isDateString: 'deve essere una data nel formato AAAA-MM-GG',
  isIso8601: 'deve essere una data nel formato AAAA-MM-GG',
  isISO8601: 'deve essere una data nel formato AAAA-MM-GG',
  isEmail: 'deve essere un indirizzo email',
  isUrl: 'deve essere un indirizzo web',
  isPositive: 'deve essere maggiore di zero',
  nestedValidation: 'contiene valori non validi',
  arrayNotEmpty: 'deve contenere almeno un elemento',
};

/** Flattens class-validator's tree into one message per field, with its section. */
export function toProblemFields(errors: readonly ValidationError[], parent = ''): ProblemField[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const campo = parent === '' ? error.property : isIndex ? `${parent}[${error.property}]` : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([key, english]) => {
      // Messages written in Italian by our decorators start with a marker; the rest are translated.
      const messaggio = english.startsWith('§') ? english.slice(1) : (PLAIN[key] ?? english);
      const sezione = sezioneOf(error.target, error.property);
      return { ...(sezione ? { sezione } : {}), campo, messaggio, codice: key };
    });
    return [...own.slice(0, 1), ...toProblemFields(error.children ?? [], campo)];
  });
}

/**
 * Validates, then hands the handler plain data (not DTO instances): what a request carries
 * ends up in events, which accept only plain JSON.
 */
class PlainValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const validated = await super.transform(value, metadata);
    return validated !== null && typeof validated === 'object' && metadata.type !== 'custom' ? structuredClone(validated) : validated;
  }
}

/** The global pipe: unknown fields refused, types converted, every problem reported at once. */
export function createValidationPipe(): ValidationPipe {
  return new PlainValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: true, value: false },
    exceptionFactory: (errors) =>
      ProblemException.badRequest('VALIDATION_FAILED', 'Alcuni dati non sono validi: vedi errors', toProblemFields(errors)),
  });
}

/** Marks a message as already Italian (see `toProblemFields`). */
export const italiano = (message: string): string => `§${message}`;
