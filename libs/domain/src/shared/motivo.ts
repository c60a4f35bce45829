import { nonValido } from './domain-error.js';

/** ANAC's `motivo` of a cancellation is a free text of at most 200 characters (cancella-appalto). */
export const MOTIVO_MAX = 200;

/** Throws 400 MOTIVO_NON_VALIDO unless `motivo` is a non-empty text of at most 200 characters. */
export function verificaMotivo(motivo: string): string {
  const testo = motivo.trim();
  if (testo.length === 0 || testo.length > MOTIVO_MAX) {
    throw nonValido('MOTIVO_NON_VALIDO', `Il motivo della cancellazione è obbligatorio e non può superare ${MOTIVO_MAX} caratteri`);
  }
  return testo;
}
