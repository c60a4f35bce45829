/**
 * CIG (Codice Identificativo Gara) check-character algorithm.
 *
 * Source: ANAC, "Algoritmo di validazione CIG", repository anticorruzione/npa,
 * docs/Algoritmo validazione CIG/algoritmoValidazioneCIG.md, commit
 * 21f8640c6c6770f6ed0e035e91dfe88b6d21d269 (docs/fonti.md). Three families:
 *
 * - SIMOG first version   `ANNNNNNKKK`, A in [0-9]: the 7 leading digits are the
 *   decimal progressive, KKK = Hex(ANNNNNN * 211 mod 4091), N != 0000000.
 * - SIMOG second version and PCP `ANNNNNNKKK`, A in [A-U]: the 6 N are a hex
 *   progressive, KKK = Hex((Dec(NNNNNN) + Ord(A)) * 211 mod 4091), Ord(A) = 1.
 * - SmartCIG `AKKCCCCCCC`, A in {X, Y, Z}: the 7 C are a hex progressive,
 *   KK = Hex(Dec(C) * 211 mod 251), C != 0000000.
 *
 * Decisions where the spec is silent (documented here and in the tests):
 * - Input is trimmed and ASCII letters are upper-cased before checking; the
 *   normalised code is what we report. Hex and the family prefixes carry no
 *   case information, and CIGs are often typed or pasted by hand.
 * - For the letter family an all-zero progressive (e.g. A0000000D3) is VALID:
 *   the spec forbids the zero progressive only for the numeric and SmartCIG
 *   families. There a zero progressive yields a degenerate all-zero check
 *   ("0000000000", "X000000000"); here Ord(A) >= 1 keeps the check non-trivial,
 *   so we follow the spec literally rather than reject codes ANAC could issue.
 * - KKK/KK are zero padded to 3/2 hex digits: the code always has 10 chars.
 */

/** The three CIG families defined by ANAC's algorithm. */
export type FamigliaCig = 'SIMOG_NUMERICO' | 'SIMOG_PCP' | 'SMART_CIG';

/** Outcome of {@link validaCig}; `codice` is the trimmed, upper-cased input. */
export type EsitoValidazioneCig =
  | { valido: true; codice: string; famiglia: FamigliaCig }
  | { valido: false; codice: string; famiglia?: FamigliaCig; motivo: string };

const LUNGHEZZA_CIG = 10;
// Both moduli are prime (spec constants): any single-character change inside
// the progressive alters it by d * base^k with 0 < |d| < modulus, so it always
// changes the check value (see the mutation test in cig-code.spec.ts).
const MOLTIPLICATORE = 211;
const MODULO_SIMOG = 4091;
const MODULO_SMART = 251;

const LETTERE_PCP = 'ABCDEFGHIJKLMNOPQRSTU';
const LETTERE_SMART = 'XYZ';

/** Inclusive progressive ranges, derived from the number of digits per family. */
const LIMITI: Record<FamigliaCig, { min: number; max: number }> = {
  SIMOG_NUMERICO: { min: 1, max: 9_999_999 },
  SIMOG_PCP: { min: 0, max: 0xff_ffff },
  SMART_CIG: { min: 1, max: 0xfff_ffff },
};

const CIFRE_DECIMALI = /^[0-9]$/;
const CIFRE_ESADECIMALI = /^[0-9A-F]$/;

const hex = (valore: number, cifre: number): string =>
  valore.toString(16).toUpperCase().padStart(cifre, '0');

// Ord() of the spec: A=1 ... U=21 (alphabet position).
const ordinale = (lettera: string): number => lettera.charCodeAt(0) - 64;

/** Pure check computation; inputs are assumed already range-checked. */
function calcolaControllo(famiglia: FamigliaCig, progressivo: number, lettera: string): string {
  switch (famiglia) {
    case 'SIMOG_NUMERICO':
      return hex((progressivo * MOLTIPLICATORE) % MODULO_SIMOG, 3);
    case 'SIMOG_PCP':
      return hex(((progressivo + ordinale(lettera)) * MOLTIPLICATORE) % MODULO_SIMOG, 3);
    case 'SMART_CIG':
      return hex((progressivo * MOLTIPLICATORE) % MODULO_SMART, 2);
  }
}

