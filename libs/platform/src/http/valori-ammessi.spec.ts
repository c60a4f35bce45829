import { numeroNonAmmesso, testoNonAmmesso, valoriNonAmmessi } from './valori-ammessi.js';

describe('valoriNonAmmessi: what no field can store, named by its path', () => {
  it('NUL and lone surrogates in text; well-formed pairs and other characters pass', () => {
    expect(testoNonAmmesso('a\u0000b')).toMatch(/NUL/);
    expect(testoNonAmmesso('a\ud800b')).toMatch(/surrogato/);
    expect(testoNonAmmesso('a\udc00')).toMatch(/surrogato/);
    expect(testoNonAmmesso('emoji 😀, è, 中, \t\n')).toBeUndefined();
  });

  it('infinite, negative zero and integers beyond exact representation', () => {
    expect(numeroNonAmmesso(JSON.parse('1e400'))).toMatch(/intervallo/);
    expect(numeroNonAmmesso(JSON.parse('-0'))).toMatch(/zero negativo/);
    expect(numeroNonAmmesso(JSON.parse('9999999999999999999999'))).toMatch(/troppo grande/);
    expect(numeroNonAmmesso(0)).toBeUndefined();
    expect(numeroNonAmmesso(4999.99)).toBeUndefined();
    expect(numeroNonAmmesso(-12)).toBeUndefined();
  });

  it('walks objects and arrays, keys included', () => {
    const corpo = JSON.parse('{"datiGara":{"oggetto":"x\\u0000"},"lotti":[{"importo":1e400}],"ok":"sì","\\u0000":1}');
    expect(valoriNonAmmessi(corpo, '')).toEqual([
      { campo: 'datiGara.oggetto', messaggio: expect.stringMatching(/NUL/), codice: 'CARATTERE_NON_AMMESSO' },
      { campo: 'lotti[0].importo', messaggio: expect.stringMatching(/intervallo/), codice: 'NUMERO_NON_AMMESSO' },
      { campo: '\\u0000', messaggio: expect.stringMatching(/^il nome del campo contiene il carattere NUL/), codice: 'CARATTERE_NON_AMMESSO' },
    ]);
    expect(valoriNonAmmessi('\ud800', 'id')).toEqual([{ campo: 'id', messaggio: expect.stringMatching(/surrogato/), codice: 'CARATTERE_NON_AMMESSO' }]);
    expect(valoriNonAmmessi({ oggetto: 'a\u0000' }, 'query')).toEqual([expect.objectContaining({ campo: 'query.oggetto' })]);
  });
});
