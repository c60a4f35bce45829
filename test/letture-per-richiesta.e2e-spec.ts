import { preparaAd5 } from './support/appalti.js';
import { SENZA_LIMITE_RICHIESTE, startTestService, type TestService } from './support/service.js';

/**
 * A command on an existing appalto reads its stream at most once: the use case's check of who may
 * act on it and the command decide on the same read, and on none when this instance appended to
 * the stream last and nobody else wrote since (the state kept after that append, confirmed by the
 * next one). Requests with a JSON body too.
 */
describe('a command reads its appalto at most once per request', () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService({ ...SENZA_LIMITE_RICHIESTE });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('PATCH and PUT with a JSON body: no read after this instance\'s own append, one after another writer\'s, and the commands land', async () => {
    const buyer = s.as('francesca.bianchi');
    const id = await preparaAd5(buyer);
    const store = s.service.runtime.eventStore;
    const letture: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId, ...resto) => (letture.push(streamId), readStream(streamId, ...resto));
    try {
      const modificato = await buyer.request('PATCH', `/appalti/${id}`, { datiGara: { oggetto: 'Fornitura di carta', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });
      expect(modificato.status).toBe(200);
      expect(letture.filter((l) => l === `appalto-${id}`)).toHaveLength(0);
      // Another instance writes to the stream: the state kept here is behind, its append fails, the command reads.
      await store.appendToStream(`appalto-${id}`, [{ id: crypto.randomUUID(), type: 'ProceduraCollegata', data: { idProcedura: 'PROC-ALTRA-ISTANZA', il: new Date().toISOString() }, metadata: { actor: { userId: 'altra' }, correlationId: 'c', causationId: 'c' } }]);
      letture.length = 0;
      expect((await buyer.request('PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }, { codice: '30197000-6', principale: false }] })).status).toBe(200);
      expect(letture.filter((l) => l === `appalto-${id}`)).toHaveLength(1);
    } finally {
      store.readStream = readStream;
    }
    const letto = (await buyer.request('GET', `/appalti/${id}`)).body;
    expect(letto.datiGara.oggetto).toBe('Fornitura di carta');
    expect(JSON.stringify(letto)).toContain('30197000-6');
    expect(letto.idProcedura).toBe('PROC-ALTRA-ISTANZA');
  });
});
