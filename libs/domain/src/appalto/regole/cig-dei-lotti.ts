import { regola, type Problema } from '../../shared/domain-error.js';
import { campoLotto } from '../lotto.js';
import type { CigLotto, Lotto } from '../types.js';

const problema = (campo: string, codice: string, messaggio: string): Problema => ({ sezione: 'lotti', campo, codice, messaggio });

/** ANAC ERR56 ("cig non coerenti nell'elenco dei lotti") and ERR55 ("cig duplicato"): one code per lot, every lot. */
function problemiCopertura(lotti: readonly Lotto[], cig: readonly CigLotto[]): Problema[] {
  const noti = new Set(lotti.map((l) => l.lotIdentifier));
  const sconosciuti = cig.filter((c) => !noti.has(c.lotIdentifier)).map((c) => problema(`cig[${c.lotIdentifier}]`, 'ERR56', `Il CIG ${c.cig} è indicato per il lotto ${c.lotIdentifier}, che non esiste nell'appalto`));
  const perLotto = lotti.flatMap((l) => {
    const n = cig.filter((c) => c.lotIdentifier === l.lotIdentifier).length;
    if (n === 1) return [];
    return [problema(campoLotto(l.lotIdentifier, 'cig'), 'ERR56', n === 0 ? `Manca il CIG del lotto ${l.lotIdentifier}` : `Il lotto ${l.lotIdentifier} ha ${n} CIG: ne è previsto uno`)];
  });
  const duplicati = cig.filter((c, i) => cig.findIndex((d) => d.cig === c.cig) !== i).map((c) => problema(`cig[${c.lotIdentifier}]`, 'ERR55', `Il CIG ${c.cig} è indicato per più lotti`));
  return [...sconosciuti, ...perLotto, ...duplicati];
}

/**
 * Checks the CIGs ANAC gave for the lots (conferma, modifica-avviso) and returns them in lot
 * order: exactly one per lot, no unknown lot, no code twice (422 CIG_LOTTI_INCOERENTI); every
 * code passes the official check (422 CIG_NON_VALIDO, DESIGN §2); none was ever used before
 * by this appalto (422 CIG_GIA_ASSEGNATO).
 */
export function verificaCigDeiLotti<T extends CigLotto>(
  lotti: readonly Lotto[],
  cig: readonly T[],
  cigValido: (codice: string) => boolean,
  giaUsati: readonly string[] = [],
): T[] {
  const copertura = problemiCopertura(lotti, cig);
  if (copertura.length > 0) throw regola('CIG_LOTTI_INCOERENTI', "I CIG ricevuti non corrispondono ai lotti dell'appalto", copertura);
  const nonValidi = cig.filter((c) => !cigValido(c.cig));
  if (nonValidi.length > 0) {
    const problemi = nonValidi.map((c) => problema(campoLotto(c.lotIdentifier, 'cig'), 'CIG_NON_VALIDO', `Il codice ${c.cig} non è un CIG valido`));
    throw regola('CIG_NON_VALIDO', `CIG non validi: ${nonValidi.map((c) => c.cig).join(', ')}`, problemi);
  }
  const riusati = cig.filter((c) => giaUsati.includes(c.cig)).map((c) => problema(campoLotto(c.lotIdentifier, 'cig'), 'CIG_GIA_ASSEGNATO', `Il CIG ${c.cig} è già stato assegnato a questo appalto`));
  if (riusati.length > 0) throw regola('CIG_GIA_ASSEGNATO', 'I nuovi CIG devono essere diversi da tutti quelli già assegnati', riusati);
  return lotti.map((l) => cig.find((c) => c.lotIdentifier === l.lotIdentifier)!);
}

/** Same lots, same codes, in any order. */
export const stessiCig = (a: readonly CigLotto[], b: readonly CigLotto[]): boolean =>
  a.length === b.length && a.every((x) => b.some((y) => y.lotIdentifier === x.lotIdentifier && y.cig === x.cig));
