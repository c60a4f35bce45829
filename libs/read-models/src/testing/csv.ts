import { giornoItaliano } from '#domain';

/** Parses RFC 4180 CSV with `;` (quotes doubled inside quoted cells, CRLF between rows). */
export function leggiCsv(testo: string, separatore = ';'): string[][] {
  const righe: string[][] = [];
  let riga: string[] = [];
  let cella = '';
  let virgolette = false;
  for (let i = 0; i < testo.length; i++) {
    const c = testo[i];
    if (virgolette) {
      if (c === '"' && testo[i + 1] === '"') {
        cella += '"';
        i++;
      } else if (c === '"') virgolette = false;
      else cella += c;
    } else if (c === '"') virgolette = true;
    else if (c === separatore) {
      riga.push(cella);
      cella = '';
    } else if (c === '\r' && testo[i + 1] === '\n') {
      riga.push(cella);
      righe.push(riga);
      riga = [];
      cella = '';
      i++;
    } else cella += c;
  }
  if (cella !== '' || riga.length > 0) righe.push([...riga, cella]);
  return righe;
}

/** A JSON listing row as the CSV writes it: Italian day, comma decimals, Sì/No, formula guard. */
export function comeCsv(r: Record<string, unknown>): string[] {
  const giorno = (v: unknown) => (v === null || v === undefined ? '' : giornoItaliano(new Date(v as string | Date)).split('-').reverse().join('/'));
  const importo = (v: unknown) => (v === null || v === undefined ? '' : String(v).replace('.', ','));
  const testo = (v: unknown) => (v === null || v === undefined ? '' : /^[=+\-@\t\r]/.test(String(v)) ? `'${String(v)}` : String(v));
  const scadenza = r.dataScadenzaCig ? String(r.dataScadenzaCig).split('-').reverse().join('/') : '';
  return [
    testo(r.oggettoProcedura), testo(r.oggettoLotto), testo(r.lotIdentifier), testo(r.stazioneAppaltante), testo(r.centroDiCosto), testo(r.idAppalto),
    testo(r.idAppaltoAnac), testo(r.statoRichiesta), testo(r.statoAppalto), testo(r.statoLotto), testo(r.tipologiaProcedura), importo(r.importoComplessivo),
    testo(r.rup), testo(r.creatoDa), giorno(r.dataCreazione), giorno(r.dataInvioRichiesta), giorno(r.dataUltimaModifica), giorno(r.dataUltimaTrasmissione),
    testo(r.cig), testo(r.modalita), r.cigUtilizzato ? 'Sì' : 'No', importo(r.valore), scadenza,
    r.esitoAnac === 'KO' ? 'Respinta da ANAC' : '', testo(r.erroriAnac), giorno(r.ritiroRichiestoIl),
  ];
}
