import { preparaAd5 } from './support/appalti.js';
import { SENZA_LIMITE_RICHIESTE, startTestService, type TestService } from './support/service.js';

/**
 * A command on an existing appalto reads its stream once: the use case's check of who may act on
 * it and the command decide on the same read (the request's record of streams read, entered after
 * the body parser so that it holds for requests with a JSON body too).
 */
describe('a command reads its appalto once per request', () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService({ ...SENZA_LIMITE_RICHIESTE });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('PATCH and PUT with a JSON body: one read of the appalto stream each, and the commands land', async () => {
    const buyer = s.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    const store = s.service.runtime.eventStore;
    const letture: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, ...resto) => (letture.push(streamId), readStream(streamId, ...resto));
    try {
      const modificato = await buyer.request('PATCH', `/appalti/${id}`, { datiGara: { oggetto: 'Fornitura di carta', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });
      expect(modificato.status).toBe(200);
      expect(letture.filter((l) => l === `appalto-${id}`)).toHaveLength(1);
      letture.length = 0;
      expect((await buyer.request('PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }, { codice: '30197000-6', principale: false }] })).status).toBe(200);
      expect(letture.filter((l) => l === `appalto-${id}`)).toHaveLength(1);
    } finally {
      store.readStream = readStream;
    }
    const letto = (await buyer.request('GET', `/appalti/${id}`)).body;
    expect(letto.datiGara.oggetto).toBe('Fornitura di carta');
    expect(JSON.stringify(letto)).toContain('30197000-6');
  });
});
