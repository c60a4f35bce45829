import { OPERAZIONI, type OperazionePcp } from './pcp/operazioni.js';
import { copiaLocaleDisponibile, SPECIFICA, verificatoreDaCopiaLocale } from './testing/copia-locale.js';
import type { ScambioPcp } from './testing/pcp-client.js';
import { richiestaCreaAd5, richiestaCreaP2_16, RUP_NON_REGISTRATO, SA_REGIONE_TOSCANA, schedaAd5, schedaP2_16 } from './testing/pcp-fixtures.js';
import { confermaAppalto, creaAppalto, pubblicaAvviso, tuttiICig, ultimoEsito } from './testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from './testing/simulatore-di-prova.js';
import type { VerificatorePcp } from './testing/verificatore-pcp.js';

/**
 * Conformance with ANAC's published interface: every request this file sends and every response
 * the simulator returns is validated against `specifiche-servizi-appalto.yaml` and the data-model
 * files it references (local copy, resolved from the repository root). How the schemas are read
 * (allOf merged before additionalProperties, scheda body dispatched on its code, absent files)
 * is explained in testing/openapi-bundle.ts and testing/verificatore-pcp.ts.
 */
const disponibile = copiaLocaleDisponibile();
const motivoSalto = `${SPECIFICA} non trovato: la copia locale della specifica ANAC manca, il test di conformità è saltato`;
if (!disponibile) {
  console.warn(`pcp-spec: ${motivoSalto}`);
  it.skip(`conformance with ANAC PCP OpenAPI: ${motivoSalto}`, () => undefined);
}

