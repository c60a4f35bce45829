const ORA = 3_600_000;
const MINUTO = 60_000;
const ORE_E_MINUTI = /^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$/i;
const SOLO_ORE = /^\d+(?:[.,]\d+)?$/;

/**
 * A duration of the configuration in milliseconds: `90m`, `2h`, `1h30m`, `1h 30min`; a plain
 * number is hours (`24`, `1.5`), as the older `…_ORE` settings were read. NaN when not a duration.
 */
export function durataMs(testo: string): number {
  const t = testo.trim();
  if (SOLO_ORE.test(t)) return Math.round(Number(t.replace(',', '.')) * ORA);
  const m = ORE_E_MINUTI.exec(t);
  if (!m || (m[1] === undefined && m[2] === undefined)) return Number.NaN;
  return Number(m[1] ?? 0) * ORA + Number(m[2] ?? 0) * MINUTO;
}
