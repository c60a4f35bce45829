import { generateKeyPairSync } from 'node:crypto';
import { FirmaAudit } from './audit-firma.js';
import { confrontaTeste, verificaDocumentoConsistenza, FORMATO_CONSISTENZA } from './audit-prove.js';
import { firmaTesta, portachiavi } from './audit-sth.js';
import { AlberoInMemoria, hashFoglia, provaConsistenza } from './merkle.js';

/** The offline checks of heads and consistency proofs: split view, rewrite, regression, key rotation. */
describe('audit proofs checked offline', () => {
  const vecchia = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const nuova = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const foglie = (n: number, alterata?: number) => Array.from({ length: n }, (_, i) => hashFoglia(`record ${i}${i === alterata ? ' riscritto' : ''}`));
  const albero = new AlberoInMemoria(foglie(20));
  const testa = (f: FirmaAudit, a: AlberoInMemoria, n: number) => firmaTesta(f, n, a.radice(n).toString('hex'), `2024-03-0${(n % 9) + 1}T09:00:00.000Z`);
  const hex = (l: Buffer[]) => l.map((h) => h.toString('hex'));

  it('key rotation: a head signed with the earlier key and one with the new key verify with the keyring of both; without the earlier key, CHIAVE_SCONOSCIUTA', () => {
    const t7 = testa(vecchia, albero, 7);
    const t20 = testa(nuova, albero, 20);
    const prova = hex(provaConsistenza(albero, 7, 20));
    const anello = portachiavi([nuova.chiavePubblicaPem + vecchia.chiavePubblicaPem]);
    expect(anello.size).toBe(2);
    expect(confrontaTeste(t7, t20, prova, anello)).toMatchObject({ tipo: 'CONSISTENTE', valida: true });
    expect(confrontaTeste(t7, t20, prova, portachiavi([nuova.chiavePubblicaPem]))).toMatchObject({ tipo: 'CHIAVE_SCONOSCIUTA', valida: false });
  });

  it('a rewrite of a record the kept head covers is INCONSISTENTE; the same size with another root is VISTA_DIVISA; a smaller size REGRESSIONE', () => {
    const chiavi = portachiavi([nuova.chiavePubblicaPem]);
    const riscritto = new AlberoInMemoria(foglie(20, 3));
    const t8 = testa(nuova, albero, 8);
    const t20r = testa(nuova, riscritto, 20);
    expect(confrontaTeste(t8, t20r, hex(provaConsistenza(riscritto, 8, 20)), chiavi)).toMatchObject({ tipo: 'INCONSISTENTE', dettaglio: expect.stringMatching(/dimensione 20 non estende quella conservata di dimensione 8/) });
    // A record after the kept head may change: that is no rewrite of what the head covered.
    const dopo = new AlberoInMemoria(foglie(20, 12));
    expect(confrontaTeste(t8, testa(nuova, dopo, 20), hex(provaConsistenza(dopo, 8, 20)), chiavi).tipo).toBe('CONSISTENTE');
    expect(confrontaTeste(t8, testa(nuova, riscritto, 8), [], chiavi).tipo).toBe('VISTA_DIVISA');
    expect(confrontaTeste(t8, testa(nuova, albero, 5), [], chiavi).tipo).toBe('REGRESSIONE');
    const alterata = { ...testa(nuova, albero, 20), radice: riscritto.radice().toString('hex') };
    expect(confrontaTeste(t8, alterata, hex(provaConsistenza(riscritto, 8, 20)), chiavi).tipo).toBe('FIRMA_NON_VALIDA');
  });

  it('a consistency document whose service head of the kept size differs from the kept one is a split view', () => {
    const chiavi = portachiavi([nuova.chiavePubblicaPem]);
    const riscritto = new AlberoInMemoria(foglie(20, 3));
    const t8 = testa(nuova, albero, 8);
    const doc = { formato: FORMATO_CONSISTENZA, da: 8, testa: testa(nuova, riscritto, 20), testaDa: testa(nuova, riscritto, 8), prova: hex(provaConsistenza(riscritto, 8, 20)) } as const;
    expect(verificaDocumentoConsistenza(t8, doc, chiavi).tipo).toBe('VISTA_DIVISA');
    expect(verificaDocumentoConsistenza(t8, { ...doc, da: 9 }, chiavi).tipo).toBe('FORMATO');
  });
});