(disponibile ? describe : describe.skip)('conformance with ANAC PCP OpenAPI (specifiche-servizi-appalto.yaml)', () => {
  let verificatore: VerificatorePcp;
  let t: SimulatoreDiProva;
  const scambi: ScambioPcp[] = [];
  const visti: ScambioPcp[] = [];

  beforeAll(async () => {
    verificatore = verificatoreDaCopiaLocale();
    t = await avviaSimulatoreDiProva({}, { osserva: (s) => scambi.push(s) });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Validates the exchanges of the test just run; all failures at once, readable. */
  function verificaScambi(): void {
    const correnti = scambi.splice(0);
    visti.push(...correnti);
    expect(correnti.length).toBeGreaterThan(0);
    expect(correnti.flatMap((s) => verificatore.verifica(s))).toEqual([]);
  }

  it('AD5: crea, esiti, conferma, recupera-cig, stato, consulta, ricerca, modifica, cancella, verifica', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'SPEC-AD5-0001' }));
    await ultimoEsito(t.pcp, idAppalto, 'AP_CREA');
    await t.pcp.post('modifica-appalto', { idAppalto, scheda: schedaAd5({ codiceAppalto: 'SPEC-AD5-0001', importo: 999.5 }) });
    await t.pcp.post('conferma-appalto', { idAppalto });
    await ultimoEsito(t.pcp, idAppalto, 'AP_CONF');
    t.clock.advance(300);
    await t.pcp.get('esito-operazione', { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'TUTTI_ESITI', esito: 'OK' });
    const [{ cig }] = await tuttiICig(t.pcp, idAppalto);
    await t.pcp.get('stato-appalto', { idAppalto });
    await t.pcp.get('stato-appalto', { cig });
    await t.pcp.get('consulta-appalto', { idAppalto });
    await t.pcp.get('consulta-appalto', { cig });
    await t.pcp.get('ricerca-appalto', { codiceAppalto: 'SPEC-AD5-0001', page: 1, perPage: 20 });
    await t.pcp.get('ricerca-appalto', { dataCreazioneDa: '2025-01-01T00:00:00Z', stato: 'CONF' });
    await t.pcp.post('cancella-appalto', { idAppalto, motivo: 'Revoca delle procedure di gara' });

    const verificato = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'SPEC-AD5-0002' }));
    await t.pcp.post('verifica-appalto', { idAppalto: verificato });
    t.clock.advance(300);
    await ultimoEsito(t.pcp, verificato, 'AP_VERIF');
    verificaScambi();
  });

  it('open procedure P2_16: pubblica-avviso, stato-avviso, modifica-avviso, publication', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaP2_16({ codiceAppalto: 'SPEC-P216-01' }));
    const { idAvviso } = await confermaAppalto(t.pcp, idAppalto, () => t.clock.advance(300));
    await pubblicaAvviso(t.pcp, idAppalto, idAvviso);
    await t.pcp.get('stato-avviso', { idAvviso });
    await ultimoEsito(t.pcp, idAppalto, 'AV_PUBB');
    await t.pcp.post('modifica-avviso', { idAvviso, idAppalto, scheda: schedaP2_16({ codiceAppalto: 'SPEC-P216-01' }) });
    t.clock.advance(300);
    const esito = await ultimoEsito(t.pcp, idAppalto, 'AV_MOD');
    await tuttiICig(t.pcp, idAppalto);
    t.clock.advance(500);
    await ultimoEsito(t.pcp, idAppalto, 'AV_PUBB');
    await t.pcp.get('stato-avviso', { idAvviso: esito.idNuovoAvviso });
    await t.pcp.get('stato-appalto', { idAppalto });
    verificaScambi();
  });

  it('error answers: 400 (ERR38, ERR16, ERR18), 404, KO esito with errori', async () => {
    const idAppalto = await creaAppalto(t.pcp, richiestaCreaAd5({ codiceAppalto: 'SPEC-ERR-001' }));
    expect((await t.pcp.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'SPEC-ERR-001' }))).status).toBe(400);
    expect((await t.pcp.get('recupera-cig', { idAppalto })).status).toBe(400);
    t.sim.admin.programKo({ errori: [{ codice: 'ERR46', dettaglio: 'BT-5071-Lot deve contenere un valore dell\'elenco di codici nuts-lvl3' }] });
    await t.pcp.post('conferma-appalto', { idAppalto });
    expect((await t.pcp.post('conferma-appalto', { idAppalto })).status).toBe(400);
    t.clock.advance(300);
    expect((await ultimoEsito(t.pcp, idAppalto, 'AP_CONF')).esito.codice).toBe('KO');
    const ignoto = '7d1f5a3e-0000-4000-8000-00000000abcd';
    expect((await t.pcp.get('esito-operazione', { idAppalto: ignoto, tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' })).status).toBe(404);
    expect((await t.pcp.get('stato-appalto', { idAppalto: ignoto })).status).toBe(404);
    expect((await t.pcp.post('conferma-appalto', { idAppalto: ignoto })).status).toBe(404);
    expect((await t.pcp.get('stato-avviso', { idAvviso: ignoto })).status).toBe(404);
    expect((await t.pcp.get('ricerca-appalto', { codiceAppalto: 'SPEC-ERR-001', perPage: 20, page: 2 })).status).toBe(200);
    verificaScambi();
  });

  it('gateway answers: 401 SEC14, 403 SEC05, 429 with Retry-After, 503, 504, /status', async () => {
    await t.pcp.get('status', {}, { jws: null, voucher: null });
    expect((await t.pcp.post('crea-appalto', richiestaCreaAd5(), { jws: null })).status).toBe(401);
    expect((await t.pcp.come({ userCodiceFiscale: RUP_NON_REGISTRATO, sa: SA_REGIONE_TOSCANA }).post('crea-appalto', richiestaCreaAd5())).status).toBe(403);
    t.sim.admin.tooManyRequests({ calls: 2, retryAfterSeconds: 3 });
    expect((await t.pcp.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'SPEC-GW-0001' }))).status).toBe(429);
    expect((await t.pcp.get('status')).status).toBe(429);
    t.sim.admin.outage({ ms: 10 });
    expect((await t.pcp.get('esito-operazione', { idAppalto: '7d1f5a3e-0000-4000-8000-00000000abcd', tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' })).status).toBe(503);
    t.clock.advance(10);
    t.sim.admin.crashAfterCommit({ operation: 'crea-appalto', mode: '504' });
    expect((await t.pcp.post('crea-appalto', richiestaCreaAd5({ codiceAppalto: 'SPEC-GW-0002' }))).status).toBe(504);
    verificaScambi();
    expect([...verificatore.statiNonDichiarati].sort()).toEqual(['crea-appalto 401', 'crea-appalto 403', 'crea-appalto 504', 'esito-operazione 503']);
  });

  it('the checker itself refuses payloads that do not conform (so the tests above can fail)', () => {
    const scambio = (s: Partial<ScambioPcp>): ScambioPcp => ({
      operazione: 'crea-appalto', metodo: 'POST', query: {}, richiesta: richiestaCreaAd5(), status: 200,
      contentType: 'application/json; charset=utf-8', headers: new Headers({ 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '1' }),
      risposta: { type: 'about:blank', title: 'Operazione Effettuata', status: 200, detail: 'ok', idAppalto: '7d1f5a3e-0000-4000-8000-000000000001' },
      ...s,
    });
    expect(verificatore.verifica(scambio({}))).toEqual([]);
    const casi: Array<[string, Partial<ScambioPcp>]> = [
      ['unknown response field', { risposta: { status: 200, idAppalto: '7d1f5a3e-0000-4000-8000-000000000001', extra: 1 } }],
      ['idAppalto not a uuid', { risposta: { status: 200, idAppalto: 'abc' } }],
      ['title not printable ASCII', { risposta: { status: 200, title: 'Operazione è' } }],
      ['wrong media type', { contentType: 'text/plain' }],
      ['missing rate-limit header', { headers: new Headers() }],
      ['unknown error code', { status: 400, contentType: 'application/problem+json', risposta: { status: 400, errori: [{ idTipologica: 'errori', codice: 'ERR99999' }] } }],
      ['error without codice', { status: 400, contentType: 'application/problem+json', risposta: { status: 400, errori: [{ idTipologica: 'errori' }] } }],
      ['AD5 body with an unknown field', { richiesta: { scheda: { ...schedaAd5(), body: { ...schedaAd5().body, extra: true } } } }],
      ['AD5 awardee without importo', { richiesta: { scheda: JSON.parse(JSON.stringify(schedaAd5()).replace('"importo":1250', '"x":1')) } }],
      ['request body without scheda', { richiesta: {} }],
      ['esito as a bare string', { operazione: 'esito-operazione', metodo: 'GET', richiesta: undefined, query: { idAppalto: '7d1f5a3e-0000-4000-8000-000000000001', tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }, risposta: { status: 200, listaEsiti: [{ esito: 'OK' }] } }],
      ['perPage above 20', { operazione: 'recupera-cig', metodo: 'GET', richiesta: undefined, query: { idAppalto: '7d1f5a3e-0000-4000-8000-000000000001', perPage: '21' }, risposta: { status: 200, result: [] } }],
      ['importo of a lot as a number', { operazione: 'ricerca-appalto', metodo: 'GET', richiesta: undefined, query: { codiceAppalto: 'X' }, risposta: { status: 200, result: [{ lotti: [{ importo: 1 }] }] } }],
      ['unknown statoAppalto code', { operazione: 'stato-appalto', metodo: 'GET', richiesta: undefined, query: { idAppalto: '7d1f5a3e-0000-4000-8000-000000000001' }, risposta: { status: 200, esitoStato: { idAppalto: '7d1f5a3e-0000-4000-8000-000000000001', stato: { idTipologica: 'statoAppalto', codice: 'APERTO' } } } }],
    ];
    for (const [caso, modifica] of casi) expect([caso, verificatore.verifica(scambio(modifica)).length > 0]).toEqual([caso, true]);
  });

  it('every operation of the simulator was exercised with a successful answer', () => {
    const riuscite = new Set(visti.filter((s) => s.status === 200).map((s) => s.operazione));
    expect(Object.keys(OPERAZIONI).filter((op) => !riuscite.has(op as OperazionePcp))).toEqual([]);
    // P2_16's scheda file is not in the local copy: its check was partial (see VerificatorePcp).
    expect([...verificatore.schedeParziali]).toEqual(['P2_16']);
  });
});
