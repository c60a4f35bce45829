import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { segretoInFile } from '#platform';

const FORMATO = 'v1';

/**
 * Subscription secrets are kept encrypted (AES-256-GCM): a copy of the database alone does not let
 * anyone sign webhooks. The key is WEBHOOK_SECRETS_KEY (any text, hashed to 32 bytes), or a random
 * one kept in DATA_DIR/keys/webhook.key; instances on one database must share it.
 */
export class CifraSegreti {
  private constructor(private readonly chiave: Buffer) {}

  static daTesto(testo: string): CifraSegreti {
    return new CifraSegreti(createHash('sha256').update(testo, 'utf8').digest());
  }

  static async carica(opzioni: { readonly chiave?: string; readonly dataDir: string }): Promise<CifraSegreti> {
    const testo = opzioni.chiave ?? (await segretoInFile(join(opzioni.dataDir, 'keys', 'webhook.key'), () => randomBytes(32).toString('base64'))).trim();
    return CifraSegreti.daTesto(testo);
  }

  cifra(segreto: string, iv: Buffer = randomBytes(12)): string {
    const cipher = createCipheriv('aes-256-gcm', this.chiave, iv);
    const testo = Buffer.concat([cipher.update(segreto, 'utf8'), cipher.final()]);
    return [FORMATO, iv.toString('base64'), cipher.getAuthTag().toString('base64'), testo.toString('base64')].join(':');
  }

  /** Throws when the stored value was not encrypted with this key (a different WEBHOOK_SECRETS_KEY). */
  decifra(cifrato: string): string {
    const [formato, iv, tag, testo] = cifrato.split(':');
    if (formato !== FORMATO || !iv || !tag || testo === undefined) throw new Error('segreto cifrato in un formato sconosciuto');
    const decipher = createDecipheriv('aes-256-gcm', this.chiave, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(testo, 'base64')), decipher.final()]).toString('utf8');
  }
}
