import { CDC, lottoAd5, preparaAd5, RUP } from './support/appalti.js';
import { servizioDellaSuite } from './support/service.js';

/** Bad input and commands out of place: a clear problem naming the field or the rule, nothing written. */
describe('appalti: bad input and wrong states', () => {
  const t = servizioDellaSuite();
  const buyer = t.as('francesca.bianchi');

  const eventi = async () => Number((await t.db.pool.query<{ n: string }>("SELECT count(*) AS n FROM es_events WHERE stream_id LIKE 'appalto-%'")).rows[0].n);

  it('malformed CIG codes are refused with the reason of ANAC\'s algorithm', async () => {
    const res = await buyer.request('GET', '/cig/B00012EADC');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'CIG_NON_VALIDO', errors: [expect.objectContaining({ campo: 'cig' })] });
    expect(res.body.detail).toMatch(/controllo/i);
    expect((await buyer.request('POST', '/cig/V000000000/utilizza', {})).status).toBe(400);
  });

  it('negative, non-numeric or over-precise amounts, missing CPV, unknown scheda: 400 naming each field', async () => {
    const id = await preparaAd5(buyer);
    const prima = await eventi();
    const lotto = await buyer.request('POST', `/appalti/${id}/lotti`, { ...lottoAd5(), importo: '-5', cpv: undefined, luogoIstat: 'Pisa' });
    expect(lotto.status).toBe(400);
    const campi = lotto.body.errors.map((e: { campo: string }) => e.campo).sort();
    expect(campi).toEqual(['cpv', 'importo', 'luogoIstat']);
    expect(lotto.body.errors.find((e: { campo: string }) => e.campo === 'importo')).toMatchObject({ sezione: 'lotti', messaggio: expect.stringMatching(/importo in euro non valido/) });
    expect((await buyer.request('POST', `/appalti/${id}/lotti`, { ...lottoAd5(), importo: 'mille' })).status).toBe(400);
    expect((await buyer.request('POST', `/appalti/${id}/lotti`, { ...lottoAd5(), importo: 10.005 })).status).toBe(400);
    const scheda = await buyer.request('POST', '/appalti', { scheda: 'XYZ', tipoProcedura: 'APERTA', centroDiCosto: CDC, rup: RUP, datiGara: { oggetto: 'x', settore: 'ORDINARIO', oggettoPrincipale: 'SERVIZI' } });
    expect(scheda.status).toBe(400);
    expect(scheda.body.errors[0]).toMatchObject({ campo: 'scheda', messaggio: expect.stringMatching(/valore non ammesso: AD5/) });
    expect(await eventi()).toBe(prima);
  });

  it('an AD5 award of 5000 euro or more is refused at verification and at sending, by section, with ANAC\'s rule', async () => {
    const id = await preparaAd5(buyer, { importo: '5000.00' });
    const verifica = await buyer.request('POST', `/appalti/${id}/verifica`);
    expect(verifica.status).toBe(200);
    expect(verifica.body.esito).toBe('KO');
    expect(verifica.body.sezioni.aggiudicazioni).toEqual(expect.arrayContaining([expect.objectContaining({ codice: 'ERR100' })]));
    const invio = await buyer.request('POST', `/appalti/${id}/conferma`);
    expect(invio.status).toBe(422);
    expect(invio.body).toMatchObject({ code: 'APPALTO_NON_VALIDO' });
    expect(invio.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ sezione: 'aggiudicazioni', codice: 'ERR100' })]));
    expect((await buyer.request('GET', `/appalti/${id}`)).body.operazioneInCorso).toBeNull();
  });

  it('an appalto with no lots cannot be sent: 422 "Nessun lotto presente"', async () => {
    const creato = await buyer.request('POST', '/appalti', {
      scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP,
      datiGara: { oggetto: 'Senza lotti', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    });
    const res = await buyer.request('POST', `/appalti/${creato.body.id}/conferma`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(expect.arrayContaining([{ sezione: 'lotti', campo: 'lotti', codice: 'NESSUN_LOTTO', messaggio: 'Nessun lotto presente' }]));
  });

  it('commands that do not fit the state are 409, and what is stored does not change', async () => {
    const id = await preparaAd5(buyer);
    const pubblica = await buyer.request('POST', `/appalti/${id}/pubblica`);
    expect(pubblica.status).toBe(409);
    expect(pubblica.body.code).toBe('PUBBLICAZIONE_NON_PREVISTA');
    const cancellato = await buyer.request('DELETE', `/appalti/${id}`, { motivo: 'Errore materiale' });
    expect(cancellato.status).toBe(200);
    expect(cancellato.body.stato).toBe('CANC');
    const prima = await eventi();
    expect((await buyer.request('DELETE', `/appalti/${id}`, { motivo: 'di nuovo' })).status).toBe(409);
    expect((await buyer.request('POST', `/appalti/${id}/lotti`, lottoAd5())).status).toBe(409);
    expect((await buyer.request('DELETE', `/appalti/${id}`, {})).status).toBe(400);
    expect(await eventi()).toBe(prima);
  });

  it('a RUP who is not responsabile in the cost centre is refused, naming the rule (manuale START Richiedi CIG)', async () => {
    const res = await buyer.request('POST', '/appalti', {
      scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: 'VRDLGU68M12G702Z',
      datiGara: { oggetto: 'RUP di un\'altra SA', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('RUP_NON_RESPONSABILE_NEL_CDC');
  });

  it('requests of another office are not readable nor changeable; auditors read but do not change', async () => {
    const id = await preparaAd5(buyer);
    expect((await t.as('giulia.mancini').request('GET', `/appalti/${id}`)).status).toBe(403);
    expect((await t.as('giulia.mancini').request('POST', `/appalti/${id}/conferma`)).status).toBe(403);
    expect((await t.as('paola.neri').request('GET', `/appalti/${id}`)).status).toBe(200);
    expect((await t.as('paola.neri').request('POST', `/appalti/${id}/conferma`)).status).toBe(403);
    expect((await buyer.request('GET', '/appalti/non-un-uuid')).status).toBe(400);
    expect((await buyer.request('GET', '/appalti/7d1f5a3e-0000-4000-8000-000000000099')).status).toBe(404);
  });

  it('copy makes a new draft with the same data and nothing of ANAC (manuale START Richiedi CIG)', async () => {
    const id = await preparaAd5(buyer);
    const copia = await buyer.request('POST', `/appalti/${id}/copia`);
    expect(copia.status).toBe(201);
    const a = (await buyer.request('GET', `/appalti/${copia.body.id}`)).body;
    expect(a).toMatchObject({ stato: 'BOZZA', idAppaltoAnac: null, datiGara: { oggetto: 'Fornitura di materiale di cancelleria' } });
    expect(a.lotti).toHaveLength(1);
    expect(a.lotti[0].cig).toBeNull();
  });

  it('the CIG request and the procedure can be linked afterwards (manuale START Richiedi CIG, CIG first)', async () => {
    const id = await preparaAd5(buyer);
    expect((await buyer.request('POST', `/appalti/${id}/procedura`, { idProcedura: 'PROC-2024-7' })).status).toBe(201);
    expect((await buyer.request('GET', `/appalti/${id}`)).body.idProcedura).toBe('PROC-2024-7');
    expect((await buyer.request('POST', `/appalti/${id}/procedura`, { idProcedura: 'PROC-ALTRA' })).status).toBe(409);
  });
});
