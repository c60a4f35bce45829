/**
 * The one check of Italian tax codes, used by the domain, the DTOs and the directory
 * (D.M. 23/12/1976 on the codice fiscale; D.P.R. 633/1972 art. 35 on the partita IVA):
 * - 11 digits (companies, public bodies, partita IVA form): the 11th digit is the check digit of
 *   the first ten (odd positions summed, even positions doubled with 9 subtracted above 9, then
 *   (10 − sum mod 10) mod 10);
 * - 16 characters (persons): `AAAAAA 99 A 99 A999 A`, where omocodia replaces digits at positions
 *   7, 8, 10, 11, 13, 14, 15 (1-based) with L M N P Q R S T U V (0…9), and the 16th character is the
 *   check character of the first fifteen, computed on the code as written (omocodic or not).
 */
const NUMERICO = /^\d{11}$/;
const CIFRA = '[0-9LMNPQRSTUV]';
const PERSONA = new RegExp(`^[A-Z]{6}${CIFRA}{2}[ABCDEHLMPRST]${CIFRA}{2}[A-Z]${CIFRA}{3}[A-Z]$`);

/** Values of characters in odd positions (1st, 3rd, …): the table of D.M. 23/12/1976. */
const DISPARI: Readonly<Record<string, number>> = Object.fromEntries(
  [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23].flatMap((valore, i) => {
    const lettera = String.fromCharCode(65 + i);
    return i < 10 ? [[lettera, valore], [String(i), valore]] : [[lettera, valore]];
  }),
);
/** Values in even positions: digits their value, letters A=0 … Z=25. */
const valorePari = (c: string) => (c >= '0' && c <= '9' ? Number(c) : c.charCodeAt(0) - 65);

/** The check character of the first fifteen characters of a person's codice fiscale. */
export function carattereControlloCodiceFiscale(primiQuindici: string): string {
  let somma = 0;
  for (let i = 0; i < 15; i++) somma += i % 2 === 0 ? DISPARI[primiQuindici[i]] : valorePari(primiQuindici[i]);
  return String.fromCharCode(65 + (somma % 26));
}

/** The check digit of the first ten digits of an 11-digit codice fiscale / partita IVA. */
export function cifraControlloPartitaIva(primeDieci: string): string {
  let somma = 0;
  for (let i = 0; i < 10; i++) {
    const cifra = Number(primeDieci[i]);
    const doppia = cifra * 2;
    somma += i % 2 === 0 ? cifra : doppia > 9 ? doppia - 9 : doppia;
  }
  return String((10 - (somma % 10)) % 10);
}

/** Why a code is not a valid tax code, in Italian; undefined when it is valid. */
export function difettoCodiceFiscale(codice: string): string | undefined {
  if (NUMERICO.test(codice)) {
    const attesa = cifraControlloPartitaIva(codice);
    return codice[10] === attesa ? undefined : `la cifra di controllo è ${codice[10]}, dovrebbe essere ${attesa}`;
  }
  if (PERSONA.test(codice)) {
    const atteso = carattereControlloCodiceFiscale(codice);
    return codice[15] === atteso ? undefined : `il carattere di controllo è ${codice[15]}, dovrebbe essere ${atteso}`;
  }
  return /^\d+$/.test(codice) ? 'deve essere di 11 cifre' : 'deve essere di 11 cifre o di 16 caratteri maiuscoli (persona fisica)';
}

/** 11 digits with the right check digit (companies, public bodies, partita IVA). */
export const isCodiceFiscaleNumerico = (codice: string): boolean => NUMERICO.test(codice) && difettoCodiceFiscale(codice) === undefined;
/** A person's 16 characters, omocodia allowed, with the right check character. */
export const isCodiceFiscalePersona = (codice: string): boolean => PERSONA.test(codice) && difettoCodiceFiscale(codice) === undefined;
export const isCodiceFiscale = (codice: string): boolean => difettoCodiceFiscale(codice) === undefined;

/**
 * ANAC's error for an invalid codice fiscale (`tipologiche/errori.json`, anticorruzione/npa):
 * FVX47 of a company (11 digits), FVX49 of a person.
 */
export function erroreAnacCodiceFiscale(codice: string): { readonly codice: 'FVX47' | 'FVX49'; readonly descrizione: string } {
  return /^\d+$/.test(codice) ? { codice: 'FVX47', descrizione: 'Codice Fiscale Impresa non valido' } : { codice: 'FVX49', descrizione: 'Codice Fiscale Persona Fisica non valido' };
}
