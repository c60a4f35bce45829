import { createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDevKeyPair, PcpHttpClient, RateLimiter, TrackingJwsSigner, type AnacGateway } from '#anac';
import { segretoInFile, systemClock, type AppConfig, type IdGenerator } from '#platform';

/**
 * The PCP client of the service: ANAC_PCP_URL, the PDND voucher, the tracking JWS key (a file,
 * or a development key created in DATA_DIR/keys), one rate limit for the whole service.
 * The JWS is signed with the wall clock: ANAC checks its 10-second life against real time.
 */
export async function createAnacGateway(config: AppConfig, ids: IdGenerator, random: () => number): Promise<AnacGateway> {
  if (!config.ANAC_PCP_URL) throw new Error('ANAC_PCP_URL is not set');
  const privateKeyPem = config.ANAC_JWS_KEY_FILE ? await readFile(config.ANAC_JWS_KEY_FILE, 'utf8') : (await chiaveDiSviluppo(config.DATA_DIR)).privateKeyPem;
  const jws = new TrackingJwsSigner({
    privateKeyPem,
    kid: config.ANAC_JWS_KID,
    regCodicePiattaforma: config.ANAC_CODICE_PIATTAFORMA,
    regCodiceComponente: 'cig-ledger',
    clock: systemClock,
    ids,
  });
  return new PcpHttpClient({
    baseUrl: config.ANAC_PCP_URL,
    timeoutMs: config.ANAC_TIMEOUT_MS,
    voucher: config.ANAC_VOUCHER,
    jws,
    rateLimiter: new RateLimiter({ requestsPerSecond: config.ANAC_RATE_PER_S, burst: config.ANAC_RATE_PER_S }),
    // Retries inside one step stay short: the practice itself retries later with backoff.
    retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 },
    clock: systemClock,
    ids,
    random,
  });
}

/** Development RSA key of the tracking JWS, created once in DATA_DIR/keys. */
export async function chiaveDiSviluppo(dataDir: string): Promise<{ privateKeyPem: string; publicKeyPem: string; publicKeyFile: string }> {
  const dir = join(dataDir, 'keys');
  const publicKeyFile = join(dir, 'anac-tracking-key.pub.pem');
  const privateKeyPem = await segretoInFile(join(dir, 'anac-tracking-key.pem'), async () => (await generateDevKeyPair()).privateKeyPem);
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  await segretoInFile(publicKeyFile, () => publicKeyPem, 0o644);
  return { privateKeyPem, publicKeyPem, publicKeyFile };
}