function famigliaDaPrefisso(prefisso: string): FamigliaCig | undefined {
  if (CIFRE_DECIMALI.test(prefisso)) return 'SIMOG_NUMERICO';
  if (prefisso.length === 1 && LETTERE_PCP.includes(prefisso)) return 'SIMOG_PCP';
  if (prefisso.length === 1 && LETTERE_SMART.includes(prefisso)) return 'SMART_CIG';
  return undefined;
}

/** Splits a 10-char code into its parts according to the family layout. */
function scomponi(codice: string, famiglia: FamigliaCig) {
  if (famiglia === 'SMART_CIG') {
    return { progressivo: codice.slice(3), inizioProgressivo: 3, controllo: codice.slice(1, 3), inizioControllo: 1 };
  }
  const inizioProgressivo = famiglia === 'SIMOG_NUMERICO' ? 0 : 1;
  return { progressivo: codice.slice(inizioProgressivo, 7), inizioProgressivo, controllo: codice.slice(7), inizioControllo: 7 };
}

/** First character of `parte` not matching `ammessi`, as an Italian reason (1-based position). */
function carattereNonAmmesso(parte: string, inizio: number, ammessi: RegExp, attesa: string): string | undefined {
  for (let i = 0; i < parte.length; i++) {
    const c = parte.charAt(i);
    if (!ammessi.test(c)) return `carattere '${c}' in posizione ${inizio + i + 1} non ammesso: attesa ${attesa}`;
  }
  return undefined;
}

// Only ASCII a-z: String#toUpperCase would also map e.g. sharp s (U+00DF) to 'SS' and change the length.
const normalizza = (input: string): string => input.trim().replace(/[a-z]/g, (c) => c.toUpperCase());

/**
 * Validates a CIG with ANAC's official algorithm. Never throws: any input,
 * including non-strings from untyped callers, yields an {@link EsitoValidazioneCig}.
 * Surrounding whitespace is trimmed and ASCII letters are upper-cased first.
 */
export function validaCig(input: string): EsitoValidazioneCig {
  if (typeof input !== 'string') {
    return { valido: false, codice: '', motivo: `atteso un testo, ricevuto ${input === null ? 'null' : typeof input}` };
  }
  const codice = normalizza(input);
  const nonValido = (motivo: string, famiglia?: FamigliaCig): EsitoValidazioneCig =>
    famiglia ? { valido: false, codice, famiglia, motivo } : { valido: false, codice, motivo };

  if (codice.length !== LUNGHEZZA_CIG) {
    return nonValido(`lunghezza ${codice.length}, attesi ${LUNGHEZZA_CIG} caratteri`);
  }
  const prefisso = codice.charAt(0);
  const famiglia = famigliaDaPrefisso(prefisso);
  if (!famiglia) {
    return nonValido(`prefisso '${prefisso}' non ammesso: attesi 0-9, A-U, X, Y, Z`);
  }

  const parti = scomponi(codice, famiglia);
  const erroreFormato =
    famiglia === 'SIMOG_NUMERICO'
      ? carattereNonAmmesso(parti.progressivo, parti.inizioProgressivo, CIFRE_DECIMALI, 'una cifra decimale')
      : carattereNonAmmesso(parti.progressivo, parti.inizioProgressivo, CIFRE_ESADECIMALI, 'una cifra esadecimale (0-9, A-F)');
  const erroreControllo = carattereNonAmmesso(
    parti.controllo, parti.inizioControllo, CIFRE_ESADECIMALI, 'una cifra esadecimale (0-9, A-F) di controllo',
  );
  const erroreCaratteri = erroreFormato ?? erroreControllo;
  if (erroreCaratteri) return nonValido(erroreCaratteri, famiglia);

  const progressivo = Number.parseInt(parti.progressivo, famiglia === 'SIMOG_NUMERICO' ? 10 : 16);
  if (progressivo < LIMITI[famiglia].min) return nonValido('progressivo nullo', famiglia);

  const atteso = calcolaControllo(famiglia, progressivo, prefisso);
  if (atteso !== parti.controllo) {
    return nonValido(`carattere di controllo errato: atteso ${atteso}, trovato ${parti.controllo}`, famiglia);
  }
  return { valido: true, codice, famiglia };
}

