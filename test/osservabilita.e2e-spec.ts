import { proiezioniRicostruibili } from '#read-models';
import type { RunningSimulator } from '../apps/anac-sim/src/simulator.js';
import { preparaAd5 } from './support/appalti.js';
import { preparaIstanze, type Istanze } from './support/istanze.js';
import { assertBuilt, type ServiceProcess } from './support/process.js';
import { eventually, send, type UserClient } from './support/service.js';
import type { TestDatabase } from './support/test-database.js';

type Riga = Record<string, any>;

/**
 * What an operator reads: the compiled service runs as a process with LOG_LEVEL=info and its
 * stdout is read line by line (JSON): one access line per request, every ANAC exchange, the
 * request id carried to ANAC and into the events, the ANAC metrics and the /ready format.
 */
describe('logs, request ids and ANAC metrics for operators', () => {
  let istanze: Istanze | undefined;
  let db: TestDatabase;
  let sim: RunningSimulator;
  let proc: ServiceProcess;
  let url: string;
  let buyer: UserClient;

  const righe = (): Riga[] =>
    proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Riga);
  const accessi = (requestId: string) => righe().filter((r) => r.component === 'http' && r.requestId === requestId);
  const confermato = (id: string, cosa: string) =>
    eventually(async () => {
      const a = (await buyer.request('GET', `/appalti/${id}`)).body;
      return a.stato === 'CONF' && !a.operazioneInCorso ? true : undefined;
    }, 30_000, cosa);
  const scambi = (appaltoId: string) => righe().filter((r) => r.msg?.startsWith('ANAC exchange') && r.appaltoId === appaltoId);

  beforeAll(async () => {
    assertBuilt();
    istanze = await preparaIstanze('osservabilita', { timings: { confermaMs: 0, confermaPolls: 1 } }, 4);
    ({ db, sim } = istanze);
    ({ proc, url } = await istanze.avvia({
      LOG_LEVEL: 'info',
      SUBSCRIPTION_POLL_MS: '20', ANAC_WORKER_TICK_MS: '20', ANAC_POLL_INITIAL_MS: '20', ANAC_POLL_MAX_MS: '200', ANAC_RETRY_BASE_MS: '20', ANAC_RETRY_MAX_MS: '300',
    }));
    buyer = await istanze.cliente(url, 'francesca.bianchi');
  }, 120_000);
  afterAll(async () => {
    if (proc && proc.child.exitCode === null) {
      proc.child.kill('SIGTERM');
      await proc.exited();
    }
    await istanze?.chiudi();
  });

  it('one access line per request: request id, user id, route pattern (not the concrete id), status, latency', async () => {
    const id = await preparaAd5(buyer);
    const letto = await buyer.request('GET', `/appalti/${id}`, undefined, { 'x-request-id': 'lettura-appalto-1' });
    expect(letto.status).toBe(200);
    expect(letto.headers.get('x-request-id')).toBe('lettura-appalto-1');
    const mancante = await buyer.request('GET', '/appalti/7d1f5a3e-0000-4000-8000-0000000000ff', undefined, { 'x-request-id': 'lettura-mancante-1' });
    expect(mancante.status).toBe(404);

    const linee = await eventually(async () => (accessi('lettura-appalto-1').length > 0 ? accessi('lettura-appalto-1') : undefined), 5_000, 'access line');
    expect(linee).toHaveLength(1);
    expect(linee[0]).toMatchObject({ level: 30, userId: 'francesca.bianchi', method: 'GET', route: '/appalti/:id', status: 200, msg: 'request completed' });
    expect(typeof linee[0].latencyMs).toBe('number');
    expect(JSON.stringify(linee[0])).not.toContain(id);
    await eventually(async () => (accessi('lettura-mancante-1').length === 1 ? true : undefined), 5_000, '404 access line');
    expect(accessi('lettura-mancante-1')[0]).toMatchObject({ route: '/appalti/:id', status: 404, userId: 'francesca.bianchi' });

    // A public route has no user; a malformed X-Request-ID is replaced by a generated UUID, echoed.
    const salute = await send(url, 'GET', '/health', undefined, { 'x-request-id': 'non valido con spazi' });
    const generato = salute.headers.get('x-request-id')!;
    expect(generato).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await eventually(async () => (accessi(generato).length === 1 ? true : undefined), 5_000, '/health access line');
    expect(accessi(generato)[0]).toMatchObject({ userId: null, route: '/health', status: 200 });
  });

  it('the request id of a conferma reaches ANAC as X-Request-ID and the events as correlation id; each exchange is logged', async () => {
    const id = await preparaAd5(buyer);
    const inviato = await buyer.request('POST', `/appalti/${id}/conferma`, undefined, { 'x-request-id': 'conferma-osservata-1' });
    expect(inviato.status).toBe(202);
    expect(inviato.headers.get('x-request-id')).toBe('conferma-osservata-1');
    await confermato(id, 'appalto CONF');

    const ricevute = sim.admin.calls().filter((c) => c.requestId === 'conferma-osservata-1').map((c) => c.operation);
    expect(ricevute).toEqual(expect.arrayContaining(['crea-appalto', 'conferma-appalto', 'recupera-cig']));
    // The conferma's event (written by the request) and those of the practice (written by the worker) share it.
    const { rows } = await db.pool.query<{ event_type: string }>(`SELECT DISTINCT event_type FROM es_events WHERE metadata->>'correlationId' = $1`, ['conferma-osservata-1']);
    expect(rows.map((r) => r.event_type)).toEqual(expect.arrayContaining(['AppaltoInviato', 'TrasmissioneAnacEseguita']));

    const crea = await eventually(async () => scambi(id).find((r) => r.operation === 'crea-appalto'), 5_000, 'crea-appalto log line');
    expect(crea).toMatchObject({ level: 30, appaltoId: id, attempt: 1, outcome: 'OK', httpStatus: 200, requestId: 'conferma-osservata-1' });
    expect(typeof crea.latencyMs).toBe('number');
  });

  it('a caller sending the same X-Request-ID again after a KO still gets its new conferma carried out', async () => {
    const id = await preparaAd5(buyer);
    sim.admin.programKo({ tipoOperazione: 'AP_CONF', codiceAppalto: id });
    expect((await buyer.request('POST', `/appalti/${id}/conferma`, undefined, { 'x-request-id': 'stesso-id' })).status).toBe(202);
    await eventually(async () => {
      const a = (await buyer.request('GET', `/appalti/${id}`)).body;
      return a.ultimoEsitoAnac && !a.operazioneInCorso ? true : undefined;
    }, 30_000, 'KO recorded');
    expect((await buyer.request('POST', `/appalti/${id}/conferma`, undefined, { 'x-request-id': 'stesso-id' })).status).toBe(202);
    await confermato(id, 'CONF at the second conferma');
  });

  it('a 429 and an unreachable ANAC are logged at warn with operation and appalto; /metrics has the ANAC series', async () => {
    const limitato = await preparaAd5(buyer);
    sim.admin.tooManyRequests({ calls: 1, retryAfterSeconds: 1, operations: ['crea-appalto'] });
    expect((await buyer.request('POST', `/appalti/${limitato}/conferma`)).status).toBe(202);
    const warn429 = await eventually(async () => scambi(limitato).find((r) => r.httpStatus === 429), 20_000, '429 log line');
    expect(warn429).toMatchObject({ level: 40, operation: 'crea-appalto', appaltoId: limitato, outcome: 'KO' });
    await confermato(limitato, 'CONF after the 429');

    const irraggiungibile = await preparaAd5(buyer);
    sim.admin.outage({ mode: '503' });
    try {
      expect((await buyer.request('POST', `/appalti/${irraggiungibile}/conferma`)).status).toBe(202);
      const warn503 = await eventually(async () => scambi(irraggiungibile).find((r) => r.httpStatus === 503), 20_000, '503 log line');
      expect(warn503).toMatchObject({ level: 40, operation: 'crea-appalto', appaltoId: irraggiungibile });
      expect(warn503.outcome).not.toBe('OK');

      // Once the step has been rescheduled (both attempts of the step failed).
      const metriche = await eventually(async () => {
        const testo = (await send(url, 'GET', '/metrics')).text;
        return /anac_retries_total\{operation="CONFERMA",kind="step"\} [1-9]/.test(testo) && /anac_practices_waiting\{step="[A-Z_]+"\} 1\b/.test(testo) ? testo : undefined;
      }, 20_000, 'step retry and waiting practice in /metrics');
      expect(metriche).toMatch(/anac_calls_total\{operation="crea-appalto",outcome="OK",status="200"\} [1-9]\d*/);
      expect(metriche).toMatch(/anac_calls_total\{operation="crea-appalto",outcome="KO",status="429"\} [1-9]\d*/);
      expect(metriche).toMatch(/anac_call_duration_seconds_count\{operation="conferma-appalto",outcome="OK"\} [1-9]\d*/);
      expect(metriche).toMatch(/anac_call_duration_seconds_bucket\{[^}]*operation="crea-appalto"[^}]*\} \d+/);
      expect(metriche).toMatch(/anac_retries_total\{operation="crea-appalto",kind="call"\} [1-9]\d*/);
      expect(metriche).toMatch(/anac_retries_total\{operation="CONFERMA",kind="step"\} [1-9]\d*/);
      // The practice waiting for ANAC: counted at its step, with the age of the oldest.
      expect(metriche).toMatch(/anac_practices_waiting\{step="[A-Z_]+"\} 1\b/);
      expect(metriche).toMatch(/anac_practice_oldest_age_seconds\{step="[A-Z_]+"\} \d/);
      expect(metriche).toMatch(/anac_practices_waiting_past_threshold 0\b/);
      expect(metriche).toContain('# TYPE anac_alarms_total counter');
    } finally {
      sim.admin.clearOutages();
    }
    await confermato(irraggiungibile, 'CONF after the outage');
    // Nothing waits any more: the gauge has no series left.
    await eventually(async () => (/anac_practices_waiting\{/.test((await send(url, 'GET', '/metrics')).text) ? undefined : true), 10_000, 'no practice waiting');
  });

  it('/ready answers in the Terminus format (info, error, details) and keeps its own fields', async () => {
    const pronto = await send(url, 'GET', '/ready');
    expect(pronto.status).toBe(200);
    expect(pronto.body).toMatchObject({
      status: 'ready',
      database: 'up',
      migrazioni: 'applicate',
      info: { database: { status: 'up' }, consumatori: { status: 'up' } },
      error: {},
      details: { database: { status: 'up' } },
    });
    expect(pronto.body.details.consumatori.totale).toBe(pronto.body.consumatori.length);
    // The catalogue is the one list of projections: each of them runs in the service, once.
    const nomi: string[] = pronto.body.consumatori.map((c: { nome: string }) => c.nome);
    const catalogo = proiezioniRicostruibili({ firma: {} as never, ogni: 1000 }).map((p) => p.consumer.name);
    expect(catalogo.length).toBeGreaterThanOrEqual(4);
    for (const nome of catalogo) expect(nomi.filter((n) => n === nome)).toEqual([nome]);
  });
});
