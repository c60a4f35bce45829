import type { Regime } from '../shared/vocabolario.js';
import { nonValido } from '../shared/domain-error.js';
import type { DatiImportati } from './dati-importati.js';
import { regolaVigente } from '../regole/tabella-regole.js';
import type { CigEvent } from './events.js';

export type { DatiImportati } from './dati-importati.js';

/** An event of the import with the instant it was effective at (the row's own date). */
export type EventoImportato = CigEvent & { readonly effectiveAt: string };

/** Regime of an imported code: SmartCIG family X/Y/Z; otherwise SIMOG, or PCP when dated from 2024. */
export function regimeImportato(cig: string, data: Date): Regime {
  if (/^[XYZ]/.test(cig)) return 'SMARTCIG';
  return /^[A-U]/.test(cig) && regolaVigente('PCP_ACQUISIZIONE_CIG', data) ? 'PCP' : 'SIMOG';
}

/**
 * The events one row becomes, each with its original date, so that replaying history "as of" a
 * date shows the CIG as it was: CigImportato, then CigPerfezionato and CigCancellato at their own
 * dates. The dataset has no date of assignment; the code existed by the earliest of its dates,
 * which is when CigImportato is dated: usually the publication, but in some of ANAC's rows the
 * last perfection (or the cancellation) precedes it, and history must never show a code
 * perfected (or cancelled) before it exists. No date of ANAC's is changed.
 * `ids`: appaltoId (the gara, or the code itself) computed by the importer.
 */
export function eventiImportazione(cig: string, dati: DatiImportati, ids: { readonly appaltoId: string }, cigValido: (c: string) => boolean): EventoImportato[] {
  if (!cigValido(cig)) throw nonValido('CIG_NON_VALIDO', `Il codice ${cig} non è un CIG valido (algoritmo ANAC)`);
  // ISO instants of one format: the lexical order is the time order.
  const [data] = [dati.dataPubblicazione, dati.dataUltimoPerfezionamento, dati.dataCancellazione].filter((d): d is string => d !== undefined).sort();
  if (data === undefined) throw nonValido('DATA_MANCANTE', 'La riga non ha né data_pubblicazione, né DATA_ULTIMO_PERFEZIONAMENTO, né DATA_CANCELLAZIONE');
  const regime = regimeImportato(cig, new Date(data));
  const eventi: EventoImportato[] = [
    { type: 'CigImportato', data: { cig, regime, appaltoId: ids.appaltoId, lotIdentifier: cig, dati, il: data }, effectiveAt: data },
  ];
  if (dati.dataUltimoPerfezionamento) {
    eventi.push({ type: 'CigPerfezionato', data: { cig, il: dati.dataUltimoPerfezionamento }, effectiveAt: dati.dataUltimoPerfezionamento });
  }
  if (dati.dataCancellazione) {
    const codice = Number(dati.codMotivoCancellazione);
    const motivo = `Cancellato (open data ANAC${dati.codMotivoCancellazione ? `, motivo ${dati.codMotivoCancellazione}` : ''})`;
    eventi.push({
      type: 'CigCancellato',
      data: { cig, motivo, ...(Number.isInteger(codice) && codice > 0 ? { codiceMotivo: codice } : {}), il: dati.dataCancellazione },
      effectiveAt: dati.dataCancellazione,
    });
  }
  return eventi;
}
