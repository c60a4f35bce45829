import { fold } from '../shared/decider.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoEvent } from './events.js';
import { cigDisponibili, importoComplessivo, statoRichiesta } from './selectors.js';
import type { AppaltoEsistente } from './state.js';
import {
  ad5Confermato,
  ad5Valido,
  appaltoCancellato,
  appaltoCreato,
  appaltoInAttesaPubblicazione,
  appaltoInviato,
  appaltoPubblicato,
  appaltoRespinto,
  datiGara,
  proceduraAperta,
  proceduraApertaValida,
} from './testing/mothers.js';

const stato = (eventi: AppaltoEvent[]) => fold(appaltoDecider, eventi) as AppaltoEsistente;

describe('statoRichiesta: the request states of the START listing', () => {
  it.each([
    ['a draft', proceduraApertaValida(), 'Bozza'],
    ['a draft back from a KO', [...proceduraAperta('INVIATO'), appaltoRespinto()], 'Bozza'],
    ['a draft being sent', proceduraAperta('INVIATO'), 'Richiesta'],
    ['IN_LAV', proceduraAperta('IN_LAV'), 'Richiesta'],
    ['IN_LAV after a KO', [...proceduraAperta('IN_LAV'), appaltoRespinto()], 'Richiesta'],
    // The CIGs of open, restricted and negotiated procedures are available (and perfected) at publication.
    ['an open procedure CONF', proceduraAperta('CONF'), 'Richiesta'],
    ['an open procedure IN_ATT_PUBB', proceduraAperta('IN_ATT_PUBB'), 'Richiesta'],
    ['an open procedure PUBB', proceduraAperta('PUBB'), 'Perfezionata'],
    // A direct award's CIG is available at the end of the award: the conferma.
    ['a direct award CONF', ad5Confermato(), 'Perfezionata'],
    ['CANC', [...proceduraApertaValida(), appaltoCancellato()], 'Annullata'],
  ] as const)('%s is %s', (_caso, eventi, atteso) => {
    expect(statoRichiesta(stato([...eventi]))).toBe(atteso);
  });
});

describe('importoComplessivo: as given, otherwise the sum of the lots, always with two decimals (as the listing)', () => {
  it('sums the lots', () => {
    expect(importoComplessivo(stato(proceduraApertaValida()))).toBe('600000.00');
  });

  it('takes the given one', () => {
    expect(importoComplessivo(stato([appaltoCreato({ datiGara: datiGara({ importoComplessivo: '650000.50' }) }), ...proceduraApertaValida().slice(1)]))).toBe('650000.50');
  });

  it('is zero without lots', () => {
    expect(importoComplessivo(stato([appaltoCreato()]))).toBe('0.00');
  });
});

describe('cigDisponibili (manual «Richiedi CIG»): direct awards at the end of the award, others at publication', () => {
  it.each([
    ['an empty stream', [], false],
    ['a direct award in draft', ad5Valido(), false],
    ['a direct award being sent', [...ad5Valido(), appaltoInviato()], false],
    ['a direct award confirmed', ad5Confermato(), true],
    ['a direct award in attesa di pubblicazione', [...ad5Confermato(), appaltoInAttesaPubblicazione()], true],
    ['a direct award published', [...ad5Confermato(), appaltoPubblicato()], true],
    ['a direct award cancelled', [...ad5Confermato(), appaltoCancellato()], false],
    ['an open procedure confirmed', proceduraAperta('CONF'), false],
    ['an open procedure in attesa di pubblicazione', proceduraAperta('IN_ATT_PUBB'), false],
    ['an open procedure published', proceduraAperta('PUBB'), true],
  ] as const)('%s: %s', (_caso, eventi, atteso) => {
    expect(cigDisponibili(fold(appaltoDecider, [...eventi]))).toBe(atteso);
  });
});
