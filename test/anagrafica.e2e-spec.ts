import { servizioDellaSuite } from './support/service.js';

describe('identity and the directory (anagrafica)', () => {
  const t = servizioDellaSuite();

  it('refuses a request without a token, or with a forged or expired one, with 401', async () => {
    expect((await t.request('GET', '/anagrafica/centri-di-costo')).status).toBe(401);
    const forged = (await t.token('francesca.bianchi')).replace(/\.[^.]+$/, '.AAAA');
    const res = await t.request('GET', '/anagrafica/centri-di-costo', undefined, { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'TOKEN_NON_VALIDO', detail: 'Firma del token non valida' });
  });

  it('lists the cost centres of the caller\'s stazione appaltante only', async () => {
    const toscana = await t.as('francesca.bianchi').request('GET', '/anagrafica/centri-di-costo');
    expect(toscana.status).toBe(200);
    expect(toscana.body.map((c: { codice: string }) => c.codice).sort()).toEqual(['CDC-TOSCANA-CONTRATTI', 'CDC-TOSCANA-TECNOLOGIE']);
    const pisa = await t.as('luigi.verdi').request('GET', '/anagrafica/centri-di-costo');
    expect(pisa.body.map((c: { codice: string }) => c.codice)).toEqual(['CDC-PISA-LAVORI']);
  });

  it('finds the RUPs responsabili in a cost centre (Trova e seleziona RUP)', async () => {
    const res = await t.as('francesca.bianchi').request('GET', '/anagrafica/rup?centroDiCosto=CDC-TOSCANA-CONTRATTI');
    expect(res.body.map((u: { userId: string }) => u.userId).sort()).toEqual(['anna.rossi', 'marco.giovannetti']);
    const filtered = await t.as('francesca.bianchi').request('GET', '/anagrafica/rup?centroDiCosto=CDC-TOSCANA-CONTRATTI&q=giova');
    expect(filtered.body).toEqual([{ userId: 'marco.giovannetti', nome: 'Marco Giovannetti', codiceFiscale: 'GVNMRC70A01D612Q' }]);
    const otherSa = await t.as('francesca.bianchi').request('GET', '/anagrafica/rup?centroDiCosto=CDC-PISA-LAVORI');
    expect(otherSa.body).toEqual([]);
  });

  it('lets only administrators change the directory, and records who did', async () => {
    const utente = { userId: 'nuovo.buyer', nome: 'Nuovo Buyer', codiceFiscale: 'RSSMRA80A01H501U', sa: '01386030488', ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: ['CDC-TOSCANA-CONTRATTI'], ruoli: ['BUYER'] };
    const denied = await t.as('francesca.bianchi').request('POST', '/admin/anagrafica/utenti', utente);
    expect(denied.status).toBe(403);
    const created = await t.as('luca.conti').request('POST', '/admin/anagrafica/utenti', utente);
    expect(created.status).toBe(201);
    const [last] = await t.service.runtime.eventStore.readStream('anagrafica', { direction: 'backwards', maxCount: 1 });
    expect(last.type).toBe('UtenteRegistrato');
    expect(last.metadata.actor).toMatchObject({ userId: 'luca.conti', role: 'ADMIN' });
    const again = await t.as('luca.conti').request('POST', '/admin/anagrafica/utenti', utente);
    expect(again.status).toBe(409);
  });

  it('refuses bad directory data with the field named, in Italian', async () => {
    const res = await t.as('luca.conti').request('POST', '/admin/anagrafica/stazioni-appaltanti', { codiceFiscale: '123', denominazione: 'X', codiceAusa: 'abc', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ campo: 'codiceFiscale', messaggio: 'deve essere di 11 cifre' }),
        expect.objectContaining({ campo: 'codiceAusa', messaggio: 'deve essere di 10 cifre' }),
        expect.objectContaining({ campo: 'extra', messaggio: 'campo non previsto' }),
      ]),
    );
    // The one codice fiscale check: the check digit of 0138603048 is 8, of a person's code its 16th character.
    const cifra = await t.as('luca.conti').request('POST', '/admin/anagrafica/stazioni-appaltanti', { codiceFiscale: '01386030487', denominazione: 'X', codiceAusa: '0000246180' });
    expect(cifra.status).toBe(400);
    expect(cifra.body.errors).toEqual([expect.objectContaining({ campo: 'codiceFiscale', messaggio: expect.stringMatching(/cifra di controllo è 7, dovrebbe essere 8/) })]);
    const utente = { userId: 'omocodia.errata', nome: 'Marco Giovani', codiceFiscale: 'GVNMRC70A01D61MQ', sa: '01386030488', ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: [], ruoli: ['BUYER'] };
    const persona = await t.as('luca.conti').request('POST', '/admin/anagrafica/utenti', utente);
    expect(persona.status).toBe(400);
    expect(persona.body.errors).toEqual([expect.objectContaining({ campo: 'codiceFiscale', messaggio: expect.stringMatching(/carattere di controllo è Q, dovrebbe essere D/) })]);
  });
});
