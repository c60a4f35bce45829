import { entro } from './entro.js';

describe('entro', () => {
  it('gives the work\'s value when it settles in time', async () => {
    expect(await entro(Promise.resolve('up'), 1_000, 'down')).toBe('up');
  });

  it('gives the fallback when the work takes longer', async () => {
    const lento = new Promise<string>((resolve) => setTimeout(() => resolve('up'), 500));
    expect(await entro(lento, 20, 'down')).toBe('down');
    await lento;
  });

  it('passes a rejection through', async () => {
    await expect(entro(Promise.reject(new Error('rotto')), 1_000, 'down')).rejects.toThrow('rotto');
  });
});
