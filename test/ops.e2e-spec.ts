import { servizioDellaSuite } from './support/service.js';
import { withAdmin } from './support/test-database.js';

describe('operations endpoints', () => {
  const t = servizioDellaSuite();

  it('/health says the process is alive', async () => {
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('/ready says ready once the database answers and migrations ran', async () => {
    const res = await t.request('GET', '/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', database: 'up', migrazioni: 'applicate' });
  });

  it('/ready says not ready when the database cannot be reached', async () => {
    await withAdmin(async (admin) => {
      await admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [t.db.name]);
    });
    try {
      const res = await t.request('GET', '/ready');
      expect(res.status).toBe(503);
      expect(res.body.database).toBe('down');
    } finally {
      await withAdmin((admin) => admin.query(`ALTER DATABASE ${t.db.name} ALLOW_CONNECTIONS true`));
    }
    const again = await t.request('GET', '/ready');
    expect(again.status).toBe(200);
  });

  it('/docs serves the OpenAPI description', async () => {
    const ui = await t.request('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('Swagger UI');
    const json = await t.request('GET', '/docs-json');
    expect(json.body.info.title).toBe('CIG Ledger');
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
  });

  it('/metrics exposes request latency by route and event store appends in Prometheus format', async () => {
    await t.request('GET', '/health');
    await t.service.runtime.eventStore.appendToStream('prova-1', [{ id: '7d1f5a3e-0000-4000-8000-000000000001', type: 'Provato', data: {} }]);
    const res = await t.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} \d+/);
    expect(res.text).toMatch(/event_store_appends_total\{category="prova"\} 1/);
  });

  it('an unknown route is a problem+json 404 in Italian', async () => {
    const res = await t.request('GET', '/non-esiste');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', title: 'Risorsa non trovata', instance: '/non-esiste' });
  });

  it('malformed JSON is a 400 problem that does not echo parser internals', async () => {
    const res = await t.request('POST', '/health', '{"a":');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'JSON_MALFORMED', detail: 'Il corpo della richiesta non è JSON valido' });
    expect(res.text).not.toMatch(/at |\.ts|\.js|node_modules/);
  });
});
