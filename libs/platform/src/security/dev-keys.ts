import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { claimsDi, type Attore } from './attore.js';

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

export async function loadOrCreateDevKeys(dataDir: string): Promise<DevKeys> {
  const dir = join(dataDir, 'keys');
  const privatePath = join(dir, 'dev-signing-key.pem');
  const publicPath = join(dir, 'dev-signing-key.pub.pem');
  if (existsSync(privatePath) && existsSync(publicPath)) {
    return { privateKeyPem: await readFile(privatePath, 'utf8'), publicKeyPem: await readFile(publicPath, 'utf8') };
  }
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const keys = { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(privatePath, keys.privateKeyPem, { mode: 0o600 });
  await writeFile(publicPath, keys.publicKeyPem, { mode: 0o644 });
  return keys;
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
