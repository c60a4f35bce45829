import { categoriaCodice, classificaFallimento, problemaDiRete, type ProblemaChiamata } from './classificazione-errori.js';
import { descrizioneErrore } from './descrizioni-errori.js';

const risposta = (httpStatus: number, ...codici: string[]): ProblemaChiamata => ({
  tipo: 'risposta', httpStatus, errori: codici.map((codice) => ({ codice })),
});
const categoria = (p: ProblemaChiamata, metodo: 'GET' | 'POST' = 'POST') => classificaFallimento(p, metodo).categoria;

describe('classification of ANAC failures', () => {
  it.each([
    ['ERR9999', 500], ['ERR64', 400], ['ERR94', 400], ['ERR132', 400],
  ])('%s (HTTP %i) is RETRYABLE: ANAC itself says to try again later', (codice, status) => {
    expect(categoria(risposta(status, codice))).toBe('RETRYABLE');
  });

  it.each([['ERR2'], ['ERR16'], ['ERR17'], ['ERR18'], ['ERR44'], ['ERR51'], ['ERR58']])('%s is STATO', (codice) => {
    expect(categoria(risposta(400, codice))).toBe('STATO');
  });

  it.each([['REG99'], ['REG110'], ['ERR4'], ['ERR46'], ['ERR3'], ['ERR9'], ['ERR14'], ['ERR36'], ['ERR37'], ['ERR100'], ['ERR126'], ['ERR777']])(
    '%s is DATI (and so is any other 400 with errori)',
    (codice) => expect(categoria(risposta(400, codice))).toBe('DATI'),
  );

  it.each([[400, 'ERR1'], [403, 'SEC05'], [401, 'SEC14'], [400, 'SEC09'], [400, 'AUT01']])('HTTP %i %s is IDENTITA', (status, codice) => {
    expect(categoria(risposta(status, codice))).toBe('IDENTITA');
  });

  it('401 and 403 are IDENTITA even without errori', () => {
    expect(categoria(risposta(401))).toBe('IDENTITA');
    expect(categoria(risposta(403))).toBe('IDENTITA');
  });

  it('ERR38 is DUPLICATO: the appalto exists at ANAC', () => {
    expect(categoria(risposta(400, 'ERR38'))).toBe('DUPLICATO');
  });

  it('429 and every 5xx but 504 are RETRYABLE, on any method', () => {
    for (const status of [429, 500, 502, 503]) {
      expect([status, categoria(risposta(status), 'POST'), categoria(risposta(status), 'GET')]).toEqual([status, 'RETRYABLE', 'RETRYABLE']);
    }
  });

  it('504 leaves a POST uncertain (the gateway gave up, PCP may have committed); a GET is just retried', () => {
    expect(categoria(risposta(504), 'POST')).toBe('ESITO_INCERTO');
    expect(categoria(risposta(504), 'GET')).toBe('RETRYABLE');
  });

  it('a network failure before sending is RETRYABLE; after sending it is ESITO_INCERTO for a POST only', () => {
    const prima: ProblemaChiamata = { tipo: 'rete', fase: 'prima-dell-invio', descrizione: 'connessione non stabilita (ECONNREFUSED)' };
    const dopo: ProblemaChiamata = { tipo: 'rete', fase: 'dopo-l-invio', descrizione: 'nessuna risposta entro 30000 ms' };
    expect([categoria(prima, 'POST'), categoria(prima, 'GET')]).toEqual(['RETRYABLE', 'RETRYABLE']);
    expect([categoria(dopo, 'POST'), categoria(dopo, 'GET')]).toEqual(['ESITO_INCERTO', 'RETRYABLE']);
  });

  it('with codes of several kinds the one that decides first wins: identity, duplicate, state, data, retry', () => {
    expect(categoria(risposta(400, 'ERR9999', 'REG99'))).toBe('DATI');
    expect(categoria(risposta(400, 'REG99', 'ERR16'))).toBe('STATO');
    expect(categoria(risposta(400, 'ERR16', 'ERR38'))).toBe('DUPLICATO');
    expect(categoria(risposta(400, 'ERR38', 'SEC05'))).toBe('IDENTITA');
    expect(categoria(risposta(500, 'ERR12345'))).toBe('RETRYABLE');
  });

  it('the failure carries ANAC Italian descriptions, the detail, the status, Retry-After and a message for users', () => {
    const f = classificaFallimento(
      { tipo: 'risposta', httpStatus: 400, errori: [{ codice: 'REG99', dettaglio: 'lotto LOT-0002' }, { codice: 'XYZ1' }], retryAfterMs: 2_000 },
      'POST',
    );
    expect(f).toMatchObject({ categoria: 'DATI', httpStatus: 400, retryAfterMs: 2_000 });
    expect(f.errori).toEqual([
      { codice: 'REG99', descrizione: descrizioneErrore('REG99'), dettaglio: 'lotto LOT-0002' },
      { codice: 'XYZ1', descrizione: 'errore ANAC XYZ1' },
    ]);
    expect(f.errori[0].descrizione).toMatch(/^L'importo indicato nell'oggetto lotti\.datiBase\.importo deve essere > 0/);
    expect(f.messaggio).toMatch(/^ANAC ha rifiutato i dati inviati \(HTTP 400\): REG99 L'importo .* \(lotto LOT-0002\); XYZ1 errore ANAC XYZ1\.$/);
    expect(classificaFallimento(risposta(403, 'SEC05'), 'POST').messaggio).toContain('SEC05 Utente non autorizzato');
  });

  it('categoriaCodice names the families and leaves unknown codes undecided', () => {
    expect(['ERR38', 'SEC16', 'ERR18', 'ERR9999', 'REG3', 'ERR4', 'ERR19'].map(categoriaCodice)).toEqual([
      'DUPLICATO', 'IDENTITA', 'STATO', 'RETRYABLE', 'DATI', undefined, undefined,
    ]);
  });

  it('network errors of fetch: refused and DNS happen before sending; a closed socket or a timeout after', () => {
    const fetchFallito = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });
    expect(problemaDiRete(fetchFallito('ECONNREFUSED')).fase).toBe('prima-dell-invio');
    expect(problemaDiRete(fetchFallito('ENOTFOUND')).fase).toBe('prima-dell-invio');
    expect(problemaDiRete(fetchFallito('UND_ERR_SOCKET')).fase).toBe('dopo-l-invio');
    expect(problemaDiRete(fetchFallito('ECONNRESET')).fase).toBe('dopo-l-invio');
    expect(problemaDiRete(new Error('qualcosa di ignoto')).fase).toBe('dopo-l-invio');
    expect(problemaDiRete(new Error('abort'), 5_000)).toEqual({ tipo: 'rete', fase: 'dopo-l-invio', descrizione: 'nessuna risposta entro 5000 ms' });
  });

  it('network errors of node:http carry their code on the error itself: the same phases', () => {
    const nodeFallito = (code: string) => Object.assign(new Error(`connect ${code}`), { code });
    expect(problemaDiRete(nodeFallito('ECONNREFUSED'))).toEqual({ tipo: 'rete', fase: 'prima-dell-invio', descrizione: 'connessione non stabilita (ECONNREFUSED)' });
    expect(problemaDiRete(nodeFallito('EAI_AGAIN')).fase).toBe('prima-dell-invio');
    // several addresses tried (IPv4 and IPv6), every one refused
    const tutti = Object.assign(new AggregateError([nodeFallito('ECONNREFUSED'), nodeFallito('ECONNREFUSED')]), { code: 'ECONNREFUSED' });
    expect(problemaDiRete(tutti).fase).toBe('prima-dell-invio');
    expect(problemaDiRete(nodeFallito('ECONNRESET'))).toEqual({ tipo: 'rete', fase: 'dopo-l-invio', descrizione: 'connessione interrotta (ECONNRESET)' });
    expect(problemaDiRete(nodeFallito('EPIPE')).fase).toBe('dopo-l-invio');
  });
});
