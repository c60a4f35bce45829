import { leggiFiltriListing } from './listing-filtri.js';

const leggi = (query: Record<string, unknown>) => leggiFiltriListing(query, { pagine: true, limiteMax: 200 });
const errori = (query: Record<string, unknown>) => {
  try {
    leggi(query);
  } catch (e) {
    return (e as { errors: Array<{ campo: string; codice: string }> }).errors.map((x) => `${x.campo} ${x.codice}`);
  }
  return [];
};

describe('listing filters', () => {
  it('parses every filter into typed values', () => {
    expect(leggi({
      codice: '5F0C2A8E-4B7D-4C1E-9A3F-2D6B8E1C0A01', oggetto: ' aperta ', cigUtilizzato: 'Sì', statoRichiesta: 'perfezionata,Bozza', modalita: 'smartcig',
      dataInvioDa: '12/01/2024', dataInvioA: '2024-01-31', valoreDa: '1234,5', valoreA: '99999', ordina: 'valore', verso: 'asc', limite: '50', cig: ' b00012eadb ',
    })).toMatchObject({
      filtri: {
        codice: '5f0c2a8e-4b7d-4c1e-9a3f-2d6b8e1c0a01', oggetto: 'aperta', cigUtilizzato: true, statoRichiesta: ['Perfezionata', 'Bozza'], modalita: 'SMARTCIG',
        dataInvioDa: '2024-01-12', dataInvioA: '2024-01-31', valoreDa: '1234.50', valoreA: '99999.00', cig: 'B00012EADB',
      },
      ordinamento: { campo: 'valore', verso: 'asc' },
      limite: 50,
    });
  });

  it('defaults: newest first, 20 a page; empty fields are not filters', () => {
    expect(leggi({ oggetto: '', rup: '  ' })).toMatchObject({ filtri: {}, ordinamento: { campo: 'dataCreazione', verso: 'desc' }, limite: 20, criteri: [] });
  });

  it('names every wrong parameter at once', () => {
    expect(errori({ pippo: '1', valoreDa: '1.234,56', dataInvioDa: '30/02/2024', limite: '0', verso: 'su' }).sort()).toEqual([
      'query.dataInvioDa DATA_NON_VALIDA', 'query.limite INTERO_NON_VALIDO', 'query.pippo FILTRO_SCONOSCIUTO', 'query.valoreDa IMPORTO_NON_VALIDO', 'query.verso VALORE_NON_AMMESSO',
    ]);
    expect(errori({ scadenzaDa: '2024-06-01', scadenzaA: '2024-05-01' })).toEqual(['query.scadenzaDa INTERVALLO_INVERTITO', 'query.scadenzaA INTERVALLO_INVERTITO']);
    expect(errori({ limite: '10000' })).toEqual(['query.limite PAGINA_TROPPO_GRANDE']);
    expect(errori({ stato: 'Bozza', statoRichiesta: 'Bozza' })).toEqual(['query.stato PARAMETRO_RIPETUTO']);
    expect(errori({ oggetto: 'x'.repeat(201) })).toEqual(['query.oggetto TESTO_NON_VALIDO']);
  });

  it('the export takes no page parameters', () => {
    expect(() => leggiFiltriListing({ limite: '10' }, { pagine: false, limiteMax: 0 })).toThrow(/limite/);
    expect(leggiFiltriListing({ ordina: 'valore' }, { pagine: false, limiteMax: 0 }).ordinamento.campo).toBe('valore');
  });
});
