import { entroLimiti, LIMITI_AFFIDAMENTI_DIRETTI } from './limiti-affidamenti.js';

describe('Limits of the direct-award forms (art. 50 d.lgs. 36/2023, ANAC AD5 and AD3 rules)', () => {
  const ad5 = LIMITI_AFFIDAMENTI_DIRETTI.AD5!;
  const ad3 = LIMITI_AFFIDAMENTI_DIRETTI.AD3!;

  it('AD5: more than zero and below 5,000 euro; exactly 5,000 is refused', () => {
    expect([0, 1, 499_999, 500_000].map((c) => entroLimiti(ad5, c))).toEqual([false, true, true, false]);
    expect([ad5.codicePartecipanti, ad5.codiceLotti]).toEqual(['ERR100', 'REG103']);
  });

  it('AD3: 5,000 euro or more, no upper limit here', () => {
    expect([499_999, 500_000, 1e12].map((c) => entroLimiti(ad3, c))).toEqual([false, true, true]);
    expect(ad3.codiceLotti).toBe('REG104');
  });

  it('an amount that is not a number is never within limits', () => {
    expect(entroLimiti(ad5, Number.NaN)).toBe(false);
    expect(entroLimiti(ad3, Number.NaN)).toBe(false);
  });

  it('every limit names its source', () => {
    for (const limite of Object.values(LIMITI_AFFIDAMENTI_DIRETTI)) expect(limite!.fonte).toMatch(/d\.lgs\. 36\/2023/);
  });
});
