import { CDC, lottoAd5, RUP } from './support/appalti.js';
import { servizioDellaSuite } from './support/service.js';

/**
 * ANAC's code lists and the codice fiscale check hold on a fresh start without ANAC's folder
 * (ANAC_REGOLE_DIR unset): the lists are data of the project (npm run tipologiche:estrai).
 */
describe("wrong inputs refused with ANAC's codes, without ANAC's folder", () => {
  const t = servizioDellaSuite();
  const buyer = t.as('francesca.bianchi');

  async function bozzaAd5(): Promise<string> {
    const creato = await buyer.request('POST', '/appalti', {
      scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP,
      datiGara: { oggetto: 'Fornitura di materiale di cancelleria', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    });
    expect(creato.status).toBe(201);
    expect((await buyer.request('PUT', `/appalti/${creato.body.id}/classificazione`, { cpv: [{ codice: '30192000-1', principale: true }] })).status).toBe(200);
    return creato.body.id as string;
  }

  it("a CPV not in ANAC's list: 400 ERR63 on PUT classificazione and on the lot; 30192000-9 accepted (no check-digit definition published)", async () => {
    const id = await bozzaAd5();
    const classificazione = await buyer.request('PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '30192999-1', principale: true }] });
    expect(classificazione.status).toBe(400);
    expect(classificazione.body.errors).toEqual([expect.objectContaining({ sezione: 'classificazione', codice: 'ERR63', messaggio: expect.stringMatching(/30192999 non è nell'elenco CPV di ANAC/) })]);
    const lotto = await buyer.request('POST', `/appalti/${id}/lotti`, lottoAd5({ cpv: '30192999-1' }));
    expect(lotto.status).toBe(400);
    expect(lotto.body.errors).toEqual([expect.objectContaining({ sezione: 'lotti', codice: 'ERR63' })]);
    expect((await buyer.request('PUT', `/appalti/${id}/classificazione`, { cpv: [{ codice: '30192000-9', principale: true }] })).status).toBe(200);
  });

  it('ISTAT 999999: 400 ERR63 naming luogoIstat', async () => {
    const id = await bozzaAd5();
    const lotto = await buyer.request('POST', `/appalti/${id}/lotti`, lottoAd5({ luogoIstat: '999999' }));
    expect(lotto.status).toBe(400);
    expect(lotto.body.errors).toEqual([expect.objectContaining({ sezione: 'lotti', codice: 'ERR63', messaggio: expect.stringMatching(/999999/) })]);
    expect(lotto.body.errors[0].campo).toMatch(/luogoIstat$/);
  });

  it("participant codice fiscale 01234567890 (check digit 7): 400 naming the field, ANAC's FVX47", async () => {
    const id = await bozzaAd5();
    const partecipanti = [{ codiceFiscale: '01234567890', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1250.00' }];
    const lotto = await buyer.request('POST', `/appalti/${id}/lotti`, lottoAd5({ aggiudicazione: { partecipanti } }));
    expect(lotto.status).toBe(400);
    expect(lotto.body.errors).toEqual([
      expect.objectContaining({ sezione: 'aggiudicazioni', campo: expect.stringMatching(/codiceFiscale$/), messaggio: expect.stringMatching(/FVX47.*cifra di controllo è 0, dovrebbe essere 7/) }),
    ]);
  });

  it("a participant awarded more than the lot's amount, an AD5 of four lots reaching 5,000 euro: verifica KO", async () => {
    const id = await bozzaAd5();
    const partecipanti = [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1300.00' }];
    expect((await buyer.request('POST', `/appalti/${id}/lotti`, lottoAd5({ aggiudicazione: { partecipanti } }))).status).toBe(201);
    const verifica = await buyer.request('POST', `/appalti/${id}/verifica`);
    expect(verifica.body.esito).toBe('KO');
    expect(verifica.body.sezioni.aggiudicazioni).toEqual([expect.objectContaining({ codice: 'IMPORTO_PARTECIPANTE_SUPERIORE' })]);

    const quattro = await bozzaAd5();
    for (let n = 0; n < 4; n++) expect((await buyer.request('POST', `/appalti/${quattro}/lotti`, lottoAd5())).status).toBe(201);
    const ko = await buyer.request('POST', `/appalti/${quattro}/verifica`);
    expect(ko.body.esito).toBe('KO');
    expect(ko.body.sezioni.aggiudicazioni).toEqual([expect.objectContaining({ codice: 'ERR100' })]);
    expect(ko.body.sezioni.lotti).toEqual([expect.objectContaining({ codice: 'REG103' })]);
  });
});
