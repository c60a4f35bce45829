import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { idChiave } from './audit-firma.js';
import { jsonCanonico } from './audit-record.js';
import type { TestaFirmata } from './audit-sth.js';

/**
 * A witness's countersignature of a signed tree head (docs/audit.md, "Witness"): the witness
 * checked that the head extends the last one it kept and signs it with its own Ed25519 key.
 */
export const FORMATO_CONTROFIRMA = 'cig-ledger/audit-sth-testimone/v1';

/** The head's own fields only (an answer of GET /audit/sth carries more: format, countersignatures). */
export const testaNuda = (t: TestaFirmata): TestaFirmata => ({ dimensione: t.dimensione, radice: t.radice, timestamp: t.timestamp, chiave: t.chiave, firma: t.firma });

/** What the witness signs: UTF-8 of the canonical JSON of `{ formato, testimone (its key id), testa }`, the head signature included. */
export function byteControfirma(testa: TestaFirmata, chiaveTestimone: string): Buffer {
  return Buffer.from(jsonCanonico({ formato: FORMATO_CONTROFIRMA, testimone: chiaveTestimone, testa: testaNuda(testa) }), 'utf8');
}

export function controfirma(testa: TestaFirmata, privata: KeyObject, chiaveTestimone: string): string {
  return sign(null, byteControfirma(testa, chiaveTestimone), privata).toString('base64');
}

/** A witness's answer to a published head. */
export interface RispostaTestimone {
  readonly formato: string;
  /** Key id of the witness (the first 16 hex digits of the SHA-256 of its public key). */
  readonly testimone: string;
  readonly chiavePubblica: string;
  readonly firma: string;
}

export type EsitoControfirma =
  | { readonly valida: true; readonly chiave: string }
  | { readonly valida: false; readonly tipo: 'FORMATO' | 'CHIAVE_NON_CORRISPONDENTE' | 'CHIAVE_TESTIMONE_CAMBIATA' | 'FIRMA_NON_VALIDA'; readonly dettaglio: string };

/**
 * Checks a witness's countersignature of `testa`: the key id it names is its public key's, the key is
 * the one already known for that witness (if any: `attesa`, trust on first use), the signature verifies.
 */
export function verificaControfirma(testa: TestaFirmata, r: RispostaTestimone, attesa?: string | null): EsitoControfirma {
  if (r?.formato !== FORMATO_CONTROFIRMA || typeof r.firma !== 'string' || typeof r.chiavePubblica !== 'string' || typeof r.testimone !== 'string') {
    return { valida: false, tipo: 'FORMATO', dettaglio: `la risposta del testimone non è una controfirma (${FORMATO_CONTROFIRMA})` };
  }
  let k: KeyObject;
  try {
    k = createPublicKey(r.chiavePubblica);
  } catch {
    return { valida: false, tipo: 'FORMATO', dettaglio: 'chiave pubblica del testimone non leggibile' };
  }
  if (k.asymmetricKeyType !== 'ed25519' || idChiave(k) !== r.testimone) {
    return { valida: false, tipo: 'CHIAVE_NON_CORRISPONDENTE', dettaglio: `la chiave ${r.testimone} non è quella della chiave pubblica Ed25519 data dal testimone` };
  }
  if (attesa && attesa !== r.testimone) {
    return { valida: false, tipo: 'CHIAVE_TESTIMONE_CAMBIATA', dettaglio: `il testimone firmava con la chiave ${attesa}, ora con ${r.testimone}` };
  }
  let ok = false;
  try {
    ok = verify(null, byteControfirma(testa, r.testimone), k, Buffer.from(r.firma, 'base64'));
  } catch {
    ok = false;
  }
  return ok ? { valida: true, chiave: r.testimone } : { valida: false, tipo: 'FIRMA_NON_VALIDA', dettaglio: `la controfirma della testa di dimensione ${testa.dimensione} non è valida per la chiave ${r.testimone}` };
}
