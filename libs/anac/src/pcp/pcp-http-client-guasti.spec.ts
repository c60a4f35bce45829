import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { ManualClock, SequentialIds } from '#platform';
import { startSimulator, type RunningSimulator } from '../../../../apps/anac-sim/src/simulator.js';
import type { AnacResult } from '../gateway/anac-gateway.js';
import type { PcpHttpClient } from './pcp-http-client.js';
import { RateLimiter } from './rate-limiter.js';
import { schedaPcp } from './scheda-pcp.js';
import {
  appaltoAd5, clienteDiProva, contestoDiProva, RUP_NON_REGISTRATO, VOUCHER_DI_PROVA, type ClienteDiProva,
} from './testing/ambiente-di-prova.js';
import { generateDevKeyPair } from './tracking-jws.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function fallimento<T>(r: AnacResult<T>) {
  if (r.ok) throw new Error('atteso un fallimento');
  return r.failure;
}
function valore<T>(r: AnacResult<T>): T {
  if (!r.ok) throw new Error(`atteso successo, ottenuto ${r.failure.categoria}: ${r.failure.messaggio}`);
  return r.value;
}

describe('PcpHttpClient against the ANAC simulator: each failure category', () => {
  let chiavi: Awaited<ReturnType<typeof generateDevKeyPair>>;
  let sim: RunningSimulator;
  let t: ClienteDiProva;
  let client: PcpHttpClient;
  const ctx = contestoDiProva();
  const creaAd5 = async (codiceAppalto = 'CIGL-AD5-000001') => valore(await client.creaAppalto(ctx, schedaPcp(appaltoAd5({ codiceAppalto })))).idAppalto;

  beforeAll(async () => {
    chiavi = await generateDevKeyPair();
  });
  beforeEach(async () => {
    const clock = new ManualClock('2025-03-01T09:00:00.000Z');
    sim = await startSimulator({ clock, ids: new SequentialIds(), logLevel: 'silent', voucher: VOUCHER_DI_PROVA, jwsPublicKey: chiavi.publicKeyPem });
    t = clienteDiProva(sim.url, clock, chiavi, { retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 } });
    client = t.client;
  });
  afterEach(async () => {
    await sim.close();
  });

  it('outage 503: retried with jittered backoff, then RETRYABLE with every attempt recorded', async () => {
    sim.admin.outage({ mode: '503' });
    const r = await client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    expect(fallimento(r)).toMatchObject({ categoria: 'RETRYABLE', httpStatus: 503, errori: [] });
    expect(r.calls.map((c) => [c.attempt, c.httpStatus, c.outcome])).toEqual([[1, 503, 'KO'], [2, 503, 'KO'], [3, 503, 'KO'], [4, 503, 'KO']]);
    expect(new Set(r.calls.map((c) => c.requestId)).size).toBe(4);
    for (const c of r.calls) expect([c.govWayMessageId, c.govWayTransactionId]).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
    // Three waits, each within its full-jitter window [0, 100·2^(n-1)).
    expect(t.attese).toHaveLength(3);
    t.attese.forEach((ms, i) => expect(ms).toBeLessThan(100 * 2 ** i));
    expect(sim.admin.calls().map((c) => c.status)).toEqual([503, 503, 503, 503]);
  });

  it('an outage that ends while retrying: the next attempt succeeds', async () => {
    sim.admin.outage({ mode: '503', ms: 50 });
    t.attese.length = 0;
    const r = await client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    expect(r.ok).toBe(true);
    expect(r.calls.map((c) => c.httpStatus).at(-1)).toBe(200);
    expect(r.calls.slice(0, -1).every((c) => c.httpStatus === 503)).toBe(true);
  });

  it('a dropped connection on a POST is ESITO_INCERTO and is not retried', async () => {
    const idAppalto = await creaAd5();
    sim.admin.outage({ mode: 'drop', operations: ['conferma-appalto'] });
    const r = await client.confermaAppalto(ctx, idAppalto);
    expect(fallimento(r)).toMatchObject({ categoria: 'ESITO_INCERTO', errori: [] });
    expect(fallimento(r).messaggio).toMatch(/potrebbe essere stata eseguita.*connessione interrotta/);
    expect(r.calls).toEqual([expect.objectContaining({ outcome: 'ESITO_INCERTO', networkError: expect.stringContaining('connessione interrotta') })]);
    expect(r.calls[0].httpStatus).toBeUndefined();
    expect(t.attese).toEqual([]);
  });

  it('a dropped connection on a GET is simply retried', async () => {
    const idAppalto = await creaAd5();
    sim.admin.outage({ mode: 'drop', operations: ['stato-appalto'], ms: 1 });
    const r = await client.statoAppalto(ctx, { idAppalto });
    expect(valore(r)).toBe('IN_LAV');
    expect(r.calls.map((c) => c.outcome)).toEqual(['ERRORE', 'OK']);
  });

  it('429 with Retry-After: the wait is at least that long, the shared limiter pauses, then the call goes', async () => {
    sim.admin.tooManyRequests({ calls: 1, retryAfterSeconds: 7 });
    const r = await client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    expect(r.ok).toBe(true);
    expect(r.calls.map((c) => [c.httpStatus, c.retryAfterMs])).toEqual([[429, 7_000], [200, undefined]]);
    expect(t.attese).toHaveLength(1);
    expect(t.attese[0]).toBeGreaterThanOrEqual(7_000);
  });

  it("one caller's 429 pauses the shared rate limiter: another client waits the Retry-After before its first call", async () => {
    const condiviso = new RateLimiter({ requestsPerSecond: 100, burst: 100, clock: t.clock });
    const primo = clienteDiProva(sim.url, t.clock, chiavi, { rateLimiter: condiviso, retry: { maxRetryAfterMs: 0 } });
    const secondo = clienteDiProva(sim.url, t.clock, chiavi, { rateLimiter: condiviso });
    sim.admin.tooManyRequests({ calls: 1, retryAfterSeconds: 5 });
    expect(fallimento(await primo.client.creaAppalto(ctx, schedaPcp(appaltoAd5())))).toMatchObject({ categoria: 'RETRYABLE', retryAfterMs: 5_000 });
    expect(condiviso.pausedUntil()?.toISOString()).toBe('2025-03-01T09:00:05.000Z');
    expect((await secondo.client.creaAppalto(ctx, schedaPcp(appaltoAd5()))).ok).toBe(true);
    expect(secondo.attese).toEqual([5_000]);
  });

  it('a Retry-After longer than the inline budget is handed back to the caller, not slept', async () => {
    sim.admin.tooManyRequests({ calls: 1, retryAfterSeconds: 3_600 });
    const r = await client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    expect(fallimento(r)).toMatchObject({ categoria: 'RETRYABLE', httpStatus: 429, retryAfterMs: 3_600_000 });
    expect(t.attese).toEqual([]);
  });

  it('crash after commit on crea-appalto: ESITO_INCERTO; ricercaAppalto by codiceAppalto finds the appalto', async () => {
    sim.admin.crashAfterCommit({ operation: 'crea-appalto' });
    const r = await client.creaAppalto(ctx, schedaPcp(appaltoAd5({ codiceAppalto: 'CRASH-000001' })));
    expect(fallimento(r).categoria).toBe('ESITO_INCERTO');
    expect(r.calls).toHaveLength(1);
    const trovati = valore(await client.ricercaAppalto(ctx, { codiceAppalto: 'CRASH-000001' }));
    expect(trovati).toEqual([expect.objectContaining({ codiceAppalto: 'CRASH-000001', stato: 'IN_LAV', lotti: [expect.objectContaining({ lotIdentifier: 'LOT-0001' })] })]);
    expect(sim.admin.countByCodiceAppalto()).toEqual({ 'CRASH-000001': 1 });
  });

  it('504 after commit on conferma-appalto: ESITO_INCERTO with the status; repeating it is refused as STATO (ERR18)', async () => {
    const idAppalto = await creaAd5();
    sim.admin.crashAfterCommit({ operation: 'conferma-appalto', mode: '504' });
    const r = await client.confermaAppalto(ctx, idAppalto);
    expect(fallimento(r)).toMatchObject({ categoria: 'ESITO_INCERTO', httpStatus: 504 });
    expect(r.calls.map((c) => c.outcome)).toEqual(['ESITO_INCERTO']);
    const ancora = await client.confermaAppalto(ctx, idAppalto);
    expect(fallimento(ancora)).toMatchObject({ categoria: 'STATO', errori: [expect.objectContaining({ codice: 'ERR18', descrizione: 'operazione non consentita: è in corso una richiesta di conferma appalto' })] });
  });

  it('a second crea with the same codiceAppalto is DUPLICATO (ERR38)', async () => {
    await creaAd5('CIGL-DUP-000001');
    const r = await client.creaAppalto(ctx, schedaPcp(appaltoAd5({ codiceAppalto: 'CIGL-DUP-000001' })));
    expect(fallimento(r)).toMatchObject({ categoria: 'DUPLICATO', httpStatus: 400, errori: [expect.objectContaining({ codice: 'ERR38', descrizione: 'codiceAppalto già presente' })] });
    expect(r.calls).toEqual([expect.objectContaining({ outcome: 'KO', errori: [expect.objectContaining({ codice: 'ERR38' })] })]);
  });

  it('a RUP not registered for the SA is IDENTITA (SEC05), not retried', async () => {
    const r = await client.creaAppalto(contestoDiProva(RUP_NON_REGISTRATO), schedaPcp(appaltoAd5()));
    const f = fallimento(r);
    expect(f).toMatchObject({ categoria: 'IDENTITA', httpStatus: 403, errori: [{ codice: 'SEC05', descrizione: 'Utente non autorizzato', dettaglio: expect.stringContaining('non sei RUP per questa SA') }] });
    expect(f.messaggio).toContain('SEC05 Utente non autorizzato');
    expect(r.calls).toHaveLength(1);
  });

  it('an amount AD5 does not allow is DATI (ERR100), with ANAC text for the user', async () => {
    const a = appaltoAd5();
    const troppo = { ...a, lotti: [{ ...a.lotti[0], aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'X', importo: '5000' }] } }] };
    const f = fallimento(await client.creaAppalto(ctx, schedaPcp(troppo)));
    expect(f).toMatchObject({ categoria: 'DATI', httpStatus: 400, errori: [expect.objectContaining({ codice: 'ERR100' })] });
    expect(f.messaggio).toContain("Importo totale non consentito per l'Affidamento diretto < 5k €");
  });

  it('a programmed KO: the esito is KO with ANAC errori and their descriptions', async () => {
    sim.admin.programKo({ tipoOperazione: 'AP_CONF', errori: [{ codice: 'ERR46', dettaglio: 'BT-5071-Lot deve contenere un valore' }] });
    const idAppalto = await creaAd5();
    valore(await client.confermaAppalto(ctx, idAppalto));
    t.clock.advance(300);
    expect(valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }))).toEqual([
      expect.objectContaining({
        esito: 'KO', dettaglio: 'AP_N_CONF',
        errori: [{ codice: 'ERR46', descrizione: "errore durante la validazione dell'eForm", dettaglio: 'BT-5071-Lot deve contenere un valore' }],
      }),
    ]);
  });

  it('no answer within timeoutMs: a POST is ESITO_INCERTO, untried', async () => {
    const lento = clienteDiProva(sim.url, t.clock, chiavi, { timeoutMs: 100 });
    sim.admin.latency({ ms: 400, operations: ['crea-appalto'], calls: 1 });
    const r = await lento.client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    expect(fallimento(r)).toMatchObject({ categoria: 'ESITO_INCERTO' });
    expect(r.calls).toEqual([expect.objectContaining({ outcome: 'ESITO_INCERTO', networkError: 'nessuna risposta entro 100 ms' })]);
  });

  it('connection refused: nothing was sent, so even a POST is RETRYABLE (and retried)', async () => {
    const porta = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const chiuso = clienteDiProva(`http://127.0.0.1:${porta}`, t.clock, chiavi, { retry: { maxAttempts: 2, baseDelayMs: 10 } });
    const r = await chiuso.client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    expect(fallimento(r)).toMatchObject({ categoria: 'RETRYABLE' });
    expect(r.calls).toEqual([1, 2].map((attempt) => expect.objectContaining({ attempt, outcome: 'ERRORE', networkError: 'connessione non stabilita (ECONNREFUSED)' })));
  });

  it('a 2xx without what the operation returns: a POST is ESITO_INCERTO, a GET is retried then RETRYABLE', async () => {
    const muto = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":200,"errori":null}'));
    await new Promise<void>((resolve) => muto.listen(0, '127.0.0.1', resolve));
    try {
      const c = clienteDiProva(`http://127.0.0.1:${(muto.address() as { port: number }).port}`, t.clock, chiavi, { retry: { maxAttempts: 2 } });
      const crea = await c.client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
      expect(fallimento(crea)).toMatchObject({ categoria: 'ESITO_INCERTO', httpStatus: 200 });
      expect(fallimento(crea).messaggio).toContain('senza idAppalto');
      expect(crea.calls.map((x) => x.outcome)).toEqual(['ESITO_INCERTO']);
      const cig = await c.client.recuperaCig(ctx, '4f8f5660-87e8-4dbb-b325-17e216f4a519');
      expect(fallimento(cig).categoria).toBe('RETRYABLE');
      expect(cig.calls.map((x) => x.outcome)).toEqual(['ERRORE', 'ERRORE']);
    } finally {
      await new Promise((resolve) => muto.close(resolve));
    }
  });

  it('a voucher provider that fails is RETRYABLE with no call to ANAC; a working one gets the JWS to bind', async () => {
    const senza = clienteDiProva(sim.url, t.clock, chiavi, { voucher: async () => { throw new Error('PDND irraggiungibile'); } });
    const r = await senza.client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    expect(r).toMatchObject({ ok: false, calls: [], failure: { categoria: 'RETRYABLE' } });
    expect(fallimento(r).messaggio).toContain('voucher PDND non ottenuto');
    const richieste: Array<{ trackingJws: string; audience: string }> = [];
    const con = clienteDiProva(sim.url, t.clock, chiavi, { voucher: async (per) => { richieste.push(per); return VOUCHER_DI_PROVA; } });
    expect((await con.client.creaAppalto(ctx, schedaPcp(appaltoAd5()))).ok).toBe(true);
    expect(richieste).toEqual([{ trackingJws: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), audience: `${sim.url}/ComunicaAppalto/v2` }]);
  });
});
