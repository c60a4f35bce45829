/**
 * Formats of Italian tax codes. Only the shape is checked: companies and public bodies have 11
 * digits (partita IVA form); people have 16 characters, where omocodia may replace any digit
 * with one of LMNPQRSTUV (Agenzia delle Entrate, D.M. 12/03/1974).
 */
const NUMERICO = /^\d{11}$/;
const CIFRA = '[0-9LMNPQRSTUV]';
const PERSONA = new RegExp(`^[A-Z]{6}${CIFRA}{2}[ABCDEHLMPRST]${CIFRA}{2}[A-Z]${CIFRA}{3}[A-Z]$`);

export const isCodiceFiscaleNumerico = (codice: string): boolean => NUMERICO.test(codice);
export const isCodiceFiscalePersona = (codice: string): boolean => PERSONA.test(codice);
export const isCodiceFiscale = (codice: string): boolean => isCodiceFiscaleNumerico(codice) || isCodiceFiscalePersona(codice);
