import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { blocchiPem, caricaFirmaAudit, idChiave, CursoreFirmato, segretoCursori, type FirmaAudit } from '#read-models';
import type { AppConfig } from '#platform';

/** Secrets of the read side: the page-cursor HMAC and the audit trail's Ed25519 key. */
export interface Chiavi {
  readonly cursori: CursoreFirmato;
  readonly firmaAudit: FirmaAudit;
  /** Public keys of the trail, PEM: the current one first, then the earlier ones (AUDIT_PREVIOUS_PUBLIC_KEYS_FILE). */
  readonly chiaviPubblicheAudit: readonly string[];
}

export const CHIAVI = Symbol('Chiavi');

export async function caricaChiavi(config: AppConfig): Promise<Chiavi> {
  const firmaAudit = await caricaFirmaAudit({
    file: config.AUDIT_SIGNING_KEY_FILE,
    dataDir: config.DATA_DIR,
    vietaChiaveDiSviluppo: config.NODE_ENV === 'production' && !config.AUTH_ALLOW_DEV_KEYS,
  });
  const precedenti = config.AUDIT_PREVIOUS_PUBLIC_KEYS_FILE ? blocchiPem(await readFile(config.AUDIT_PREVIOUS_PUBLIC_KEYS_FILE, 'utf8')) : [];
  if (config.AUDIT_PREVIOUS_PUBLIC_KEYS_FILE && precedenti.length === 0) throw new Error('AUDIT_PREVIOUS_PUBLIC_KEYS_FILE holds no PEM public key');
  return {
    chiaviPubblicheAudit: [firmaAudit.chiavePubblicaPem, ...precedenti.filter((p) => p.trim() !== firmaAudit.chiavePubblicaPem.trim())],
    firmaAudit,
    cursori: new CursoreFirmato(await segretoCursori({ segreto: config.LISTING_CURSOR_SECRET, dataDir: config.DATA_DIR })),
  };
}

/** The key id (first 16 hex digits of the SHA-256 of the SPKI DER) of a PEM public key. */
export const idChiaveDaPem = (pem: string): string => idChiave(createPublicKey(pem));
