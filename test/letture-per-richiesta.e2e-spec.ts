import { ConsumerRegistry } from '../apps/cig-service/src/infrastructure/consumer-registry.js';
import { preparaAd5 } from './support/appalti.js';
import { eventually, SENZA_LIMITE_RICHIESTE, startTestService, type TestService } from './support/service.js';

/**
 * A command on an existing appalto reads its stream once: the use case's check of who may act on
 * it and the command decide on the same read (the request's record of streams read, entered after
 * the body parser so that it holds for requests with a JSON body too).
 */
describe('a command reads its appalto once per request; the process manager once per step', () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService({ ...SENZA_LIMITE_RICHIESTE });
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Records the streams the service reads until `smetti()` (in `parziali`, those read from past their first event). */
  const registraLetture = () => {
    const store = s.service.runtime.eventStore;
    const letture: string[] = [];
    const parziali: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, opzioni) => {
      letture.push(streamId);
      if ((opzioni?.fromRevision ?? 0n) > 0n && opzioni?.direction !== 'backwards') parziali.push(streamId);
      return readStream(streamId, opzioni);
    };
    return { letture, parziali, smetti: () => void (store.readStream = readStream) };
  };

  it('PATCH and PUT with a JSON body: one read of the appalto stream each, and the commands land', async () => {
    const buyer = s.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    const { letture, smetti } = registraLetture();
    try {
      const modificato = await buyer.request('PATCH', `/appalti/${id}`, { datiGara: { oggetto: 'Fornitura di carta', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });
      expect(modificato.status).toBe(200);
      expect(letture.filter((l) => l === `appalto-${id}`)).toHaveLength(1);
      letture.length = 0;
      expect((await buyer.request('PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }, { codice: '30197000-6', principale: false }] })).status).toBe(200);
      expect(letture.filter((l) => l === `appalto-${id}`)).toHaveLength(1);
    } finally {
      smetti();
    }
    const letto = (await buyer.request('GET', `/appalti/${id}`)).body;
    expect(letto.datiGara.oggetto).toBe('Fornitura di carta');
    expect(JSON.stringify(letto)).toContain('30197000-6');
  });

  it('the process manager reads the appalto once per step that calls ANAC, none for AVVIO; a step that follows another reads only what is new', async () => {
    const buyer = s.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    const { letture, parziali, smetti } = registraLetture();
    const pratica = async () =>
      (await s.db.pool.query<{ stato: string }>(`SELECT stato FROM anac_pratiche WHERE appalto_id = $1 AND operazione = 'CONFERMA'`, [id])).rows[0]?.stato;
    try {
      expect((await buyer.request('POST', `/appalti/${id}/conferma`)).status).toBe(202);
      // Waited on the practice's row, not on GET /appalti/:id (which reads the stream itself).
      await eventually(async () => ((await pratica()) === 'COMPLETATA' ? true : undefined), 20_000, 'the practice completed');
      // And on the CIG registrar having read the log up to the appalto's confirmation.
      const testa = await s.service.runtime.eventStore.headPosition();
      expect(await s.service.app.get(ConsumerRegistry).waitForAll(testa!, 20_000, ['registro-cig'])).toBe(true);
    } finally {
      smetti();
    }
    // The steps that called ANAC: an attempt each (`tentativo`), whatever the HTTP exchanges
    // within it (a connection dropped and the call sent again is one step).
    const { rows } = await s.db.pool.query<{ n: string }>(
      `SELECT count(DISTINCT data->>'tentativo') AS n FROM es_events WHERE stream_id = $1 AND event_type = 'TrasmissioneAnacEseguita'`,
      [`pratica-anac-${id}`],
    );
    const passi = Number(rows[0]!.n);
    // crea-appalto, conferma-appalto, esito-operazione (once or more), recupera-cig: one step each.
    expect(passi).toBeGreaterThanOrEqual(4);
    // The conferma's own read, one per step (AVVIO, which calls nothing, goes straight to CREA),
    // and the CIG registrar's when it opens the CIGs' streams on AppaltoConfermato.
    expect(letture.filter((l) => l === `appalto-${id}`)).toHaveLength(1 + passi + 1);
    // The steps that followed another straight on (CONFERMA after CREA, RECUPERA_CIG after the
    // esito, at least) brought the appalto up to date from where the previous one left it; the
    // conferma's, the registrar's and each step after a wait for ANAC read it whole.
    expect(parziali.filter((l) => l === `appalto-${id}`).length).toBeGreaterThanOrEqual(2);
    expect((await buyer.request('GET', `/appalti/${id}`)).body.stato).toBe('CONF');
  });
});
