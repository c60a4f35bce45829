import { parse, type CsvError, type InfoRecord, type Parser } from 'csv-parse';

/**
 * Reads ANAC's open data CSV (fields separated by `;`, optionally in double quotes with `""` for
 * a quote, line breaks allowed inside quotes, LF or CRLF, an optional UTF-8 BOM) with csv-parse,
 * chunk by chunk: a file of hundreds of MB is never held in memory.
 *
 * A malformed record never takes other rows with it. csv-parse reports it (a stray quote, a quote
 * never closed, a number of fields other than the header's); the reader reports the line where
 * that record began and reads the file again from the next line with a new parser, so that the
 * rows an unclosed quote swallowed are still read.
 */
export interface RecordCsv {
  readonly campi: readonly string[];
  /** Line of the file where the record starts (1-based: the header is line 1). */
  readonly riga: number;
}

/** A line that is not a CSV record: reported with its number, the reading goes on at the next line. */
export interface RigaMalformata {
  readonly riga: number;
  readonly motivo: string;
}

export type VoceCsv = RecordCsv | RigaMalformata;

export const isMalformata = (v: VoceCsv): v is RigaMalformata => 'motivo' in v;

/** A file that cannot be read at all (its header): the message names the line and the reason. */
export class CsvNonValido extends Error {
  constructor(readonly riga: number, motivo: string) {
    super(`CSV non valido alla riga ${riga}: ${motivo}`);
    this.name = 'CsvNonValido';
  }
}

