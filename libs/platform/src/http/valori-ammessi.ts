import type { ProblemField } from './problem.js';

/** A UTF-16 surrogate without its pair: not a character, and PostgreSQL refuses it in text and JSON. */
const SURROGATO_ISOLATO = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PROFONDITA_MASSIMA = 100;
/** An answer lists at most this many fields: a request full of NULs does not get a megabyte back. */
const PROBLEMI_MASSIMI = 100;

/** Why a string cannot be stored as text, or undefined when it can. */
export function testoNonAmmesso(testo: string): string | undefined {
  if (testo.includes('\u0000')) return 'contiene il carattere NUL (\\u0000), non ammesso';
  if (SURROGATO_ISOLATO.test(testo)) return 'contiene un carattere Unicode incompleto (surrogato senza la sua coppia), non ammesso';
  return undefined;
}

/** Why a number cannot be taken exactly, or undefined when it can. */
export function numeroNonAmmesso(n: number): string | undefined {
  if (!Number.isFinite(n)) return 'numero fuori dall\'intervallo rappresentabile';
  if (Object.is(n, -0)) return 'zero negativo (-0) non ammesso: scrivere 0';
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return `numero troppo grande: al massimo ${Number.MAX_SAFE_INTEGER} in valore assoluto`;
  return undefined;
}

/**
 * Every value of a request (body, query or path parameters) that no field could store: text with
 * NUL or a lone surrogate (PostgreSQL refuses both), numbers that JSON parsing made infinite,
 * negative zero, integers beyond exact representation. Keys are checked like values. One problem
 * per field, named by its path under `radice` (`datiGara.oggetto`, `query.oggetto`, `id`).
 */
export function valoriNonAmmessi(valore: unknown, radice: string): ProblemField[] {
  const problemi: ProblemField[] = [];
  visita(valore, radice, 0, problemi);
  return problemi;
}

function visita(valore: unknown, campo: string, profondita: number, problemi: ProblemField[]): void {
  if (problemi.length >= PROBLEMI_MASSIMI) return;
  if (typeof valore === 'string') {
    const motivo = testoNonAmmesso(valore);
    if (motivo) problemi.push({ campo: campo || 'body', messaggio: motivo, codice: 'CARATTERE_NON_AMMESSO' });
  } else if (typeof valore === 'number') {
    const motivo = numeroNonAmmesso(valore);
    if (motivo) problemi.push({ campo: campo || 'body', messaggio: motivo, codice: 'NUMERO_NON_AMMESSO' });
  } else if (valore !== null && typeof valore === 'object' && profondita < PROFONDITA_MASSIMA) {
    if (Array.isArray(valore)) {
      valore.forEach((v, i) => visita(v, `${campo}[${i}]`, profondita + 1, problemi));
      return;
    }
    for (const [chiave, v] of Object.entries(valore)) {
      const figlio = campo === '' ? chiave : `${campo}.${chiave}`;
      const motivo = testoNonAmmesso(chiave);
      if (motivo) problemi.push({ campo: JSON.stringify(figlio).slice(1, -1), messaggio: `il nome del campo ${motivo}`, codice: 'CARATTERE_NON_AMMESSO' });
      else visita(v, figlio, profondita + 1, problemi);
    }
  }
}
