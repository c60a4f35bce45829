import { ManualClock, SequentialIds } from '#platform';
import { startSimulator, type RunningSimulator } from '../../../../apps/anac-sim/src/simulator.js';
import type { AnacCall, AnacResult } from '../gateway/anac-gateway.js';
import { PcpHttpClient } from './pcp-http-client.js';
import { schedaPcp } from './scheda-pcp.js';
import { appaltoAd5, appaltoP2_16, clienteDiProva, contestoDiProva, VOUCHER_DI_PROVA } from './testing/ambiente-di-prova.js';
import { generateDevKeyPair, TrackingJwsSigner } from './tracking-jws.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function valore<T>(r: AnacResult<T>): T {
  if (!r.ok) throw new Error(`atteso successo, ottenuto ${r.failure.categoria}: ${r.failure.messaggio}`);
  return r.value;
}

/** What ANAC support asks for is on every exchange: ids, timing, status, the gateway's ids. */
function registrazioneCompleta(call: AnacCall): void {
  expect(call.requestId).toMatch(UUID);
  expect(call.durationMs).toBeGreaterThanOrEqual(0);
  expect(call.startedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(call.httpStatus).toBe(200);
  expect(call.outcome).toBe('OK');
  expect(call.govWayMessageId).toMatch(UUID);
  expect(call.govWayTransactionId).toMatch(UUID);
  expect(call.govWayMessageId).not.toBe(call.govWayTransactionId);
}

describe('PcpHttpClient against the ANAC simulator: flows', () => {
  let chiavi: Awaited<ReturnType<typeof generateDevKeyPair>>;
  let sim: RunningSimulator;
  let client: PcpHttpClient;
  let clock: ManualClock;
  const ctx = contestoDiProva();

  beforeAll(async () => {
    chiavi = await generateDevKeyPair();
  });
  beforeEach(async () => {
    clock = new ManualClock('2025-03-01T09:00:00.000Z');
    // Voucher and JWS signature are verified: the client's identity headers must be right.
    sim = await startSimulator({ clock, ids: new SequentialIds(), logLevel: 'silent', voucher: VOUCHER_DI_PROVA, jwsPublicKey: chiavi.publicKeyPem });
    ({ client } = clienteDiProva(sim.url, clock, chiavi));
  });
  afterEach(async () => {
    await sim.close();
  });

  it('AD5: crea → conferma → esito WT, then OK with idAvviso → recuperaCig', async () => {
    const crea = await client.creaAppalto(ctx, schedaPcp(appaltoAd5()));
    const { idAppalto } = valore(crea);
    expect(idAppalto).toMatch(UUID);
    expect(crea.calls).toHaveLength(1);
    expect(crea.calls[0]).toMatchObject({ operazione: 'crea-appalto', method: 'POST', path: '/ComunicaAppalto/v2/crea-appalto', attempt: 1 });
    expect(crea.calls[0].requestBody).toEqual({ scheda: schedaPcp(appaltoAd5()) });
    expect(crea.calls[0].responseBody).toMatchObject({ status: 200, idAppalto });

    valore(await client.confermaAppalto(ctx, idAppalto));
    const inAttesa = valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }));
    expect(inAttesa).toEqual([expect.objectContaining({ esito: 'WT', dettaglio: 'AP_IN_CONF', tipoOperazione: 'AP_CONF', errori: [] })]);

    clock.advance(300);
    const esito = await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' });
    expect(valore(esito)).toEqual([expect.objectContaining({ idAppalto, esito: 'OK', dettaglio: 'AP_CONF', idAvviso: expect.stringMatching(UUID), idScheda: expect.stringMatching(UUID) })]);
    expect(esito.calls[0].path).toBe(`/ServiziComuni/v2/esito-operazione?idAppalto=${idAppalto}&tipoOperazione=AP_CONF&tipoRicerca=ULTIMO_ESITO`);

    const cig = await client.recuperaCig(ctx, idAppalto);
    expect(valore(cig)).toEqual([{ lotIdentifier: 'LOT-0001', cig: expect.stringMatching(/^[A-U][0-9A-F]{9}$/) }]);
    expect(valore(await client.statoAppalto(ctx, { idAppalto }))).toBe('CONF');
    expect(valore(await client.statoAppalto(ctx, { cig: valore(cig)[0].cig }))).toBe('CONF');
    for (const call of [...crea.calls, ...esito.calls, ...cig.calls]) registrazioneCompleta(call);
    // Every exchange had its own request id, echoed by the gateway.
    expect(new Set([...crea.calls, ...esito.calls, ...cig.calls].map((c) => c.requestId)).size).toBe(3);
  });

  it('P2_16 with 3 lots: crea → conferma → CIGs → pubblicaAvviso → AV_PUBB OK, appalto PUBB; ricerca and consulta see it', async () => {
    const a = appaltoP2_16(3);
    const { idAppalto } = valore(await client.creaAppalto(ctx, schedaPcp(a)));
    valore(await client.confermaAppalto(ctx, idAppalto));
    clock.advance(300);
    const [conferma] = valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }));
    expect(conferma.esito).toBe('OK');
    const cig = valore(await client.recuperaCig(ctx, idAppalto));
    expect(cig.map((c) => c.lotIdentifier)).toEqual(['LOT-0001', 'LOT-0002', 'LOT-0003']);

    const pubblica = await client.pubblicaAvviso(ctx, { idAppalto, idAvviso: conferma.idAvviso! });
    expect(pubblica).toMatchObject({ ok: true, calls: [{ operazione: 'pubblica-avviso', path: '/PubblicaAvviso/v2/pubblica-avviso', httpStatus: 200 }] });
    expect(valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AV_PUBB', tipoRicerca: 'ULTIMO_ESITO' }))[0].esito).toBe('WT');
    expect(valore(await client.statoAppalto(ctx, { idAppalto }))).toBe('IN_ATT_PUBB');
    clock.advance(500);
    expect(valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AV_PUBB', tipoRicerca: 'TUTTI_ESITI' }))).toEqual([
      expect.objectContaining({ esito: 'OK', dettaglio: 'AV_PUBB', idAvviso: conferma.idAvviso }),
    ]);
    expect(valore(await client.statoAppalto(ctx, { idAppalto }))).toBe('PUBB');

    const [trovato] = valore(await client.ricercaAppalto(ctx, { codiceAppalto: a.codiceAppalto }));
    expect(trovato).toMatchObject({ idAppalto, codiceAppalto: a.codiceAppalto, stato: 'PUBB' });
    expect(trovato.lotti).toEqual(cig.map((c) => expect.objectContaining({ ...c, importo: '10000.00', stato: 'PUBB' })));
    const consultato = valore(await client.consultaAppalto(ctx, idAppalto));
    expect(consultato).toMatchObject({ idAppalto, codiceScheda: 'P2_16', statoScheda: 'CONF', scheda: { body: schedaPcp(a).body } });
  });

  it('modificaAvviso: the CIGs of every lot are regenerated, recuperaCig returns the new ones', async () => {
    const a = appaltoP2_16(2);
    const { idAppalto } = valore(await client.creaAppalto(ctx, schedaPcp(a)));
    valore(await client.confermaAppalto(ctx, idAppalto));
    clock.advance(300);
    const [{ idAvviso }] = valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AP_CONF', tipoRicerca: 'ULTIMO_ESITO' }));
    const prima = valore(await client.recuperaCig(ctx, idAppalto));
    valore(await client.pubblicaAvviso(ctx, { idAppalto, idAvviso: idAvviso! }));
    const modificata = schedaPcp({ ...a, datiGara: { ...a.datiGara, oggetto: 'Servizi di pulizia - oggetto corretto' } });
    valore(await client.modificaAvviso(ctx, { idAppalto, idAvviso: idAvviso!, scheda: modificata }));
    clock.advance(300);
    const [mod] = valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AV_MOD', tipoRicerca: 'ULTIMO_ESITO' }));
    expect(mod).toMatchObject({ esito: 'OK', idAvviso, idNuovoAvviso: expect.stringMatching(UUID), idNuovaScheda: expect.stringMatching(UUID) });
    const dopo = valore(await client.recuperaCig(ctx, idAppalto));
    expect(dopo.map((c) => c.lotIdentifier)).toEqual(prima.map((c) => c.lotIdentifier));
    for (const [i, c] of dopo.entries()) expect(c.cig).not.toBe(prima[i].cig);
  });

  it('recuperaCig over 45 lots walks 3 pages of at most 20', async () => {
    const { idAppalto } = valore(await client.creaAppalto(ctx, schedaPcp(appaltoP2_16(45))));
    valore(await client.confermaAppalto(ctx, idAppalto));
    clock.advance(300);
    const r = await client.recuperaCig(ctx, idAppalto);
    expect(valore(r).map((c) => c.lotIdentifier)).toEqual(Array.from({ length: 45 }, (_, i) => `LOT-${String(i + 1).padStart(4, '0')}`));
    expect(new Set(valore(r).map((c) => c.cig)).size).toBe(45);
    expect(r.calls.map((c) => c.path.replace(/idAppalto=[^&]+&/, ''))).toEqual([1, 2, 3].map((p) => `/ComunicaAppalto/v2/recupera-cig?page=${p}&perPage=20`));
    r.calls.forEach(registrazioneCompleta);
  });

  it("the simulator's answers carry GovWay ids and echo X-Request-ID, as ANAC's gateway does", async () => {
    const r = await fetch(`${sim.url}/ServiziComuni/v2/status`, { headers: { 'x-request-id': 'richiesta-42' } });
    expect(r.headers.get('x-request-id')).toBe('richiesta-42');
    expect(r.headers.get('govway-message-id')).toMatch(UUID);
    expect(r.headers.get('govway-transaction-id')).toMatch(UUID);
  });

  it('bodies over 64 KB are truncated in the log, never in the request', async () => {
    const espd = Buffer.from(`<espd>${'x'.repeat(100_000)}</espd>`).toString('base64');
    const scheda = schedaPcp(appaltoAd5({ espd }));
    const r = await client.creaAppalto(ctx, scheda);
    expect(r.ok).toBe(true);
    const registrato = r.calls[0].requestBody as string;
    expect(typeof registrato).toBe('string');
    expect(registrato).toHaveLength(64 * 1024 + '…[troncato]'.length);
    expect(registrato.endsWith('…[troncato]')).toBe(true);
    const idAppalto = valore(r).idAppalto;
    expect((valore(await client.consultaAppalto(ctx, idAppalto)).scheda as any).body.espd).toBe(espd);
  });

  it('verifica, modifica and cancella of a draft', async () => {
    const a = appaltoAd5({ codiceAppalto: 'CIGL-AD5-000777' });
    const { idAppalto } = valore(await client.creaAppalto(ctx, schedaPcp(a)));
    valore(await client.verificaAppalto(ctx, idAppalto));
    clock.advance(300);
    expect(valore(await client.esitoOperazione(ctx, { idAppalto, tipoOperazione: 'AP_VERIF', tipoRicerca: 'ULTIMO_ESITO' }))[0]).toMatchObject({ esito: 'OK', dettaglio: 'AP_VERIF' });
    const nuova = schedaPcp({ ...a, datiGara: { ...a.datiGara, oggetto: 'Cancelleria e toner' } });
    expect(valore(await client.modificaAppalto(ctx, idAppalto, nuova))).toEqual({ idAppalto });
    expect((valore(await client.consultaAppalto(ctx, idAppalto)).scheda as any).body.anacForm.appalto.datiBase.oggetto).toBe('Cancelleria e toner');
    const cancella = await client.cancellaAppalto(ctx, idAppalto, 'Revoca della procedura');
    expect(cancella.ok).toBe(true);
    expect(cancella.calls[0].requestBody).toEqual({ idAppalto, motivo: 'Revoca della procedura' });
    expect(valore(await client.statoAppalto(ctx, { idAppalto }))).toBe('CANC');
  });
});

