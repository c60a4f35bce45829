/**
 * Calendar days as Italy counts them, without a time-zone library. Rules carry validity dates
 * in Italian calendar days (a deadline "30 giugno" ends at midnight in Rome, not in UTC).
 * Italy is UTC+1 (CET), and UTC+2 (CEST) from the last Sunday of March at 01:00 UTC to the
 * last Sunday of October at 01:00 UTC (EU directive 2000/84/EC: the switch happens at the same
 * UTC instant in every member state).
 */

/** A calendar day, `YYYY-MM-DD`: ISO strings of this form compare correctly as text. */
export type Giorno = string;

const MINUTO = 60_000;

/** 01:00 UTC of the last Sunday of `mese` (0-based) in `anno`. */
function ultimaDomenicaAlleUna(anno: number, mese: number): number {
  const ultimoDelMese = new Date(Date.UTC(anno, mese + 1, 0));
  const giorno = ultimoDelMese.getUTCDate() - ultimoDelMese.getUTCDay();
  return Date.UTC(anno, mese, giorno, 1);
}

/** Minutes Italian legal time is ahead of UTC at `istante`: 60 in winter, 120 in summer. */
export function scostamentoItaliaMinuti(istante: Date): 60 | 120 {
  const anno = istante.getUTCFullYear();
  const t = istante.getTime();
  const estate = t >= ultimaDomenicaAlleUna(anno, 2) && t < ultimaDomenicaAlleUna(anno, 9);
  return estate ? 120 : 60;
}

/** The Italian calendar day `istante` falls on. */
export function giornoItaliano(istante: Date): Giorno {
  const locale = new Date(istante.getTime() + scostamentoItaliaMinuti(istante) * MINUTO);
  return locale.toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` → `DD/MM/YYYY`, as Italian messages show dates. */
export function formatoItaliano(giorno: Giorno): string {
  const [anno, mese, dd] = giorno.split('-');
  return `${dd}/${mese}/${anno}`;
}

/** The first instant (00:00 in Rome) of an Italian calendar day. */
export function inizioGiornoItaliano(giorno: Giorno): Date {
  const [anno, mese, dd] = giorno.split('-').map(Number);
  const mezzanotteUtc = Date.UTC(anno, mese - 1, dd);
  // The offset at midnight UTC is the one in force at midnight in Rome (switches happen at 01:00 UTC).
  return new Date(mezzanotteUtc - scostamentoItaliaMinuti(new Date(mezzanotteUtc)) * MINUTO);
}

/** Adds whole days to an instant (deadlines counted in days, nota SMART CIG 2011: 90 and 30 days). */
export function piuGiorni(istante: Date, giorni: number): Date {
  return new Date(istante.getTime() + giorni * 24 * 60 * MINUTO);
}
