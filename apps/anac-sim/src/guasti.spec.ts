import { richiestaCreaAd5, richiestaCreaP2_16 } from './testing/pcp-fixtures.js';
import { confermaAppalto, creaAppalto, ultimoEsito } from './testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from './testing/simulatore-di-prova.js';

const admin = (t: SimulatoreDiProva, method: string, path: string, body?: unknown) =>
  fetch(`${t.sim.url}/__admin/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });

const adminJson = async (t: SimulatoreDiProva, method: string, path: string, body?: unknown): Promise<any> => (await admin(t, method, path, body)).json();

describe('ANAC PCP simulator: fault injection', () => {
  let t: SimulatoreDiProva;
  beforeEach(async () => {
    t = await avviaSimulatoreDiProva({ random: () => 0.5 });
  });
  afterEach(async () => {
    await t.close();
  });

  it('outage 503: every ANAC call answers 503 problem+json for the window, then service resumes', async () => {
    expect((await admin(t, 'POST', 'faults/outage', { ms: 1_000, mode: '503' })).status).toBe(200);
    const r = await t.pcp.post('crea-appalto', richiestaCreaAd5());
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 503, title: 'KO' });
    expect((await t.pcp.get('status', {}, { jws: null })).status).toBe(503);
    t.clock.advance(1_000);
    expect((await t.pcp.post('crea-appalto', richiestaCreaAd5())).status).toBe(200);
    expect(t.sim.admin.calls().map((c) => [c.operation, c.status, c.fault])).toEqual([
      ['crea-appalto', 503, 'outage'], ['status', 503, 'outage'], ['crea-appalto', 200, undefined],
    ]);
  });

  it('outage with dropped connections: the socket closes without any response, until cleared', async () => {
    t.sim.admin.outage({ mode: 'drop', operations: ['conferma-appalto'] });
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    await expect(t.pcp.post('conferma-appalto', { idAppalto })).rejects.toThrow('fetch failed');
    t.clock.advance(3_600_000);
    await expect(t.pcp.post('conferma-appalto', { idAppalto })).rejects.toThrow('fetch failed');
    expect(t.sim.admin.appalto(idAppalto)?.operazioniInCorso).toEqual([]);
    expect((await admin(t, 'DELETE', 'faults/outage')).status).toBe(204);
    expect((await t.pcp.post('conferma-appalto', { idAppalto })).status).toBe(200);
    expect(t.sim.admin.calls().filter((c) => c.status === 'dropped')).toHaveLength(2);
  });

  it('429 with Retry-After for the next N calls, then normal answers with rate-limit headers', async () => {
    t.sim.admin.tooManyRequests({ calls: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await t.pcp.get('status');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(r.body).toMatchObject({ status: 429, title: 'KO' });
    }
    const ok = await t.pcp.get('status');
    expect(ok.status).toBe(200);
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) expect(ok.headers.get(h)).toMatch(/^\d+$/);
  });

  it('the rate limit itself: over the window limit a call gets 429 with Retry-After until the window resets', async () => {
    const stretto = await avviaSimulatoreDiProva({ clock: t.clock, rateLimit: { limit: 2, windowMs: 10_000 } });
    try {
      const risposte = [await stretto.pcp.get('status'), await stretto.pcp.get('status'), await stretto.pcp.get('status')];
      expect(risposte.map((r) => [r.status, r.headers.get('x-ratelimit-remaining')])).toEqual([[200, '1'], [200, '0'], [429, '0']]);
      expect(risposte[2].headers.get('retry-after')).toBe('10');
      t.clock.advance(10_000);
      expect((await stretto.pcp.get('status')).status).toBe(200);
    } finally {
      await stretto.close();
    }
  });

  it('429 for a time window, measured with the injected clock', async () => {
    await admin(t, 'POST', 'faults/too-many-requests', { ms: 5_000, retryAfterSeconds: 5 });
    expect((await t.pcp.get('status')).status).toBe(429);
    t.clock.advance(4_999);
    expect((await t.pcp.get('status')).status).toBe(429);
    t.clock.advance(1);
    expect((await t.pcp.get('status')).status).toBe(200);
  });

  it('crash after commit: crea-appalto is done and saved, the answer is lost; the retry finds it (created exactly once)', async () => {
    await admin(t, 'POST', 'faults/crash-after-commit', { operation: 'crea-appalto', calls: 1 });
    const richiesta = richiestaCreaAd5({ codiceAppalto: 'CRASH-000001' });
    await expect(t.pcp.post('crea-appalto', richiesta)).rejects.toThrow('fetch failed');
    const ripetuta = await t.pcp.post('crea-appalto', richiesta);
    expect(ripetuta.body.errori[0].codice).toBe('ERR38');
    const trovato = await t.pcp.get('ricerca-appalto', { codiceAppalto: 'CRASH-000001' });
    expect(trovato.body.totRows).toBe(1);
    expect(t.sim.admin.countByCodiceAppalto()).toEqual({ 'CRASH-000001': 1 });
    expect(t.sim.admin.calls().map((c) => [c.status, c.fault])).toEqual([['dropped', 'crash-after-commit'], [400, undefined], [200, undefined]]);
  });

  it('504 after commit: conferma-appalto is acknowledged internally, the client gets 504; a second conferma is ERR18', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    t.sim.admin.crashAfterCommit({ operation: 'conferma-appalto', mode: '504' });
    const r = await t.pcp.post('conferma-appalto', { idAppalto });
    expect(r.status).toBe(504);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).toMatchObject({ esito: { codice: 'WT' } });
    expect((await t.pcp.post('conferma-appalto', { idAppalto })).body.errori[0].codice).toBe('ERR18');
    t.clock.advance(300);
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).toMatchObject({ esito: { codice: 'OK' } });
  });

  it('long WT by time: the esito stays WT for the configured wait plus the extra time', async () => {
    t.sim.admin.longWait({ tipoOperazione: 'AP_CONF', ms: 10_000 });
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    await t.pcp.post('conferma-appalto', { idAppalto });
    t.clock.advance(10_299);
    expect((await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).esito.codice).toBe('WT');
    t.clock.advance(1);
    expect((await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).esito.codice).toBe('OK');
  });

  it('long WT by polls: the first N polls see WT even when the time is over', async () => {
    t.sim.admin.longWait({ tipoOperazione: 'AP_CONF', polls: 3 });
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    await t.pcp.post('conferma-appalto', { idAppalto });
    t.clock.advance(60_000);
    for (let i = 0; i < 3; i++) expect((await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).esito.codice).toBe('WT');
    expect((await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).esito.codice).toBe('OK');
  });

  it('end-waits: what a long wait holds is released, its esito final at the next call', async () => {
    t.sim.admin.longWait({ tipoOperazione: 'AP_CONF', ms: 3_600_000 });
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    await t.pcp.post('conferma-appalto', { idAppalto });
    t.clock.advance(60_000);
    expect((await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).esito.codice).toBe('WT');
    expect(await adminJson(t, 'POST', 'end-waits', { tipoOperazione: 'AV_PUBB' })).toEqual({ rilasciate: 0 });
    expect(await adminJson(t, 'POST', 'end-waits', {})).toEqual({ rilasciate: 1 });
    expect((await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).esito.codice).toBe('OK');
    expect((await admin(t, 'POST', 'end-waits', { tipoOperazione: 'XX' })).status).toBe(400);
  });

  it('empty esito list: the next N polls answer listaEsiti [] although the operation was acknowledged', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5());
    await admin(t, 'POST', 'faults/empty-esiti', { polls: 2, tipoOperazione: 'AP_CONF' });
    await t.pcp.post('conferma-appalto', { idAppalto });
    t.clock.advance(300);
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).toBeUndefined();
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_CREA')).toMatchObject({ esito: { codice: 'OK' } });
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).toBeUndefined();
    expect(await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).toMatchObject({ esito: { codice: 'OK' } });
  });

  it('programmed KO for the next conferma of one appalto: KO / AP_N_CONF with the chosen errori, appalto still IN_LAV', async () => {
    const altro = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'KO-ALTRO-01' }));
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'KO-PROGR-01' }));
    await admin(t, 'POST', 'faults/ko', { codiceAppalto: 'KO-PROGR-01', errori: [{ codice: 'ERR46', dettaglio: 'BT-5071-Lot deve contenere un valore dell\'elenco di codici nuts-lvl3' }] });
    await confermaAppalto(t.pcp, altro, () => t.clock.advance(300));
    await t.pcp.post('conferma-appalto', { idAppalto });
    t.clock.advance(300);
    const esito = await ultimoEsito(t.pcp, idAppalto, 'AP_CONF');
    expect(esito).toMatchObject({
      esito: { codice: 'KO' }, dettaglio: { codice: 'AP_N_CONF' },
      errori: [{ idTipologica: 'errori', codice: 'ERR46', dettaglio: expect.stringContaining('BT-5071') }],
    });
    expect(esito.idAvviso).toBeUndefined();
    expect((await t.pcp.get('stato-appalto', { idAppalto })).body.esitoStato.stato.codice).toBe('IN_LAV');
    expect((await t.pcp.get('recupera-cig', { idAppalto })).body.errori[0].codice).toBe('ERR16');
    // The KO was for one conferma only: the next one succeeds.
    await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    const tutti = await t.pcp.get('esito-operazione', { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'TUTTI_ESITI' });
    expect(tutti.body.listaEsiti.map((e: any) => e.esito.codice)).toEqual(['OK', 'KO']);
  });

  it('content rules fail the conferma too: REG116 without CPV, REG105 with a past deadline', async () => {
    const senzaCpv = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'SENZA-CPV-1', lotto: (i) => (i === 1 ? { datiBaseCPV: undefined } : {}) }));
    const scaduto = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'SCADUTO-001', scadenzaPresentazioneOfferte: '2025-02-01T12:00:00Z' }));
    for (const idAppalto of [senzaCpv, scaduto]) await t.pcp.post('conferma-appalto', { idAppalto });
    t.clock.advance(300);
    expect((await ultimoEsito(t.pcp, senzaCpv, 'AP_CONF')).errori.map((e: any) => e.codice)).toEqual(['REG116']);
    expect((await ultimoEsito(t.pcp, scaduto, 'AP_CONF')).errori.map((e: any) => e.codice)).toEqual(['REG105', 'REG105', 'REG105']);
  });

  it('latency: fixed, or drawn in a range with the injected random; recorded in the calls log', async () => {
    t.sim.admin.latency({ minMs: 100, maxMs: 300, calls: 1 });
    const inizio = Date.now();
    expect((await t.pcp.get('status')).status).toBe(200);
    expect(Date.now() - inizio).toBeGreaterThanOrEqual(190);
    expect(t.sim.admin.calls()[0].latencyMs).toBe(200);
    expect((await t.pcp.get('status')).status).toBe(200);
    expect(t.sim.admin.calls()[1].latencyMs).toBeUndefined();
  });

  it('admin API: state, faults, calls, timings, reset; bad options are 400', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaP2_16());
    await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    const state = await adminJson(t, 'GET', 'state');
    expect(state.countByCodiceAppalto).toEqual({ 'CIGL-2025-000124': 1 });
    expect(state.appalti[0]).toMatchObject({ idAppalto, codiceAppalto: 'CIGL-2025-000124', stato: 'CONF' });
    expect(state.appalti[0].lotti.map((l: any) => l.cig)).toHaveLength(3);
    expect((await adminJson(t, 'GET', 'calls')).map((c: any) => c.operation)).toEqual(['crea-appalto', 'conferma-appalto', 'esito-operazione']);

    expect((await admin(t, 'POST', 'faults/outage', { mode: 'sometimes' })).status).toBe(400);
    expect((await admin(t, 'POST', 'faults/crash-after-commit', { operation: 'nessuna' })).status).toBe(400);
    expect((await admin(t, 'POST', 'faults/latency', '{not json')).status).toBe(400);
    await admin(t, 'POST', 'faults/ko', {});
    expect((await adminJson(t, 'GET', 'faults')).kos).toHaveLength(1);
    expect((await admin(t, 'DELETE', 'faults')).status).toBe(204);
    expect((await adminJson(t, 'GET', 'faults')).kos).toEqual([]);

    expect(await adminJson(t, 'PATCH', 'timings', { confermaMs: 0, pubblicaPolls: 2 })).toMatchObject({ confermaMs: 0, pubblicaMs: 500, pubblicaPolls: 2 });
    expect((await admin(t, 'PATCH', 'timings', { confermaMs: -1 })).status).toBe(400);
    expect((await admin(t, 'DELETE', 'state')).status).toBe(204);
    expect((await adminJson(t, 'GET', 'state')).appalti).toEqual([]);
  });
});
