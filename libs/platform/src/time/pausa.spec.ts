import { Pausa } from './pausa.js';

describe('Pausa', () => {
  const durata = async (lavoro: Promise<void>) => {
    const inizio = performance.now();
    await lavoro;
    return performance.now() - inizio;
  };

  it('ends after its time when nobody wakes it', async () => {
    expect(await durata(new Pausa().dormi(40))).toBeGreaterThanOrEqual(35);
  });

  it('ends at once when woken', async () => {
    const pausa = new Pausa();
    const dorme = pausa.dormi(10_000);
    pausa.sveglia();
    expect(await durata(dorme)).toBeLessThan(1_000);
  });

  it('a wake while nobody sleeps is not remembered', async () => {
    const pausa = new Pausa();
    pausa.sveglia();
    expect(await durata(pausa.dormi(40))).toBeGreaterThanOrEqual(35);
  });
});
