import { join } from 'node:path';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../apps/anac-sim/src/testing/copia-locale.js';
import { preparaAd5 } from './support/appalti.js';
import { servizioDellaSuite, startTestService } from './support/service.js';

/** ANAC's DMN tables loaded at start from ANAC_REGOLE_DIR (ANAC's repository anticorruzione/npa, docs/modello-dati). */
(copiaLocaleDisponibile() ? describe : describe.skip)("ANAC's rules loaded at start", () => {
  const t = servizioDellaSuite(() => startTestService({ ANAC_REGOLE_DIR: join(COPIA_LOCALE, 'modello-dati') }));

  it('/ready reports the set; verifica uses it, ANAC codes in the sections, the set recorded in AppaltoVerificato', async () => {
    const ready = await t.request('GET', '/ready');
    expect(ready.body.regoleAnac).toMatchObject({ fonte: 'ANAC', tabelle: 7, regole: 233, insieme: expect.any(String) });
    const buyer = t.as('francesca.bianchi');
    const pulito = await preparaAd5(buyer);
    expect((await buyer.request('POST', `/appalti/${pulito}/verifica`)).body.esito).toBe('OK');
    const id = await preparaAd5(buyer, { importo: '5000.00' });
    const verifica = await buyer.request('POST', `/appalti/${id}/verifica`);
    expect(verifica.body.esito).toBe('KO');
    expect(verifica.body.sezioni.aggiudicazioni).toEqual(expect.arrayContaining([expect.objectContaining({ codice: 'ERR100' })]));
    const eventi = await t.db.pool.query<{ data: { regole?: string } }>("SELECT data FROM es_events WHERE event_type = 'AppaltoVerificato' AND stream_id = $1", [`appalto-${id}`]);
    expect(eventi.rows[0].data.regole).toBe(ready.body.regoleAnac.insieme);
  });
});

describe('without ANAC_REGOLE_DIR', () => {
  const t = servizioDellaSuite();

  it('/ready says only the hand-written checks run, and why', async () => {
    const ready = await t.request('GET', '/ready');
    expect(ready.body.regoleAnac).toEqual({ fonte: 'CONTROLLI_LOCALI', motivo: expect.stringMatching(/ANAC_REGOLE_DIR non impostata/) });
  });
});
