/**
 * Amounts in euro travel as decimal strings with at most two decimals ("4999.99"): exact,
 * readable in events, and never a float. Comparisons go through integer cents.
 */
export type Importo = string;

/** The text of a valid amount: up to 13 integer digits without leading zeros, at most two decimals. */
export const FORMATO_IMPORTO = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

export function isImporto(value: unknown): value is Importo {
  return typeof value === 'string' && FORMATO_IMPORTO.test(value);
}

/** Integer cents of a valid amount. */
export function centesimi(importo: Importo): number {
  if (!isImporto(importo)) throw new RangeError(`importo non valido: ${importo}`);
  const [interi, decimali = ''] = importo.split('.');
  return Number(interi) * 100 + Number(decimali.padEnd(2, '0'));
}

export function daCentesimi(cents: number): Importo {
  const interi = Math.floor(cents / 100);
  const resto = cents % 100;
  return resto === 0 ? String(interi) : `${interi}.${String(resto).padStart(2, '0')}`;
}

/** The text {@link dueDecimali} gives: two decimals always. */
export const FORMATO_DUE_DECIMALI = /^\d+\.\d{2}$/;

/** The one text of an amount shown to users: two decimals ("1250" → "1250.00"), as the listing and its CSV. */
export function dueDecimali(importo: Importo): string {
  const cents = centesimi(importo);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function somma(importi: readonly Importo[]): Importo {
  return daCentesimi(importi.reduce((s, i) => s + centesimi(i), 0));
}
