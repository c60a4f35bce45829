import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { formatoItaliano, giornoItaliano, type CarnetEsistente } from '#domain';
import { ETICHETTA_CARNET, ETICHETTA_CIG } from './carnets.js';

const giorno = (iso: string) => formatoItaliano(giornoItaliano(new Date(iso)));
const dataOra = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const euro = new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' });

/** The fonts embedded in the document (Titillium Web, SIL Open Font License, in config/fonts): PDF/A embeds every font. */
function cartellaFont(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidata = join(dir, 'config', 'fonts');
    if (existsSync(join(candidata, 'TitilliumWeb-Regular.ttf'))) return candidata;
    const su = dirname(dir);
    if (su === dir) throw new Error('config/fonts/TitilliumWeb-Regular.ttf non trovato: i font del PDF del carnet mancano');
    dir = su;
  }
}
let font: { normale: string; grassetto: string } | undefined;

/** The grid: N., CIG, stato, oggetto, importo (A4 less 50 pt margins = 495 pt). */
const COLONNE = [
  { titolo: 'N.', larghezza: 28, allinea: 'right' as const },
  { titolo: 'CIG', larghezza: 78, allinea: 'left' as const },
  { titolo: 'Stato', larghezza: 110, allinea: 'left' as const },
  { titolo: 'Oggetto', larghezza: 194, allinea: 'left' as const },
  { titolo: 'Importo', larghezza: 85, allinea: 'right' as const },
];
const RIGA = 16;
const MARGINE = 50;

/**
 * The document SmartCIG sent by PEC at the generation of a carnet (nota SMART CIG 2011: "un documento in
 * formato PDF"), with the codes' current state: the carnet's data, the counts, a grid of the codes with
 * the amount of those communicated, the reporting deadline, the generation date and "Pagina n di m".
 * PDF/A-2b (XMP pdfaid part 2, conformance B; sRGB output intent; fonts embedded). Uncompressed: small and searchable.
 */
export function pdfCarnet(k: CarnetEsistente, generatoIl: Date): Promise<Buffer> {
  if (!font) {
    const dir = cartellaFont();
    font = { normale: join(dir, 'TitilliumWeb-Regular.ttf'), grassetto: join(dir, 'TitilliumWeb-SemiBold.ttf') };
  }
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGINE,
    compress: false,
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'it-IT',
    displayTitle: true,
    font: font.normale,
    info: { Title: `Carnet di SmartCIG ${k.numero}`, Author: 'CIG Ledger', Subject: 'Carnet di SmartCIG', CreationDate: generatoIl, ModDate: generatoIl },
  });
  doc.registerFont('normale', font.normale);
  doc.registerFont('grassetto', font.grassetto);
  const parti: Buffer[] = [];
  doc.on('data', (b: Buffer) => parti.push(b));
  const fine = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(parti)));
    doc.on('error', reject);
  });
  const conta = (stato: string) => k.ordine.filter((c) => k.codici[c]?.stato === stato).length;

  doc.font('grassetto').fontSize(16).text(`Carnet di SmartCIG ${k.numero}`);
  doc.moveDown(0.4).font('normale').fontSize(10);
  doc.text(`Stazione appaltante: ${k.stazioneAppaltante.denominazione} (${k.stazioneAppaltante.codiceFiscale})`);
  doc.text(`Centro di costo: ${k.centroDiCosto.denominazione} (${k.centroDiCosto.codice})`);
  doc.text(`RUP: ${k.rup.nome} (${k.rup.codiceFiscale})`);
  doc.text(`Data creazione: ${giorno(k.rilasciatoIl)}    Data scadenza: ${giorno(k.scadenzaIl)}    Dimensione: ${k.ordine.length}`);
  doc.text(`Stato: ${ETICHETTA_CARNET[k.stato]}`);
  doc.font('grassetto').text(`Termine per comunicare i dati (rendicontazione): ${giorno(k.termineRendicontazione)}`);
  doc.font('normale').text(`CIG non rendicontati: ${conta('NON_RENDICONTATO')}    comunicati: ${conta('COMUNICATO')}    annullati: ${conta('ANNULLATO')}`);
  doc.moveDown(0.8);

  const cella = (testo: string, x: number, y: number, c: (typeof COLONNE)[number]) => {
    doc.rect(x, y, c.larghezza, RIGA).stroke();
    doc.text(testo, x + 3, y + 3, { width: c.larghezza - 6, height: RIGA - 4, align: c.allinea, lineBreak: false, ellipsis: true });
  };
  const riga = (valori: readonly string[], intestazione: boolean) => {
    const y = doc.y;
    let x = MARGINE;
    doc.font(intestazione ? 'grassetto' : 'normale').fontSize(8.5).lineWidth(0.5).strokeColor('#5c6f82');
    if (intestazione) doc.rect(MARGINE, y, COLONNE.reduce((s, c) => s + c.larghezza, 0), RIGA).fillColor('#e6ecf2').fill().fillColor('#000000');
    COLONNE.forEach((c, i) => {
      cella(valori[i] ?? '', x, y, c);
      x += c.larghezza;
    });
    doc.x = MARGINE;
    doc.y = y + RIGA;
  };
  const fondo = () => doc.page.height - MARGINE - 20;
  riga(COLONNE.map((c) => c.titolo), true);
  k.ordine.forEach((cig, i) => {
    if (doc.y + RIGA > fondo()) {
      doc.addPage();
      riga(COLONNE.map((c) => c.titolo), true);
    }
    const c = k.codici[cig];
    const importo = c?.stato === 'COMUNICATO' && c.dati?.importo != null ? euro.format(Number(c.dati.importo)) : '';
    riga([String(i + 1), cig, ETICHETTA_CIG[c?.stato ?? ''] ?? '', c?.dati?.oggetto ?? '', importo], false);
  });
  doc.moveDown(0.8).font('normale').fontSize(8);
  if (doc.y + 30 > fondo()) doc.addPage();
  doc.text('I CIG del carnet sono utilizzabili da subito, validi 90 giorni dal rilascio; i dati vanno comunicati entro 30 giorni dalla scadenza (fonte: «SMART CIG», contributo professionale del 4 maggio 2011).', MARGINE, doc.y, { width: 495 });

  const { start, count } = doc.bufferedPageRange();
  const generato = dataOra.format(generatoIl);
  for (let p = start; p < start + count; p++) {
    doc.switchToPage(p);
    const y = doc.page.height - MARGINE + 10;
    // Below the bottom margin: writing there must not start a new page.
    const margineBasso = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('normale').fontSize(8).fillColor('#000000');
    doc.text(`Carnet ${k.numero} — generato il ${generato}`, MARGINE, y, { width: 300, lineBreak: false });
    doc.text(`Pagina ${p - start + 1} di ${count}`, MARGINE + 345, y, { width: 150, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margineBasso;
  }
  doc.end();
  return fine;
}
