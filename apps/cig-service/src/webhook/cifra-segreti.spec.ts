import { CifraSegreti } from './cifra-segreti.js';

describe('webhook secrets at rest (AES-256-GCM)', () => {
  const cifra = CifraSegreti.daTesto('chiave-di-prova');

  it('stores no readable secret and gives it back with the same key', () => {
    const cifrato = cifra.cifra('segreto-di-prova-lungo-abbastanza');
    expect(cifrato).toMatch(/^v1:/);
    expect(cifrato).not.toContain('segreto-di-prova');
    expect(cifra.decifra(cifrato)).toBe('segreto-di-prova-lungo-abbastanza');
    expect(cifra.cifra('x')).not.toBe(cifra.cifra('x')); // a fresh IV each time
  });

  it('refuses another key and a tampered value', () => {
    const cifrato = cifra.cifra('segreto-di-prova-lungo-abbastanza');
    expect(() => CifraSegreti.daTesto('altra-chiave').decifra(cifrato)).toThrow();
    const parti = cifrato.split(':');
    parti[3] = Buffer.from('manomesso').toString('base64');
    expect(() => cifra.decifra(parti.join(':'))).toThrow();
    expect(() => cifra.decifra('in-chiaro')).toThrow(/formato/);
  });
});
