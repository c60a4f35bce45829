import type { Problema, Sezione } from '../shared/domain-error.js';
import { ERRORE_TIPOLOGICA, isCpvAnac } from '../tipologiche/tipologiche.js';
import type { Cpv } from './types.js';

/**
 * CPV codes (Common Procurement Vocabulary, Regulation (EC) 213/2008): `NNNNNNNN-C`.
 * The eight digits must be in ANAC's CPV list (`tipologiche/CPV.json`, extracted as data).
 * The check digit C is NOT verified: neither Regulation (EC) 213/2008 nor ANAC's list (which has
 * eight-digit codes only) publishes its definition, so any digit is accepted.
 */
const FORMATO = /^\d{8}-\d$/;

/** The 45 divisions of the CPV 2008 main vocabulary: the first two digits must be one of them. */
export const DIVISIONI_CPV: ReadonlySet<string> = new Set(
  '03 09 14 15 16 18 19 22 24 30 31 32 33 34 35 37 38 39 41 42 43 44 45 48 50 51 55 60 63 64 65 66 70 71 72 73 75 76 77 79 80 85 90 92 98'.split(' '),
);

export type LivelloCpv = 1 | 2 | 3 | 4 | 5;

/** Level of a well-formed code: division XX000000 = 1, group 2, class 3, category 4, deeper 5. */
export function livelloCpv(codice: string): LivelloCpv {
  const cifre = codice.slice(0, 8);
  for (const livello of [1, 2, 3, 4] as const) {
    if (/^0*$/.test(cifre.slice(livello + 1))) return livello;
  }
  return 5;
}

export function isCpv(codice: string): boolean {
  return FORMATO.test(codice) && DIVISIONI_CPV.has(codice.slice(0, 2));
}

export function problemiCpv(codice: string, campo: string, sezione: Sezione): Problema[] {
  if (!FORMATO.test(codice)) return [{ sezione, campo, codice: 'CPV_NON_VALIDO', messaggio: `Il CPV "${codice}" non ha il formato NNNNNNNN-C` }];
  if (!DIVISIONI_CPV.has(codice.slice(0, 2))) {
    return [{ sezione, campo, codice: 'CPV_NON_VALIDO', messaggio: `Il CPV ${codice} non appartiene a nessuna divisione del vocabolario CPV` }];
  }
  if (!isCpvAnac(codice)) {
    return [{ sezione, campo, codice: ERRORE_TIPOLOGICA, messaggio: `Tipologica non valida: il CPV ${codice.slice(0, 8)} non è nell'elenco CPV di ANAC` }];
  }
  return [];
}

const SEZIONE: Sezione = 'classificazione';
const CAMPO = 'classificazione.cpv';

/**
 * The classification of an appalto: at least one CPV, exactly one principale (ANAC REG116) of
 * at least the third level (manuale START Richiedi CIG: "almeno una categoria principale di terzo livello"),
 * no code twice (ANAC REG65 as principale, REG66 as secondaria).
 */
export function problemiClassificazione(cpv: readonly Cpv[]): Problema[] {
  if (cpv.length === 0) {
    return [{ sezione: SEZIONE, campo: CAMPO, codice: 'CLASSIFICAZIONE_VUOTA', messaggio: 'Inserire almeno una categoria principale di terzo livello' }];
  }
  const formato = cpv.flatMap((c, i) => problemiCpv(c.codice, `${CAMPO}[${i}]`, SEZIONE));
  return [...formato, ...problemiPrincipale(cpv), ...problemiDuplicati(cpv)];
}

function problemiPrincipale(cpv: readonly Cpv[]): Problema[] {
  const principali = cpv.filter((c) => c.principale);
  if (principali.length === 0) {
    return [{ sezione: SEZIONE, campo: CAMPO, codice: 'CPV_PRINCIPALE_MANCANTE', messaggio: 'Indicare la categoria principale (CPV prevalente)' }];
  }
  if (principali.length > 1) {
    return [{ sezione: SEZIONE, campo: CAMPO, codice: 'REG116', messaggio: 'Indicare una sola CPV di tipo prevalente' }];
  }
  const [principale] = principali;
  if (isCpv(principale.codice) && livelloCpv(principale.codice) < 3) {
    return [
      {
        sezione: SEZIONE,
        campo: CAMPO,
        codice: 'CPV_LIVELLO_INSUFFICIENTE',
        messaggio: `La categoria principale ${principale.codice} deve essere almeno di terzo livello (classe)`,
      },
    ];
  }
  return [];
}

function problemiDuplicati(cpv: readonly Cpv[]): Problema[] {
  return cpv.flatMap((c, i): Problema[] => {
    const precedente = cpv.slice(0, i).find((p) => p.codice === c.codice);
    if (!precedente) return [];
    const comePrincipale = precedente.principale || c.principale;
    return [
      {
        sezione: SEZIONE,
        campo: `${CAMPO}[${i}]`,
        codice: comePrincipale ? 'REG65' : 'REG66',
        messaggio: `CPV ${c.codice} già inserita come CPV ${comePrincipale ? 'prevalente' : 'secondaria'}`,
      },
    ];
  });
}
