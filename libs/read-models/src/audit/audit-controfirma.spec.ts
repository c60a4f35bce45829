import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { byteControfirma, controfirma, FORMATO_CONTROFIRMA, verificaControfirma, type RispostaTestimone } from './audit-controfirma.js';
import { FirmaAudit, idChiave } from './audit-firma.js';
import { firmaTesta } from './audit-sth.js';

/** A witness's countersignature of a signed head, as the service checks it before keeping it. */
describe('witness countersignatures', () => {
  const servizio = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const testa = firmaTesta(servizio, 9, 'ab'.repeat(32), '2024-03-01T09:00:00.000Z');
  const testimone = () => {
    const privata = generateKeyPairSync('ed25519').privateKey;
    const pubblica = createPublicKey(privata);
    return { privata, chiave: idChiave(pubblica), pem: pubblica.export({ type: 'spki', format: 'pem' }).toString() };
  };
  const risposta = (k: ReturnType<typeof testimone>, t = testa): RispostaTestimone => ({ formato: FORMATO_CONTROFIRMA, testimone: k.chiave, chiavePubblica: k.pem, firma: controfirma(t, k.privata, k.chiave) });

  it('verifies with the key the witness names, first time or the same key as before', () => {
    const k = testimone();
    expect(verificaControfirma(testa, risposta(k))).toEqual({ valida: true, chiave: k.chiave });
    expect(verificaControfirma(testa, risposta(k), k.chiave)).toEqual({ valida: true, chiave: k.chiave });
  });

  it('signs the head fields only: the extra fields of an answer of GET /audit/sth change nothing', () => {
    const k = testimone();
    const conAltro = { ...testa, formato: 'cig-ledger/audit-sth/v1', controfirme: [] } as typeof testa;
    expect(byteControfirma(conAltro, k.chiave).equals(byteControfirma(testa, k.chiave))).toBe(true);
    expect(verificaControfirma(testa, risposta(k, conAltro)).valida).toBe(true);
  });

  it('refuses a signature of another head, a key id that is not the public key given, a witness whose key changed, and a non-answer', () => {
    const k = testimone();
    const altra = firmaTesta(servizio, 9, 'cd'.repeat(32), '2024-03-01T09:00:00.000Z');
    expect(verificaControfirma(altra, risposta(k))).toMatchObject({ valida: false, tipo: 'FIRMA_NON_VALIDA' });
    const estranea = testimone();
    expect(verificaControfirma(testa, { ...risposta(k), chiavePubblica: estranea.pem })).toMatchObject({ valida: false, tipo: 'CHIAVE_NON_CORRISPONDENTE' });
    expect(verificaControfirma(testa, risposta(k), estranea.chiave)).toMatchObject({ valida: false, tipo: 'CHIAVE_TESTIMONE_CAMBIATA' });
    expect(verificaControfirma(testa, { ...risposta(k), firma: Buffer.alloc(64).toString('base64') })).toMatchObject({ valida: false, tipo: 'FIRMA_NON_VALIDA' });
    expect(verificaControfirma(testa, { testimone: k.chiave } as RispostaTestimone)).toMatchObject({ valida: false, tipo: 'FORMATO' });
  });
});