/** Shorthand for `validaCig(input).valido`. */
export function isCigValido(input: string): boolean {
  return validaCig(input).valido;
}

/** Range- and letter-checks generator input; throws RangeError on bad input. */
function verificaParametri(
  famiglia: FamigliaCig,
  progressivo: number | bigint,
  lettera: string | undefined,
): { numero: number; prefisso: string } {
  const limiti = LIMITI[famiglia as FamigliaCig] as (typeof LIMITI)[FamigliaCig] | undefined;
  if (!limiti) throw new RangeError(`famiglia CIG sconosciuta: ${String(famiglia)}`);
  const intero = typeof progressivo === 'bigint' || Number.isInteger(progressivo);
  if (!intero || progressivo < limiti.min || progressivo > limiti.max) {
    throw new RangeError(
      `progressivo ${String(progressivo)} fuori intervallo per ${famiglia}: ammessi ${limiti.min}..${limiti.max}`,
    );
  }
  const numero = Number(progressivo);
  if (famiglia === 'SIMOG_NUMERICO') {
    // The leading digit is part of the decimal progressive, so no letter exists.
    if (lettera !== undefined) throw new RangeError(`lettera '${lettera}' non prevista per SIMOG_NUMERICO`);
    return { numero, prefisso: '' };
  }
  const ammesse = famiglia === 'SIMOG_PCP' ? LETTERE_PCP : LETTERE_SMART;
  // Same case policy as validaCig: one ASCII letter, either case.
  const prefisso = (lettera ?? ammesse.charAt(0)).replace(/^[a-z]$/, (c) => c.toUpperCase());
  if (prefisso.length !== 1 || !ammesse.includes(prefisso)) {
    throw new RangeError(`lettera '${String(lettera)}' non ammessa per ${famiglia}: attese ${ammesse.split('').join(', ')}`);
  }
  return { numero, prefisso };
}

/**
 * Computes the check characters (KKK for SIMOG families, KK for SmartCIG) of a
 * progressive. Letter defaults and ranges as in {@link generaCig}.
 * @throws RangeError for an out-of-range progressive or a bad letter.
 */
export function controlloCig(famiglia: FamigliaCig, progressivo: number | bigint, lettera?: string): string {
  const { numero, prefisso } = verificaParametri(famiglia, progressivo, lettera);
  return calcolaControllo(famiglia, numero, prefisso);
}

/**
 * Builds a valid CIG from a progressive.
 * - SIMOG_NUMERICO: progressive 1..9999999 fills all 7 leading digits; no letter.
 * - SIMOG_PCP: progressive 0..0xFFFFFF, letter A..U (default 'A').
 * - SMART_CIG: progressive 1..0xFFFFFFF, letter X, Y or Z (default 'X').
 * @throws RangeError for an out-of-range progressive or a bad letter.
 */
export function generaCig(famiglia: FamigliaCig, progressivo: number | bigint, lettera?: string): string {
  const { numero, prefisso } = verificaParametri(famiglia, progressivo, lettera);
  const controllo = calcolaControllo(famiglia, numero, prefisso);
  switch (famiglia) {
    case 'SIMOG_NUMERICO':
      return String(numero).padStart(7, '0') + controllo;
    case 'SIMOG_PCP':
      return prefisso + hex(numero, 6) + controllo;
    case 'SMART_CIG':
      return prefisso + controllo + hex(numero, 7);
  }
}
