/**
 * A streaming parser of ANAC's open data CSV: fields separated by `;`, optionally enclosed in
 * double quotes, a quote inside a quoted field doubled (`""`), separators and line breaks allowed
 * inside quotes, records ending with LF or CRLF, an optional UTF-8 BOM. Written here (no
 * dependency) so that a file of hundreds of MB is read chunk by chunk, never held in memory.
 */
export interface RecordCsv {
  readonly campi: readonly string[];
  /** Line of the file where the record starts (1-based: the header is line 1). */
  readonly riga: number;
}

export class CsvParser {
  private campo = '';
  private campi: string[] = [];
  private traVirgolette = false;
  /** A quote seen inside a quoted field: either the closing one or the first of `""`. */
  private virgolettaInSospeso = false;
  private crInSospeso = false;
  private riga = 1;
  private inizioRecord = 1;
  private iniziato = false;
  private primoChunk = true;

  private readonly speciali: RegExp;

  constructor(private readonly separatore = ';') {
    this.speciali = new RegExp(`[${separatore.replace(/[\\\]^-]/g, '\\$&')}"\r\n]`, 'g');
  }

  /** Feeds a chunk; returns the records it completed. */
  push(chunk: string): RecordCsv[] {
    const out: RecordCsv[] = [];
    let testo = chunk;
    if (this.primoChunk && testo.charCodeAt(0) === 0xfeff) testo = testo.slice(1);
    this.primoChunk = testo.length === 0 && this.primoChunk;
    const speciali = this.speciali;
    for (let i = 0; i < testo.length; i++) {
      const c = testo[i];
      if (this.crInSospeso) {
        this.crInSospeso = false;
        if (c === '\n') continue; // CRLF: the record already ended at CR
      }
      if (this.virgolettaInSospeso) {
        this.virgolettaInSospeso = false;
        if (c === '"') {
          this.campo += '"';
          continue;
        }
        this.traVirgolette = false; // it was the closing quote: fall through to handle c
      }
      if (this.traVirgolette) {
        // Fast path: copy up to the next quote at once, counting the line breaks inside.
        const q = testo.indexOf('"', i);
        const fine = q === -1 ? testo.length : q;
        const pezzo = testo.slice(i, fine);
        for (let k = pezzo.indexOf('\n'); k !== -1; k = pezzo.indexOf('\n', k + 1)) this.riga++;
        this.campo += pezzo;
        if (q === -1) break;
        this.virgolettaInSospeso = true;
        i = q;
        continue;
      }
      if (c === '"' && this.campo.length === 0) {
        this.traVirgolette = true;
        this.iniziato = true;
      } else if (c === this.separatore) {
        this.campi.push(this.campo);
        this.campo = '';
        this.iniziato = true;
      } else if (c === '\n' || c === '\r') {
        this.chiudiRecord(out);
        this.riga++;
        this.inizioRecord = this.riga;
        if (c === '\r') this.crInSospeso = true;
      } else {
        // Fast path: plain characters up to the next separator, quote or line break.
        speciali.lastIndex = i + 1;
        const m = speciali.exec(testo);
        const fine = m ? m.index : testo.length;
        this.campo += testo.slice(i, fine);
        this.iniziato = true;
        i = fine - 1;
      }
    }
    return out;
  }

  /** End of input: the last record, if the file does not end with a line break. */
  end(): RecordCsv[] {
    const out: RecordCsv[] = [];
    if (this.virgolettaInSospeso) {
      this.virgolettaInSospeso = false;
      this.traVirgolette = false;
    }
    if (this.traVirgolette) throw new CsvNonValido(this.inizioRecord, 'virgolette non chiuse alla fine del file');
    this.chiudiRecord(out);
    return out;
  }

  private chiudiRecord(out: RecordCsv[]): void {
    if (!this.iniziato && this.campo.length === 0 && this.campi.length === 0) return; // blank line
    this.campi.push(this.campo);
    out.push({ campi: this.campi, riga: this.inizioRecord });
    this.campi = [];
    this.campo = '';
    this.iniziato = false;
  }
}

export class CsvNonValido extends Error {
  constructor(readonly riga: number, motivo: string) {
    super(`CSV non valido alla riga ${riga}: ${motivo}`);
    this.name = 'CsvNonValido';
  }
}

/** Records of a byte or text stream (a file, an HTTP request), decoded as UTF-8. */
export async function* leggiCsv(sorgente: AsyncIterable<Uint8Array | string>, separatore = ';'): AsyncGenerator<RecordCsv> {
  const parser = new CsvParser(separatore);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of sorgente) {
    const testo = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(testo);
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}
