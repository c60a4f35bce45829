import { createHmac } from 'node:crypto';
import { firmaWebhook, verificaFirmaWebhook } from './firma.js';

describe('webhook signature: HMAC-SHA256 over "<timestamp>.<body>"', () => {
  const segreto = 'segreto-di-prova-lungo-abbastanza';
  const corpo = JSON.stringify({ id: '6f1c0b7e-3d1a-4c55-9a0e-1b2c3d4e5f60', tipo: 'CigAssegnato', dati: { cig: 'B123456789' } });

  it('is sha256= and the hex HMAC of timestamp, dot and body, as any HMAC library computes it', () => {
    const atteso = createHmac('sha256', segreto).update(`1700000000.${corpo}`).digest('hex');
    expect(firmaWebhook(segreto, 1700000000, corpo)).toBe(`sha256=${atteso}`);
    expect(firmaWebhook(segreto, '1700000000', corpo)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('verifies with the secret, and fails with a wrong secret, another timestamp, a changed body or a malformed header', () => {
    const firma = firmaWebhook(segreto, 1700000000, corpo);
    expect(verificaFirmaWebhook(segreto, '1700000000', corpo, firma)).toBe(true);
    expect(verificaFirmaWebhook('un-altro-segreto-lungo-abbastanza', '1700000000', corpo, firma)).toBe(false);
    expect(verificaFirmaWebhook(segreto, '1700000001', corpo, firma)).toBe(false);
    expect(verificaFirmaWebhook(segreto, '1700000000', corpo.replace('B123456789', 'B123456788'), firma)).toBe(false);
    expect(verificaFirmaWebhook(segreto, '1700000000', corpo, 'sha256=00')).toBe(false);
  });
});
