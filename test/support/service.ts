import { loadConfig, ManualClock, SequentialIds, type Clock, type IdGenerator } from '#platform';
import pg from 'pg';
import { startService, type RunningService } from '../../apps/cig-service/src/bootstrap.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestService {
  readonly url: string;
  readonly service: RunningService;
  readonly db: TestDatabase;
  readonly clock: Clock;
  /** fetch against the service, JSON in and out. */
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
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
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SUBSCRIPTION_POLL_MS: '20', ...env, DATABASE_URL: db.url, NODE_ENV: 'test' });
  const clock = options.clock ?? new ManualClock();
  const pool = new pg.Pool({ connectionString: db.url, max: config.DATABASE_POOL_SIZE });
  pool.on('error', () => undefined);
  const service = await startService(config, {
    clock,
    ids: options.ids ?? new SequentialIds(),
    database: { url: db.url, pool, embedded: false, close: () => pool.end() },
  });
  return {
    url: service.url,
    service,
    db,
    clock,
    request: (method, path, body, headers) => send(service.url, method, path, body, headers),
    async close() {
      await service.close();
      await pool.end().catch(() => undefined);
      await db.drop();
    },
  };
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
