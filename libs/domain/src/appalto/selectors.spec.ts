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

describe('statoRichiesta: the request states of seed 002 listing', () => {
  it.each([
    ['a draft', proceduraApertaValida(), 'Bozza'],
    ['a draft back from a KO', [...proceduraAperta('INVIATO'), appaltoRespinto()], 'Bozza'],
    ['a draft being sent', proceduraAperta('INVIATO'), 'Richiesta'],
    ['IN_LAV', proceduraAperta('IN_LAV'), 'Richiesta'],
    ['IN_LAV after a KO', [...proceduraAperta('IN_LAV'), appaltoRespinto()], 'Richiesta'],
    ['CONF (PCP CIGs are born perfected)', proceduraAperta('CONF'), 'Perfezionata'],
    ['IN_ATT_PUBB', proceduraAperta('IN_ATT_PUBB'), 'Perfezionata'],
    ['PUBB', proceduraAperta('PUBB'), 'Perfezionata'],
    ['CANC', [...proceduraApertaValida(), appaltoCancellato()], 'Annullata'],
  ] as const)('%s is %s', (_caso, eventi, atteso) => {
    expect(statoRichiesta(stato([...eventi]))).toBe(atteso);
  });
});

describe('importoComplessivo: as given, otherwise the sum of the lots', () => {
  it('sums the lots', () => {
    expect(importoComplessivo(stato(proceduraApertaValida()))).toBe('600000');
  });

  it('takes the given one', () => {
    expect(importoComplessivo(stato([appaltoCreato({ datiGara: datiGara({ importoComplessivo: '650000.50' }) }), ...proceduraApertaValida().slice(1)]))).toBe('650000.50');
  });

  it('is zero without lots', () => {
    expect(importoComplessivo(stato([appaltoCreato()]))).toBe('0');
  });
});

describe('cigDisponibili (seed 002): direct awards at the end of the award, others at publication', () => {
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
