/**
 * ANAC's `codIstat` code list (`codIstat.json`, anticorruzione/npa) names a comune with 9 digits:
 * the ISTAT region code on three digits, then the 6-digit ISTAT comune code (province +
 * progressive) that CIG Ledger stores. "001001001" is AGLIE' (Piemonte 001, Torino 001, comune
 * 001), "009048017" is FIRENZE (Toscana 009). The region is derived from the province with ISTAT's
 * table of provinces below.
 */
const REGIONE_PER_PROVINCIA: Readonly<Record<number, readonly number[]>> = {
  1: [1, 2, 3, 4, 5, 6, 96, 103], // Piemonte
  2: [7], // Valle d'Aosta
  3: [12, 13, 14, 15, 16, 17, 18, 19, 20, 97, 98, 108], // Lombardia
  4: [21, 22], // Trentino-Alto Adige
  5: [23, 24, 25, 26, 27, 28, 29], // Veneto
  6: [30, 31, 32, 93], // Friuli-Venezia Giulia
  7: [8, 9, 10, 11], // Liguria
  8: [33, 34, 35, 36, 37, 38, 39, 40, 99], // Emilia-Romagna
  9: [45, 46, 47, 48, 49, 50, 51, 52, 53, 100], // Toscana
  10: [54, 55], // Umbria
  11: [41, 42, 43, 44, 109], // Marche
  12: [56, 57, 58, 59, 60], // Lazio
  13: [66, 67, 68, 69], // Abruzzo
  14: [70, 94], // Molise
  15: [61, 62, 63, 64, 65], // Campania
  16: [71, 72, 73, 74, 75, 110], // Puglia
  17: [76, 77], // Basilicata
  18: [78, 79, 80, 101, 102], // Calabria
  19: [81, 82, 83, 84, 85, 86, 87, 88, 89], // Sicilia
  20: [90, 91, 92, 95, 104, 105, 106, 107, 111], // Sardegna
};

const REGIONI = new Map<number, number>(
  Object.entries(REGIONE_PER_PROVINCIA).flatMap(([regione, province]) => province.map((p): [number, number] => [p, Number(regione)])),
);

/**
 * The `codIstat` code for a comune: a 6-digit ISTAT code gets its 3-digit region prefix; a 9-digit
 * value is taken to be ANAC's code already. Undefined when the province is unknown.
 */
export function codiceIstatAnac(luogoIstat: string): string | undefined {
  const codice = luogoIstat.trim();
  if (/^\d{9}$/.test(codice)) return codice;
  if (!/^\d{6}$/.test(codice)) return undefined;
  const regione = REGIONI.get(Number(codice.slice(0, 3)));
  return regione === undefined ? undefined : `${String(regione).padStart(3, '0')}${codice}`;
}
