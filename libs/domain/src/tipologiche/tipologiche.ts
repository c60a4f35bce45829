import { DESCRIZIONI_CPV } from './cpv-descrizioni.js';
import { FONTE_TIPOLOGICHE, LISTE_ANAC } from './liste-anac.js';

/** Lists extracted by `npm run tipologiche:estrai` into `liste-anac.ts`; its `FONTE_TIPOLOGICHE` names the commit. */
export type { ListaAnac, ListeAnac } from './lista-anac.js';
export { FONTE_TIPOLOGICHE };

/** ANAC's code for a value not in its code list (`errori.json`): "tipologica non valida". */
export const ERRORE_TIPOLOGICA = 'ERR63';

const insiemi = new Map<string, ReadonlySet<string>>();

/** The codes of one of ANAC's lists (built once, on first use). */
export function codiciTipologica(nome: string): ReadonlySet<string> {
  let insieme = insiemi.get(nome);
  if (!insieme) {
    const lista = LISTE_ANAC[nome];
    if (!lista) throw new Error(`Tipologica ANAC ${nome} non estratta (npm run tipologiche:estrai)`);
    insieme = new Set(lista.codici.split('|'));
    insiemi.set(nome, insieme);
  }
  return insieme;
}

/** The names of the lists the project holds. */
export const tipologicheEstratte = (): readonly string[] => Object.keys(LISTE_ANAC);

/**
 * Whether `codice` is in ANAC's list `nome`; with a day (ISO `AAAA-MM-GG`), also valid on that day
 * (dataFine is the last day of validity, as ANAC's files write it).
 */
export function isCodiceTipologica(nome: string, codice: string, giorno?: string): boolean {
  if (!codiciTipologica(nome).has(codice)) return false;
  const date = giorno === undefined ? undefined : LISTE_ANAC[nome].validita?.[codice];
  if (!date || giorno === undefined) return true;
  const [inizio, fine] = date;
  return (inizio === null || giorno >= inizio) && (fine === null || giorno <= fine);
}

/** A CPV `NNNNNNNN-C` is in ANAC's CPV list when its eight digits are (the list has no check digit). */
export const isCpvAnac = (cpv: string): boolean => /^\d{8}-\d$/.test(cpv) && codiciTipologica('CPV').has(cpv.slice(0, 8));

let comuni: ReadonlySet<string> | undefined;
/**
 * A comune's ISTAT code is in ANAC's `codIstat` list: 9 digits as ANAC writes them (region + 6-digit
 * ISTAT code), or the 6 digits CIG Ledger stores, which must end one of ANAC's codes.
 */
export function isIstatAnac(codice: string): boolean {
  if (/^\d{9}$/.test(codice)) return codiciTipologica('codIstat').has(codice);
  if (!/^\d{6}$/.test(codice)) return false;
  comuni ??= new Set([...codiciTipologica('codIstat')].map((c) => c.slice(3)));
  return comuni.has(codice);
}

/** A NUTS code is in ANAC's `codNUTS` list (CIG Ledger sends codIstat, not NUTS: REG125 allows only one). */
export const isNutsAnac = (codice: string): boolean => codiciTipologica('codNUTS').has(codice);

export interface VoceCpv {
  /** The eight digits of ANAC's list (no check digit). */
  readonly codice: string;
  readonly descrizione: string;
}

let vociCpv: readonly VoceCpv[] | undefined;
const normalizza = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * ANAC's CPV codes whose description contains every word of `q` (accents and case ignored), or whose
 * code begins with its digits; at most `limite`, the most general (fewest significant digits) first.
 */
export function cercaCpv(q: string, limite: number): readonly VoceCpv[] {
  vociCpv ??= DESCRIZIONI_CPV.split('\n').map((riga) => {
    const [codice, descrizione] = riga.split('\t') as [string, string];
    return { codice, descrizione };
  });
  const cifre = q.replace(/[\s-]/g, '');
  const parole = normalizza(q).split(/\s+/).filter(Boolean);
  if (parole.length === 0) return [];
  const trovate = /^\d+$/.test(cifre)
    ? vociCpv.filter((v) => v.codice.startsWith(cifre.slice(0, 8)))
    : vociCpv.filter((v) => {
      const d = normalizza(v.descrizione);
      return parole.every((p) => d.includes(p));
    });
  const significative = (c: string) => c.replace(/0+$/, '').length;
  return [...trovate].sort((a, b) => significative(a.codice) - significative(b.codice) || a.codice.localeCompare(b.codice)).slice(0, limite);
}
