import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { segretoInFile } from '#platform';
import { jsonCanonico } from './audit-record.js';

/** A signed checkpoint: "the record `seq` of the trail has hash `hash`", signed with Ed25519. */
export interface CheckpointAudit {
  readonly seq: string;
  readonly hash: string;
  /** Recorded time of that record (not the signing time: a replay signs the same bytes again). */
  readonly registratoIl: string | null;
  /** Key id: the first 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  readonly chiave: string;
  /** base64 Ed25519 signature of `jsonCanonico({ seq, hash, registratoIl })`. */
  readonly firma: string;
}

/** Signs checkpoints. Ed25519 signatures are deterministic (RFC 8032): replaying the trail signs the same bytes. */
export class FirmaAudit {
  readonly chiave: string;
  readonly chiavePubblicaPem: string;

  constructor(private readonly privata: KeyObject) {
    if (privata.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be an Ed25519 private key');
    const pubblica = createPublicKey(privata);
    this.chiavePubblicaPem = pubblica.export({ type: 'spki', format: 'pem' }).toString();
    this.chiave = idChiave(pubblica);
  }

  /** base64 Ed25519 signature of arbitrary bytes (signed tree heads: audit-sth.ts). */
  firmaByte(dati: Uint8Array): string {
    return sign(null, dati, this.privata).toString('base64');
  }

  firma(seq: string, hash: string, registratoIl: string | null): CheckpointAudit {
    const firma = sign(null, Buffer.from(jsonCanonico({ seq, hash, registratoIl })), this.privata).toString('base64');
    return { seq, hash, registratoIl, chiave: this.chiave, firma };
  }
}

export function idChiave(pubblica: KeyObject): string {
  return createHash('sha256').update(pubblica.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Checks a checkpoint's signature with a public key (PEM); false for any other key or altered content. */
export function verificaCheckpoint(c: CheckpointAudit, chiavePubblicaPem: string): boolean {
  try {
    const pubblica = createPublicKey(chiavePubblicaPem);
    if (idChiave(pubblica) !== c.chiave) return false;
    return verify(null, Buffer.from(jsonCanonico({ seq: c.seq, hash: c.hash, registratoIl: c.registratoIl })), pubblica, Buffer.from(c.firma, 'base64'));
  } catch {
    return false;
  }
}

export interface OpzioniChiaveAudit {
  /** AUDIT_SIGNING_KEY_FILE: Ed25519 private key, PKCS#8 PEM. */
  readonly file?: string;
  /** DATA_DIR: where a development key is kept when no file is given. */
  readonly dataDir: string;
  /** Refuse to make or use a development key (production without AUDIT_SIGNING_KEY_FILE). */
  readonly vietaChiaveDiSviluppo?: boolean;
}

/**
 * The key that signs the trail's checkpoints: AUDIT_SIGNING_KEY_FILE, or a development key in
 * DATA_DIR/keys/audit-ed25519.pem, created on first use (refused in production).
 */
export async function caricaFirmaAudit(opzioni: OpzioniChiaveAudit): Promise<FirmaAudit> {
  if (opzioni.file) return new FirmaAudit(createPrivateKey(await readFile(opzioni.file, 'utf8')));
  if (opzioni.vietaChiaveDiSviluppo) {
    throw new Error('production needs AUDIT_SIGNING_KEY_FILE (Ed25519 private key, PKCS#8 PEM) to sign the audit trail');
  }
  const file = join(opzioni.dataDir, 'keys', 'audit-ed25519.pem');
  const pem = await segretoInFile(file, () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return new FirmaAudit(createPrivateKey(pem));
}
