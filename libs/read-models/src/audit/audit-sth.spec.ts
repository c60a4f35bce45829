import { generateKeyPairSync } from 'node:crypto';
import { FirmaAudit } from './audit-firma.js';
import { byteDaFirmare, firmaTesta, portachiavi, verificaTesta } from './audit-sth.js';

describe('signed tree heads', () => {
  const vecchia = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const nuova = new FirmaAudit(generateKeyPairSync('ed25519').privateKey);
  const radice = 'ab'.repeat(32);

  it('signs a documented canonical byte string', () => {
    const t = firmaTesta(nuova, 8, radice, '2024-03-05T09:00:00.000Z');
    expect(byteDaFirmare(t).toString('utf8')).toBe(
      `{"chiave":"${nuova.chiave}","dimensione":"8","formato":"cig-ledger/audit-sth/v1","radice":"${radice}","timestamp":"2024-03-05T09:00:00.000Z"}`,
    );
    expect(verificaTesta(t, portachiavi([nuova.chiavePubblicaPem]))).toBe('VALIDA');
  });

  it('any changed field, or another key, fails', () => {
    const t = firmaTesta(nuova, 8, radice, null);
    const chiavi = portachiavi([nuova.chiavePubblicaPem]);
    expect(verificaTesta({ ...t, dimensione: '9' }, chiavi)).toBe('FIRMA_NON_VALIDA');
    expect(verificaTesta({ ...t, radice: 'cd'.repeat(32) }, chiavi)).toBe('FIRMA_NON_VALIDA');
    expect(verificaTesta({ ...t, timestamp: '2024-01-01T00:00:00.000Z' }, chiavi)).toBe('FIRMA_NON_VALIDA');
    expect(verificaTesta({ ...t, firma: firmaTesta(vecchia, 8, radice, null).firma }, chiavi)).toBe('FIRMA_NON_VALIDA');
    expect(verificaTesta(firmaTesta(vecchia, 8, radice, null), chiavi)).toBe('CHIAVE_SCONOSCIUTA');
  });

  it('rotation: a keyring file with the previous public keys keeps old heads verifying, each by its key id', () => {
    const anello = portachiavi([nuova.chiavePubblicaPem, `# chiave 2024\n${vecchia.chiavePubblicaPem}`]);
    expect(anello.size).toBe(2);
    expect(verificaTesta(firmaTesta(vecchia, 4, radice, null), anello)).toBe('VALIDA');
    expect(verificaTesta(firmaTesta(nuova, 8, radice, null), anello)).toBe('VALIDA');
  });
});
