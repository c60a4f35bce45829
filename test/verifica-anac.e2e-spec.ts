import { preparaAd5 } from './support/appalti.js';
import { eventually, servizioDellaSuite } from './support/service.js';

/** POST /appalti/:id/verifica?anac=true: ANAC verifies the request too, through the process manager, against the simulator. */
describe('verification at ANAC next to the local one', () => {
  const t = servizioDellaSuite();
  const buyer = t.as('francesca.bianchi');

  const appalto = (id: string) => buyer.request('GET', `/appalti/${id}`).then((r) => r.body);
  const verdettoAnac = (id: string) =>
    eventually(async () => {
      const a = await appalto(id);
      // The verdict is recorded, then the practice ends (while it runs, the detail shows it among the waits).
      return a.verificaAnac && a.verificaAnac.esito !== 'IN_CORSO' && !a.operazioneInCorso ? a : undefined;
    }, 20_000, `ANAC's verdict on ${id}`);

  it('answers the local verdict at once and ANAC’s as IN_CORSO; the detail then shows both; the exchanges are in the log', async () => {
    const id = await preparaAd5(buyer);
    const risposta = await buyer.request('POST', `/appalti/${id}/verifica?anac=true`);
    expect(risposta.status).toBe(200);
    expect(risposta.body).toMatchObject({ id, esito: 'OK', problemi: [], anac: { esito: 'IN_CORSO', errori: [] } });
    const a = await verdettoAnac(id);
    expect(a.verifica).toMatchObject({ esito: 'OK', problemi: [] });
    expect(a.verificaAnac).toMatchObject({ esito: 'OK', errori: [], richiestaId: risposta.body.anac.richiestaId });
    // ANAC now holds the draft, in lavorazione.
    expect(a).toMatchObject({ stato: 'IN_LAV', idAppaltoAnac: expect.any(String), operazioneInCorso: null, attese: [] });
    // Never sent: still a Bozza for the user, in the detail and in the listing.
    expect(a.statoRichiesta).toBe('Bozza');
    await eventually(async () => ((await buyer.request('GET', `/cig?codice=${id}&statoRichiesta=Bozza`)).body.risultati.length === 1 ? true : undefined));
    const log = await eventually(async () => {
      const righe = (await buyer.request('GET', `/appalti/${id}/trasmissioni`)).body as Array<{ operazione: string; contesto: string }>;
      return righe.some((r) => r.operazione === 'verifica-appalto') && righe.some((r) => r.contesto === 'Esito Operazione') ? righe : undefined;
    });
    expect(log.map((r) => r.operazione)).toEqual(expect.arrayContaining(['crea-appalto', 'verifica-appalto', 'esito-operazione']));

    // The request verified at ANAC is then sent as usual: modifica-appalto, not a second crea-appalto.
    const inviato = await buyer.request('POST', `/appalti/${id}/conferma`);
    expect(inviato.status).toBe(202);
    const confermato = await eventually(async () => {
      const x = await appalto(id);
      return x.stato === 'CONF' && !x.operazioneInCorso ? x : undefined;
    }, 20_000, 'conferma');
    expect(confermato.idAppaltoAnac).toBe(a.idAppaltoAnac);
    const operazioni = ((await buyer.request('GET', `/appalti/${id}/trasmissioni`)).body as Array<{ operazione: string }>).map((r) => r.operazione);
    expect(operazioni.filter((o) => o === 'crea-appalto')).toHaveLength(1);
    expect(operazioni).toContain('modifica-appalto');
    // Confirmed: ANAC no longer verifies it.
    const tardi = await buyer.request('POST', `/appalti/${id}/verifica?anac=true`);
    expect(tardi.status).toBe(409);
    expect(tardi.body).toMatchObject({ code: 'VERIFICA_ANAC_NON_AMMESSA' });
  });

  it('ANAC’s KO is shown with its errors next to a local OK, and leaves the request editable', async () => {
    const id = await preparaAd5(buyer);
    t.sim.admin.programKo({ tipoOperazione: 'AP_VERIF', codiceAppalto: id, errori: [{ codice: 'REG99', dettaglio: 'importo del lotto LOT-0001' }] });
    const risposta = await buyer.request('POST', `/appalti/${id}/verifica?anac=true`);
    expect(risposta.body).toMatchObject({ esito: 'OK', anac: { esito: 'IN_CORSO' } });
    const a = await verdettoAnac(id);
    expect(a.verifica.esito).toBe('OK');
    expect(a.verificaAnac).toMatchObject({ esito: 'KO', errori: [expect.objectContaining({ codice: 'REG99', dettaglio: 'importo del lotto LOT-0001' })] });
    const modificato = await buyer.request('PATCH', `/appalti/${id}`, { datiGara: { oggetto: 'Cancelleria (rettificata)', settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } });
    expect(modificato.status).toBe(200);
  });

  it('without anac=true the answer is the local one only; a wrong value is a 400 naming the field', async () => {
    const id = await preparaAd5(buyer);
    const locale = await buyer.request('POST', `/appalti/${id}/verifica`);
    expect(locale.body).not.toHaveProperty('anac');
    expect((await appalto(id)).verificaAnac).toBeNull();
    const sbagliato = await buyer.request('POST', `/appalti/${id}/verifica?anac=forse`);
    expect(sbagliato.status).toBe(400);
    expect(JSON.stringify(sbagliato.body)).toContain('anac');
  });
});
