import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Opaque page cursors: `base64url(JSON).base64url(HMAC-SHA256)`. The signature makes a cursor
 * edited by hand (or forged to read past the caller's office) a 400, and `criteri` binds it to
 * the query it came from: filters, sort and scope must be the same on the next page.
 */
export class CursoreFirmato {
  constructor(private readonly segreto: Buffer) {
    if (segreto.length < 16) throw new RangeError('the cursor secret needs at least 16 bytes');
  }

  firma<T extends object>(dati: T): string {
    const corpo = Buffer.from(JSON.stringify(dati)).toString('base64url');
    return `${corpo}.${this.mac(corpo)}`;
  }

  /** The data of a cursor this secret signed, or undefined for anything else. */
  verifica<T extends object>(cursore: string): T | undefined {
    const [corpo, firma, ...resto] = cursore.split('.');
    if (!corpo || !firma || resto.length > 0 || cursore.length > 2000) return undefined;
    const attesa = Buffer.from(this.mac(corpo));
    const data = Buffer.from(firma);
    if (attesa.length !== data.length || !timingSafeEqual(attesa, data)) return undefined;
    try {
      const valore = JSON.parse(Buffer.from(corpo, 'base64url').toString('utf8')) as unknown;
      return valore && typeof valore === 'object' ? (valore as T) : undefined;
    } catch {
      return undefined;
    }
  }

  private mac(corpo: string): string {
    return createHmac('sha256', this.segreto).update(corpo).digest('base64url');
  }
}

/** A short fingerprint of a query's criteria (stable key order), stored in its cursors. */
export function impronta(valore: unknown): string {
  return createHash('sha256').update(JSON.stringify(ordinato(valore))).digest('base64url').slice(0, 22);
}

function ordinato(valore: unknown): unknown {
  if (Array.isArray(valore)) return valore.map(ordinato);
  if (valore && typeof valore === 'object') {
    return Object.fromEntries(Object.keys(valore).sort().map((k) => [k, ordinato((valore as Record<string, unknown>)[k])]));
  }
  return valore;
}
