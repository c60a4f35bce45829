import { validaCig } from '#anac';
import { cigDaContatore, InMemorySimStore, statoIniziale, type StatePersistence } from './sim-store.js';
import type { SimState } from './model.js';

describe('CIG codes issued by the simulator', () => {
  it('are valid PCP letter-family codes, starting at B000001', () => {
    const store = new InMemorySimStore();
    const codici = Array.from({ length: 50 }, () => store.nuovoCig());
    expect(codici[0]).toMatch(/^B000001[0-9A-F]{3}$/);
    expect(codici.every((c) => validaCig(c).valido && validaCig(c).famiglia === 'SIMOG_PCP')).toBe(true);
    expect(new Set(codici).size).toBe(50);
  });

  it('move to the next letter when the 6-digit progressive of a letter is exhausted', () => {
    const ultimoDiB = 2 * 0x1000000 - 1;
    expect(cigDaContatore(ultimoDiB)).toMatch(/^BFFFFFF/);
    expect(cigDaContatore(ultimoDiB + 1)).toMatch(/^C000000/);
    expect(validaCig(cigDaContatore(ultimoDiB + 1)).valido).toBe(true);
    expect(() => cigDaContatore(21 * 0x1000000)).toThrow(RangeError);
  });

  it('are never reissued: the counter survives a state reset and a restart', () => {
    let salvato: SimState | undefined;
    const persistence: StatePersistence = { load: () => salvato && structuredClone(salvato), save: (s) => (salvato = structuredClone(s)) };
    const primo = new InMemorySimStore(persistence);
    const emessi = [primo.nuovoCig(), primo.nuovoCig()];
    primo.svuota();
    emessi.push(primo.nuovoCig());
    primo.commit();
    const dopoRiavvio = new InMemorySimStore(persistence).nuovoCig();
    expect(new Set([...emessi, dopoRiavvio]).size).toBe(4);
    expect(salvato?.appalti).toEqual([]);
    expect(statoIniziale().prossimoCig).toBeLessThan(salvato!.prossimoCig);
  });
});
