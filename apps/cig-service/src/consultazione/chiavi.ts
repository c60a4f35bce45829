import { caricaFirmaAudit, CursoreFirmato, segretoCursori, type FirmaAudit } from '#read-models';
import type { Runtime } from '../infrastructure/runtime.js';

/** Secrets of the read side: the page-cursor HMAC and the audit trail's Ed25519 key. */
export interface Chiavi {
  readonly cursori: CursoreFirmato;
  readonly firmaAudit: FirmaAudit;
}

export const CHIAVI = Symbol('Chiavi');

export async function caricaChiavi(runtime: Runtime): Promise<Chiavi> {
  const { config } = runtime;
  return {
    cursori: new CursoreFirmato(await segretoCursori({ segreto: config.LISTING_CURSOR_SECRET, dataDir: config.DATA_DIR })),
    firmaAudit: await caricaFirmaAudit({
      file: config.AUDIT_SIGNING_KEY_FILE,
      dataDir: config.DATA_DIR,
      vietaChiaveDiSviluppo: config.NODE_ENV === 'production' && !config.AUTH_ALLOW_DEV_KEYS,
    }),
  };
}
