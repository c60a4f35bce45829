import { exportPKCS8, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { claimsDi, type Attore } from './attore.js';
import { segretoInFile } from './segreto-in-file.js';

/**
 * Development identity: a local ES256 key pair created on first start in DATA_DIR/keys, so
 * that a new user can mint tokens (`npm run cli -- token`) without an identity provider.
 * Production refuses these keys unless AUTH_ALLOW_DEV_KEYS=true.
 */
export interface DevKeys {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

const ALG = 'ES256';

/**
 * The key pair in DATA_DIR/keys, created by whichever process comes first (replicas sharing the
 * folder get the same key); the public half is derived from the private one.
 */
export async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys> {
  const dir = join(dataDir, 'keys');
  const privateKeyPem = await segretoInFile(join(dir, 'dev-signing-key.pem'), async () => {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    return exportPKCS8(privateKey);
  });
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  await segretoInFile(join(dir, 'dev-signing-key.pub.pem'), () => publicKeyPem, 0o644);
  return { privateKeyPem, publicKeyPem };
}

export interface MintOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds?: number;
  readonly now?: Date;
}

/** Signs a token for `attore` with the development key. */
export async function mintDevToken(keys: DevKeys, attore: Attore, options: MintOptions): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ ...claimsDi(attore) })
    .setProtectedHeader({ alg: ALG, typ: 'JWT', kid: 'dev' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(attore.userId)
    .setIssuedAt(now)
    .setNotBefore(now - 5)
    .setExpirationTime(now + (options.ttlSeconds ?? 8 * 3600))
    .sign(await importPKCS8(keys.privateKeyPem, ALG));
}