/** A record longer than this is a quote left open (ANAC's rows are well under 10 KB). */
const MASSIMO_RECORD_BYTE = 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/** Records of a byte or text stream (a file, an HTTP request), decoded as UTF-8, with the malformed lines. */
export async function* leggiCsv(sorgente: AsyncIterable<Uint8Array | string>, separatore = ';'): AsyncGenerator<VoceCsv> {
  const lettore = new LettoreCsv(separatore);
  for await (const chunk of sorgente) yield* await lettore.scrivi(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  yield* await lettore.fine();
}

interface Errore {
  readonly riga: number;
  readonly motivo: string;
}

/** One csv-parse parser over the file from a line on; replaced by a new one after a malformed record. */
class Passata {
  readonly parser: Parser;
  /** Input of this parser not yet part of a confirmed record, from its offset `base`. */
  trattenuto = Buffer.alloc(0);
  base = 0;
  /** Offset (in this parser's input) after the last record read, and the line that starts there. */
  confermato = 0;
  riga: number;
  errore: Errore | undefined;
  readonly voci: VoceCsv[] = [];

  constructor(
    separatore: string,
    rigaIniziale: number,
    inizioFile: boolean,
    private readonly campiAttesi: () => number | undefined,
    private readonly intestazione: (campi: readonly string[]) => void,
  ) {
    this.riga = rigaIniziale;
    this.parser = parse({
      delimiter: separatore,
      bom: inizioFile,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true, // counted here against the header, to report the line
      skip_empty_lines: false, // blank lines come as [''] and are counted here
      skip_records_with_error: true,
      max_record_size: MASSIMO_RECORD_BYTE,
      on_record: (campi: string[], info: InfoRecord) => this.record(campi, info.bytes),
      on_skip: (errore: CsvError | undefined) => this.malformato(descrivi(errore)),
    });
    this.parser.on('error', () => undefined); // errors reach the write callbacks
    this.parser.resume(); // records are taken by on_record: nothing is queued
  }

  async scrivi(bytes: Buffer): Promise<void> {
    const inizio = this.confermato - this.base;
    this.trattenuto = inizio > 0 ? Buffer.concat([this.trattenuto.subarray(inizio), bytes]) : Buffer.concat([this.trattenuto, bytes]);
    this.base = this.confermato;
    if (bytes.length > 0) await new Promise<void>((ok, ko) => this.parser.write(bytes, (e) => (e ? ko(e) : ok())));
  }

  async chiudi(): Promise<void> {
    await new Promise<void>((ok) => this.parser.end(ok));
  }

  /** What follows the line where the malformed record began (see {@link dopoFineRiga}). */
  dopoLaRigaErrata(): Buffer | 'CR' | undefined {
    return dopoFineRiga(this.trattenuto.subarray(this.confermato - this.base));
  }

  private record(campi: string[], fineByte: number): null {
    if (this.errore) return null; // the rest of this parser's input is read again by the next one
    const testo = this.trattenuto.subarray(this.confermato - this.base, fineByte - this.base);
    const attesi = this.campiAttesi();
    const vuota = campi.length === 1 && campi[0] === '' && !testo.includes(0x22);
    if (!vuota && attesi !== undefined && campi.length !== attesi) {
      this.malformato(`${campi.length} campi invece dei ${attesi} dell'intestazione (separatore ";" o virgolette non chiuse?)`);
      return null;
    }
    const riga = this.riga;
    this.riga += interruzioniDiRiga(testo);
    this.confermato = fineByte;
    if (vuota) return null;
    if (attesi === undefined) this.intestazione(campi);
    this.voci.push({ campi, riga });
    return null;
  }

  private malformato(motivo: string): undefined {
    this.errore ??= { riga: this.riga, motivo };
    return undefined;
  }
}

/** Drives a {@link Passata} after another over the input, reporting each malformed line. */
class LettoreCsv {
  private passata: Passata;
  private campi: number | undefined;
  private primaRiga = '';
  /** The malformed line continues in the next chunks: its rest is skipped up to its end (or its LF after a CR). */
  private salta: { riga: number; dopoCr: boolean } | undefined;

  constructor(private readonly separatore: string) {
    this.passata = this.nuova(1, true);
  }

  async scrivi(bytes: Buffer): Promise<VoceCsv[]> {
    if (this.campi === undefined && this.primaRiga.length < 4096) this.primaRiga += bytes.subarray(0, 4096).toString('utf8');
    const voci: VoceCsv[] = [];
    let resto: Buffer | undefined = bytes;
    if (this.salta) {
      const dopo = this.salta.dopoCr ? bytes.subarray(bytes[0] === LF ? 1 : 0) : dopoFineRiga(bytes);
      if (dopo === undefined) return voci;
      if (dopo === 'CR') {
        this.salta = { ...this.salta, dopoCr: true };
        return voci;
      }
      resto = dopo;
      this.passata = this.nuova(this.salta.riga, false);
      this.salta = undefined;
    }
    await this.passata.scrivi(resto);
    await this.riprendi(voci);
    return voci;
  }

  async fine(): Promise<VoceCsv[]> {
    const voci: VoceCsv[] = [];
    while (!this.salta) {
      const passata = this.passata;
      await passata.chiudi();
      voci.push(...passata.voci.splice(0));
      if (!passata.errore) break;
      await this.riprendi(voci);
    }
    return voci;
  }

  /** After a malformed record: report its first line, read again from the next one. */
  private async riprendi(voci: VoceCsv[]): Promise<void> {
    for (;;) {
      const passata = this.passata;
      voci.push(...passata.voci.splice(0));
      const errore = passata.errore;
      if (!errore) return;
      if (this.campi === undefined) throw new CsvNonValido(errore.riga, `intestazione non leggibile: ${errore.motivo}${suggerimentoSeparatore(this.primaRiga, this.separatore)}`);
      voci.push({ riga: errore.riga, motivo: errore.motivo });
      const dopo = passata.dopoLaRigaErrata();
      passata.parser.destroy();
      if (dopo === undefined || dopo === 'CR') {
        this.salta = { riga: errore.riga + 1, dopoCr: dopo === 'CR' };
        return;
      }
      this.passata = this.nuova(errore.riga + 1, false);
      await this.passata.scrivi(dopo);
    }
  }

  private nuova(riga: number, inizioFile: boolean): Passata {
    return new Passata(this.separatore, riga, inizioFile, () => this.campi, (campi) => (this.campi = campi.length));
  }
}

/**
 * The bytes after the first line break; undefined when there is none yet, 'CR' when the only one
 * is a CR at the very end (its LF may come with the next chunk).
 */
function dopoFineRiga(bytes: Buffer): Buffer | 'CR' | undefined {
  const a = bytes.indexOf(LF);
  const r = bytes.indexOf(CR);
  const fine = a === -1 ? r : r === -1 ? a : Math.min(a, r);
  if (fine === -1) return undefined;
  if (bytes[fine] === CR && fine === bytes.length - 1) return 'CR';
  return bytes.subarray(fine + (bytes[fine] === CR && bytes[fine + 1] === LF ? 2 : 1));
}

/** Line breaks in a record's bytes: LF, CRLF or a lone CR, each counted once. */
function interruzioniDiRiga(testo: Buffer): number {
  let n = 0;
  for (let i = testo.indexOf(LF); i !== -1; i = testo.indexOf(LF, i + 1)) n++;
  for (let i = testo.indexOf(CR); i !== -1; i = testo.indexOf(CR, i + 1)) if (testo[i + 1] !== LF) n++;
  return n;
}

const SEPARATORI: Readonly<Record<string, string>> = { ',': 'la virgola (,)', '\t': 'la tabulazione', '|': 'la barra verticale (|)', ';': 'il punto e virgola (;)' };

/**
 * When the first line has no `separatore` but another usual separator, says which one it found:
 * ANAC's open data files use `;` (a file saved again by a spreadsheet often has `,`).
 */
export function suggerimentoSeparatore(primaRiga: string, separatore = ';'): string {
  const riga = primaRiga.split(/\r\n|\n|\r/, 1)[0] ?? '';
  if (riga.includes(separatore)) return '';
  const [trovato] = Object.keys(SEPARATORI)
    .filter((s) => s !== separatore)
    .map((s) => [s, riga.split(s).length - 1] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])[0] ?? [];
  return trovato === undefined ? '' : `: l'intestazione usa come separatore ${SEPARATORI[trovato]}, i file open data ANAC usano ${SEPARATORI[separatore] ?? `"${separatore}"`}`;
}

/** csv-parse's reasons, in Italian. */
function descrivi(errore: CsvError | undefined): string {
  switch (errore?.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'virgolette aperte e mai chiuse';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'virgolette chiuse a metà di un campo (dopo la virgoletta di chiusura deve venire ";" o la fine della riga): virgolette non chiuse o non raddoppiate';
    case 'INVALID_OPENING_QUOTE':
      return 'virgoletta dentro un campo non racchiuso tra virgolette (va raddoppiata, con il campo tra virgolette)';
    case 'CSV_MAX_RECORD_SIZE':
      return `record oltre ${MASSIMO_RECORD_BYTE / 1024 / 1024} MB: virgolette non chiuse`;
    default:
      return 'riga non leggibile come CSV';
  }
}
