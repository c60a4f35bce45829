import PDFDocument from 'pdfkit';
import { formatoItaliano, giornoItaliano, type CarnetEsistente } from '#domain';
import { ETICHETTA_CARNET, ETICHETTA_CIG } from './carnet.service.js';

const giorno = (iso: string) => formatoItaliano(giornoItaliano(new Date(iso)));

/**
 * The document SmartCIG sent by PEC at the generation of a carnet (nota SMART CIG 2011: "un documento in
 * formato PDF"), with the codes' current state. Uncompressed: small (50 lines) and searchable.
 */
export function pdfCarnet(k: CarnetEsistente, generatoIl: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Carnet ${k.numero}`, Author: 'CIG Ledger', CreationDate: generatoIl } });
  const parti: Buffer[] = [];
  doc.on('data', (b: Buffer) => parti.push(b));
  const fine = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(parti)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text(`Carnet di SmartCIG ${k.numero}`);
  doc.moveDown(0.5).fontSize(10);
  doc.text(`Stazione appaltante: ${k.stazioneAppaltante.denominazione} (${k.stazioneAppaltante.codiceFiscale})`);
  doc.text(`Centro di costo: ${k.centroDiCosto.denominazione} (${k.centroDiCosto.codice})`);
  doc.text(`RUP: ${k.rup.nome} (${k.rup.codiceFiscale})`);
  doc.text(`Data creazione: ${giorno(k.rilasciatoIl)}    Data scadenza: ${giorno(k.scadenzaIl)}    Dimensione: ${k.ordine.length}`);
  doc.text(`Stato: ${ETICHETTA_CARNET[k.stato]}    Termine per comunicare i dati: ${giorno(k.termineRendicontazione)}`);
  doc.moveDown();
  doc.fontSize(9);
  k.ordine.forEach((cig, i) => {
    const c = k.codici[cig];
    doc.text(`${String(i + 1).padStart(2, ' ')}.  ${cig}    ${ETICHETTA_CIG[c.stato]}    ${c.dati?.oggetto ?? '-'}`);
  });
  doc.moveDown().fontSize(8).text('I CIG del carnet sono utilizzabili da subito, validi 90 giorni dal rilascio; i dati vanno comunicati entro 30 giorni dalla scadenza (fonte: «SMART CIG», contributo professionale del 4 maggio 2011).');
  doc.end();
  return fine;
}
