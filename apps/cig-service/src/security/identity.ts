import { readFile } from 'node:fs/promises';
import { loadOrCreateDevKeys, TokenVerifier, type AppConfig, type DevKeys } from '#platform';

export interface Identity {
  readonly verifier: TokenVerifier;
  /** Set when tokens are signed with the local development keys (`npm run cli -- token`). */
  readonly devKeys?: DevKeys;
}

/**
 * Where token keys come from: the identity provider's JWKS (AUTH_JWKS_URL, or the jwks_uri of
 * AUTH_OIDC_ISSUER's OpenID Connect discovery document, read on first use), one public key
 * (AUTH_PUBLIC_KEY_FILE), or development keys in DATA_DIR/keys — refused in production
 * unless AUTH_ALLOW_DEV_KEYS=true.
 */
export async function createIdentity(config: AppConfig, now?: () => Date): Promise<Identity> {
  const common = { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_S, now };
  if (config.AUTH_OIDC_ISSUER && config.AUTH_OIDC_ISSUER !== config.AUTH_ISSUER) {
    throw new Error(`AUTH_OIDC_ISSUER (${config.AUTH_OIDC_ISSUER}) must equal AUTH_ISSUER (${config.AUTH_ISSUER}): the console's tokens would be refused`);
  }
  if (config.AUTH_JWKS_URL) return { verifier: new TokenVerifier({ ...common, keys: { jwksUrl: config.AUTH_JWKS_URL } }) };
  if (config.AUTH_OIDC_ISSUER && !config.AUTH_PUBLIC_KEY_FILE) {
    return { verifier: new TokenVerifier({ ...common, keys: { oidcIssuer: config.AUTH_OIDC_ISSUER } }) };
  }
  if (config.AUTH_PUBLIC_KEY_FILE) {
    const publicKeyPem = await readFile(config.AUTH_PUBLIC_KEY_FILE, 'utf8');
    return { verifier: new TokenVerifier({ ...common, keys: { publicKeyPem } }) };
  }
  if (config.NODE_ENV === 'production' && !config.AUTH_ALLOW_DEV_KEYS) {
    throw new Error('production needs AUTH_JWKS_URL or AUTH_PUBLIC_KEY_FILE: development keys are refused (set AUTH_ALLOW_DEV_KEYS=true to accept them knowingly)');
  }
  const devKeys = await loadOrCreateDevKeys(config.DATA_DIR);
  return { verifier: new TokenVerifier({ ...common, keys: { publicKeyPem: devKeys.publicKeyPem } }), devKeys };
}

