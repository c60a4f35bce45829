import { dopoFallimento, ritardo, type OpzioniRitentativi } from './politica-consegna.js';

const o: OpzioniRitentativi = { baseMs: 1_000, massimoMs: 60_000, letteraMortaMs: 3_600_000 };
const senzaCaso = () => 0.999_999;

describe('webhook retries: exponential backoff, then the dead letter', () => {
  it('doubles the wait at each failure up to the maximum (half jitter from the injected random)', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => ritardo(n, o, senzaCaso))).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000, 60_000]);
    expect(ritardo(3, o, () => 0)).toBe(2_000);
  });

  it('retries later while the delivery is younger than WEBHOOK_DEAD_LETTER_MS, never past it', () => {
    const creataIl = new Date('2024-01-15T10:00:00Z');
    expect(dopoFallimento({ creataIl, fallimenti: 2 }, new Date('2024-01-15T10:00:10Z'), o, senzaCaso)).toEqual({ stato: 'IN_ATTESA', prossimoTentativo: new Date('2024-01-15T10:00:12Z') });
    expect(dopoFallimento({ creataIl, fallimenti: 30 }, new Date('2024-01-15T10:59:30Z'), o, senzaCaso)).toEqual({ stato: 'IN_ATTESA', prossimoTentativo: new Date('2024-01-15T11:00:00Z') });
  });

  it('goes to the dead letter once WEBHOOK_DEAD_LETTER_MS has passed since queuing', () => {
    const creataIl = new Date('2024-01-15T10:00:00Z');
    expect(dopoFallimento({ creataIl, fallimenti: 31 }, new Date('2024-01-15T11:00:00Z'), o, senzaCaso)).toEqual({ stato: 'SCARTATA' });
  });
});