describe('PcpHttpClient: e-service base URLs (also the JWS aud)', () => {
  const jws = new TrackingJwsSigner({ privateKeyPem: 'non usata', kid: 'k', regCodicePiattaforma: '1', regCodiceComponente: '1' });

  it("defaults to /<EService>/v2 below the base URL, ANAC's qualification gateway included", () => {
    const anac = new PcpHttpClient({ baseUrl: 'https://apigw-test.anticorruzione.it/modi/rest/', voucher: 'v', jws });
    expect(anac.baseUrlDi('ComunicaAppalto')).toBe('https://apigw-test.anticorruzione.it/modi/rest/ComunicaAppalto/v2');
    expect(anac.baseUrlDi('ServiziComuni')).toBe('https://apigw-test.anticorruzione.it/modi/rest/ServiziComuni/v2');
    expect(anac.baseUrlDi('PubblicaAvviso')).toBe('https://apigw-test.anticorruzione.it/modi/rest/PubblicaAvviso/v2');
  });

  it('each e-service can be moved: another path segment or an absolute URL', () => {
    const c = new PcpHttpClient({
      baseUrl: 'http://127.0.0.1:3100', voucher: 'v', jws,
      eServices: { PubblicaAvviso: '/PubblicaAvviso/v3', ServiziComuni: 'https://altrove.example.it/ServiziComuni/v2/' },
    });
    expect(c.baseUrlDi('ComunicaAppalto')).toBe('http://127.0.0.1:3100/ComunicaAppalto/v2');
    expect(c.baseUrlDi('PubblicaAvviso')).toBe('http://127.0.0.1:3100/PubblicaAvviso/v3');
    expect(c.baseUrlDi('ServiziComuni')).toBe('https://altrove.example.it/ServiziComuni/v2');
  });
});
