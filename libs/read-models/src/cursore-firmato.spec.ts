import { randomBytes } from 'node:crypto';
import { CursoreFirmato, impronta } from './cursore-firmato.js';

describe('signed cursors', () => {
  const c = new CursoreFirmato(randomBytes(32));

  it('reads back what it signed', () => {
    expect(c.verifica(c.firma({ k: '2024-01-01', a: 'x', t: 3 }))).toEqual({ k: '2024-01-01', a: 'x', t: 3 });
  });

  it('refuses anything edited, truncated, or signed with another secret', () => {
    const s = c.firma({ k: 'v' });
    const [corpo, firma] = s.split('.');
    const altro = Buffer.from(JSON.stringify({ k: 'w' })).toString('base64url');
    for (const x of [`${altro}.${firma}`, `${corpo}.${firma.slice(1)}`, corpo, `${s}.x`, new CursoreFirmato(randomBytes(32)).firma({ k: 'v' }), '']) expect(c.verifica(x)).toBeUndefined();
  });

  it('fingerprints criteria whatever their key order', () => {
    expect(impronta({ a: 1, b: { c: [1, 2], d: null } })).toBe(impronta({ b: { d: null, c: [1, 2] }, a: 1 }));
    expect(impronta({ a: 1 })).not.toBe(impronta({ a: 2 }));
  });
});
