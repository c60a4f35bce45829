import { loadConfig, loadOrCreateDevKeys, ManualClock, mintDevToken, nuovoPool, randomIds, type Attore, type Clock, type IdGenerator } from '#platform';
import type { Utente } from '#domain';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../apps/anac-sim/src/simulator.js';
import { chiaveDiSviluppo } from '../../apps/cig-service/src/anac/anac-gateway.factory.js';
import { startService, type RunningService } from '../../apps/cig-service/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestService {
  readonly url: string;
  readonly service: RunningService;
  readonly db: TestDatabase;
  /** The ANAC simulator the service talks to (in this process). */
  readonly sim: RunningSimulator;
  readonly clock: Clock;
  readonly dataDir: string;
  /** fetch against the service, JSON in and out, unauthenticated. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  /** The same as a user of the seed directory (config/anagrafica.seed.json), with a fresh token. */
  as(userId: string): UserClient;
  /** A development token for a seed user (optionally with changed claims). */
  token(userId: string, changes?: Partial<Attore>): Promise<string>;
  /** Stops the service; the database and the simulator are dropped only if this instance created them. */
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

export interface TestServiceOptions {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Reuse a database (e.g. to restart the service on the same data). */
  readonly db?: TestDatabase;
  /** Reuse a simulator; by default a new one starts with the service. */
  readonly sim?: RunningSimulator;
  /** Reuse a data folder (development keys of tokens and of the tracking JWS). */
  readonly dataDir?: string;
  /** Real time of the service's caches and rate limits (default the system clock). */
  readonly wallClock?: Clock;
}

/** Fast ANAC process manager settings for tests: short polls and backoffs. */
const ANAC_RAPIDO = {
  ANAC_POLL_INITIAL_MS: '20',
  ANAC_POLL_MAX_MS: '200',
  ANAC_RETRY_BASE_MS: '20',
  ANAC_RETRY_MAX_MS: '300',
  ANAC_WORKER_TICK_MS: '20',
  ANAC_WORKER_CONCURRENCY: '16',
  ANAC_TIMEOUT_MS: '5000',
  ANAC_RATE_PER_S: '1000',
};

/**
 * Starts the real service on a test database, on a free port, with a manual business clock
 * (2024-01-15) and an in-process ANAC simulator on real time, which checks the tracking JWS
 * signature with the service's development key.
 */
/** Settings that lift the per-user rate limit, for tests where one user makes many calls on purpose. */
export const SENZA_LIMITE_RICHIESTE = { RATE_LIMIT_BURST: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' } as const;

export async function startTestService(env: Record<string, string> = {}, options: TestServiceOptions = {}): Promise<TestService> {
  const db = options.db ?? (await createTestDatabase());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cig-test-data-'));
  const sim =
    options.sim ??
    (await avviaSimulatore(dataDir, { timings: { confermaMs: 0, confermaPolls: 1, pubblicaMs: 0, pubblicaPolls: 1, modificaAvvisoMs: 0, modificaAvvisoPolls: 1, verificaMs: 0 } }));
  const config = loadConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    SUBSCRIPTION_POLL_MS: '20',
    DATA_DIR: dataDir,
    ...ANAC_RAPIDO,
    ANAC_PCP_URL: sim.url,
    ...env,
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
  });
  const clock = options.clock ?? new ManualClock();
  // The service's own kind of pool (named statements as configured), on the suite's database.
  const pool = nuovoPool(db.url, { max: config.DATABASE_POOL_SIZE, preparate: config.DATABASE_PREPARED_STATEMENTS });
  pool.on('error', () => undefined);
  const service = await startService(config, {
    clock,
    ids: options.ids ?? randomIds,
    wallClock: options.wallClock,
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
    sim,
    clock,
    dataDir,
    request: (method, path, body, headers) => send(service.url, method, path, body, headers),
    token,
    as: (userId) => ({
      request: async (method, path, body, headers = {}) =>
        send(service.url, method, path, body, { authorization: `Bearer ${await token(userId)}`, ...headers }),
    }),
    async close() {
      await service.close();
      await pool.end().catch(() => undefined);
      if (!options.sim) await sim.close();
      if (!options.db) await db.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One service for the tests of a `describe`, called in its body: `avvia` starts it before the suite
 * (before the suite's own beforeAll hooks, if called first), and it is closed after the suite, then
 * `poi` runs (to stop what `avvia` started besides). The answer stands for that service from the
 * moment it is started: its members are read when used, so `t.as(userId)` may be taken at once.
 */
export function servizioDellaSuite(avvia: () => Promise<TestService> = () => startTestService(), poi?: () => Promise<unknown>): TestService {
  let servizio: TestService | undefined;
  beforeAll(async () => {
    servizio = await avvia();
  });
  afterAll(async () => {
    await servizio?.close();
    await poi?.();
  });
  const avviato = (): TestService => {
    if (!servizio) throw new Error('the suite has not started its service (used outside a test or hook?)');
    return servizio;
  };
  return {
    get url() { return avviato().url; },
    get service() { return avviato().service; },
    get db() { return avviato().db; },
    get sim() { return avviato().sim; },
    get clock() { return avviato().clock; },
    get dataDir() { return avviato().dataDir; },
    request: (method, path, body, headers) => avviato().request(method, path, body, headers),
    as: (userId) => ({ request: (method, path, body, headers) => avviato().as(userId).request(method, path, body, headers) }),
    token: (userId, changes) => avviato().token(userId, changes),
    close: () => avviato().close(),
  };
}

/** The ANAC simulator (in this process, silent), checking the tracking JWS with the development key kept in `dataDir`. */
export async function avviaSimulatore(dataDir: string, opzioni: Omit<SimulatorOptions, 'jwsPublicKey' | 'logLevel'> = {}): Promise<RunningSimulator> {
  return startSimulator({ logLevel: 'silent', jwsPublicKey: (await chiaveDiSviluppo(dataDir)).publicKeyPem, ...opzioni });
}

/** A development token of a seed user, signed with the keys kept in `dataDir`: what a compiled service started on that folder accepts. */
export async function tokenDiSviluppo(dataDir: string, userId: string): Promise<string> {
  return mintDevToken(await loadOrCreateDevKeys(dataDir), seedUser(userId), { issuer: 'cig-ledger-dev', audience: 'cig-ledger' });
}

/** A client of the service at `base` sending `token` as bearer. */
export function clienteCon(base: string, token: string): UserClient {
  return { request: (method, path, body, headers = {}) => send(base, method, path, body, { authorization: `Bearer ${token}`, ...headers }) };
}

/** A user of the seed directory as the verified caller its token describes. */
export function seedUser(userId: string): Attore {
  const seed = JSON.parse(readFileSync('config/anagrafica.seed.json', 'utf8')) as { utenti: Utente[] };
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
  // A Server-Sent Events stream does not end: its status and headers are the answer.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, headers: response.headers, body: undefined, text: '' };
  }
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}
