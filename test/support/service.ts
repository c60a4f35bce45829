import { loadConfig, ManualClock, mintDevToken, SequentialIds, type Attore, type Clock, type IdGenerator } from '#platform';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startService, type RunningService } from '../../apps/cig-service/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestService {
  readonly url: string;
  readonly service: RunningService;
  readonly db: TestDatabase;
  readonly clock: Clock;
  /** fetch against the service, JSON in and out, unauthenticated. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /** The same as a user of the seed directory (config/anagrafica.seed.json), with a fresh token. */
  as(userId: string): UserClient;
  /** A development token for a seed user (optionally with changed claims). */
  token(userId: string, changes?: Partial<Attore>): Promise<string>;
  close(): Promise<void>;
}

export interface UserClient {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
  readonly text: string;
}

/** Starts the real service on a fresh test database, on a free port, with a manual clock. */
export async function startTestService(
  env: Record<string, string> = {},
  options: { clock?: Clock; ids?: IdGenerator } = {},
): Promise<TestService> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'cig-test-data-'));
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SUBSCRIPTION_POLL_MS: '20', DATA_DIR: dataDir, ...env, DATABASE_URL: db.url, NODE_ENV: 'test' });
  const clock = options.clock ?? new ManualClock();
  const pool = new pg.Pool({ connectionString: db.url, max: config.DATABASE_POOL_SIZE });
  pool.on('error', () => undefined);
  const service = await startService(config, {
    clock,
    ids: options.ids ?? new SequentialIds(),
    database: { url: db.url, pool, embedded: false, close: () => pool.end() },
  });
  const token = (userId: string, changes: Partial<Attore> = {}) => {
    const keys = service.runtime.identity.devKeys;
    if (!keys) throw new Error('the test service has no development keys');
    return mintDevToken(keys, { ...seedUser(userId), ...changes }, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
  };
  return {
    url: service.url,
    service,
    db,
    clock,
    request: (method, path, body, headers) => send(service.url, method, path, body, headers),
    token,
    as: (userId) => ({
      request: async (method, path, body, headers = {}) =>
        send(service.url, method, path, body, { authorization: `Bearer ${await token(userId)}`, ...headers }),
    }),
    async close() {
      await service.close();
      await pool.end().catch(() => undefined);
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface SeedUser {
  userId: string;
  nome: string;
  codiceFiscale: string;
  sa: string;
  ufficio: string;
  centriDiCosto: string[];
  ruoli: Attore['ruoli'];
}

/** A user of the seed directory as the verified caller its token describes. */
export function seedUser(userId: string): Attore {
  const seed = JSON.parse(readFileSync('config/anagrafica.seed.json', 'utf8')) as { utenti: SeedUser[] };
  const user = seed.utenti.find((u) => u.userId === userId);
  if (!user) throw new Error(`no user ${userId} in config/anagrafica.seed.json`);
  return { userId: user.userId, nome: user.nome, codiceFiscale: user.codiceFiscale, ruoli: user.ruoli, ufficio: user.ufficio, centriDiCosto: user.centriDiCosto, stazioneAppaltante: user.sa };
}

export async function send(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
