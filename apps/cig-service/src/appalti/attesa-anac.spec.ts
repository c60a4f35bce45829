import type { Pratica } from '../anac/pratiche.store.js';
import { atteseAnac, durata } from './attesa-anac.js';

const pratica = (p: Partial<Pratica>): Pratica => ({
  appaltoId: 'a', operazione: 'PUBBLICAZIONE', richiestaId: 'r', passo: 'ESITO_PUBBLICAZIONE', stato: 'ATTIVA', tentativi: 3, tentativiPasso: 0, interrogazioni: 4,
  inVolo: false, prossimoTentativo: new Date('2024-03-01T12:20:00Z'), dati: {}, creataIl: new Date('2024-03-01T10:00:00Z'), aggiornataIl: new Date('2024-03-01T12:10:00Z'), ...p,
});

describe('waits for ANAC, as the detail of an appalto shows them', () => {
  it('in hours and minutes', () => {
    expect(durata(0)).toBe('meno di 1 min');
    expect(durata(10)).toBe('10 min');
    expect(durata(130)).toBe('2 h 10 min');
    expect(durata(180)).toBe('3 h');
    expect(durata(25 * 60)).toBe('25 h');
  });

  it('every active operation, with since and minutes, flagged past the threshold', () => {
    const adesso = new Date('2024-03-01T12:10:00Z');
    const [pubblicazione, cancellazione] = atteseAnac([
      pratica({ inAttesaDal: new Date('2024-03-01T10:00:00Z') }),
      pratica({ operazione: 'CANCELLAZIONE', passo: 'CANCELLA', inAttesaDal: new Date('2024-03-01T12:00:00Z') }),
      pratica({ operazione: 'CONFERMA', stato: 'COMPLETATA' }),
    ], adesso, 90 * 60_000);
    expect(pubblicazione).toMatchObject({
      operazione: 'PUBBLICAZIONE', inAttesaAnacDal: '2024-03-01T10:00:00.000Z', inAttesaAnacDaMinuti: 130, inAttesaAnacDaOre: 2,
      descrizioneAttesa: 'in attesa ANAC da 2 h 10 min', allarme: true,
    });
    expect(cancellazione).toMatchObject({ operazione: 'CANCELLAZIONE', inAttesaAnacDaMinuti: 10, descrizioneAttesa: 'in attesa ANAC da 10 min', allarme: false });
  });

  it('an operation ANAC answers at once is not a wait', () => {
    const [a] = atteseAnac([pratica({ passo: 'PUBBLICA' })], new Date('2024-03-01T12:10:00Z'), 60_000);
    expect(a).toMatchObject({ operazione: 'PUBBLICAZIONE', inAttesaAnacDal: null, inAttesaAnacDaMinuti: null, descrizioneAttesa: null, allarme: false });
  });
});
