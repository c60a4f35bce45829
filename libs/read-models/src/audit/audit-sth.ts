import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { idChiave, type FirmaAudit } from './audit-firma.js';
import { jsonCanonico } from './audit-record.js';

/**
 * A signed tree head (RFC 9162 §4.10, in this service's own encoding): "the first `dimensione`
 * records of the trail have Merkle root `radice`", signed with Ed25519. docs/audit.md, "Signed tree heads".
 */
export interface TestaFirmata {
  readonly dimensione: string;
  /** MTH of the first `dimensione` records, lowercase hex. */
  readonly radice: string;
  /** Recorded time of record `dimensione` (not the signing time: a replay signs the same bytes again). */
  readonly timestamp: string | null;
  /** Key id: the first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  readonly chiave: string;
  /** base64 Ed25519 signature of `byteDaFirmare(testa)`. */
  readonly firma: string;
}

export const FORMATO_STH = 'cig-ledger/audit-sth/v1';

/**
 * The bytes signed: UTF-8 of the canonical JSON (docs/audit.md, "Canonical encoding") of
 * `{ "chiave", "dimensione", "formato": "cig-ledger/audit-sth/v1", "radice", "timestamp" }`.
 * The format name keeps a head's signature from ever being taken for a checkpoint's, or the reverse.
 */
export function byteDaFirmare(t: Omit<TestaFirmata, 'firma'>): Buffer {
  return Buffer.from(jsonCanonico({ chiave: t.chiave, dimensione: t.dimensione, formato: FORMATO_STH, radice: t.radice, timestamp: t.timestamp }), 'utf8');
}

export function firmaTesta(firma: FirmaAudit, dimensione: number | string, radice: string, timestamp: string | null): TestaFirmata {
  const t = { dimensione: String(dimensione), radice, timestamp, chiave: firma.chiave };
  return { ...t, firma: firma.firmaByte(byteDaFirmare(t)) };
}

/** Public keys by key id: the current key and the previous ones (AUDIT_PREVIOUS_PUBLIC_KEYS_FILE), so old heads still verify. */
export function portachiavi(pem: readonly string[]): Map<string, KeyObject> {
  const chiavi = new Map<string, KeyObject>();
  for (const blocco of pem.flatMap(blocchiPem)) {
    const k = createPublicKey(blocco);
    chiavi.set(idChiave(k), k);
  }
  return chiavi;
}

/** The PEM blocks of a text (a keyring file holds one or more public keys). */
export function blocchiPem(testo: string): string[] {
  return [...testo.matchAll(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g)].map((m) => `${m[0]}\n`);
}

export type EsitoFirmaTesta = 'VALIDA' | 'CHIAVE_SCONOSCIUTA' | 'FIRMA_NON_VALIDA';

/** Checks a head's signature with the key its id names, among `chiavi`. */
export function verificaTesta(t: TestaFirmata, chiavi: ReadonlyMap<string, KeyObject>): EsitoFirmaTesta {
  const k = chiavi.get(t.chiave);
  if (!k) return 'CHIAVE_SCONOSCIUTA';
  try {
    return verify(null, byteDaFirmare(t), k, Buffer.from(t.firma, 'base64')) ? 'VALIDA' : 'FIRMA_NON_VALIDA';
  } catch {
    return 'FIRMA_NON_VALIDA';
  }
}
