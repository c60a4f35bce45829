import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { Cpv } from './types.js';
import { appaltoCreato, classificazioneImpostata, contesto } from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const imposta = (cpv: readonly Cpv[]) => ({ type: 'ImpostaClassificazione' as const, cpv });
const principale = (codice: string): Cpv => ({ codice, principale: true });
const secondaria = (codice: string): Cpv => ({ codice, principale: false });

describe('ImpostaClassificazione: at least one principale CPV of the third level (manuale START Richiedi CIG; ANAC REG65, REG66, REG116)', () => {
  it('accepts one principale of the third level (class) and secondary ones of any level', () => {
    const cpv = [principale('30190000-7'), secondaria('30000000-9')];
    decider().given([appaltoCreato()]).when(imposta(cpv)).then([classificazioneImpostata(cpv)]);
  });

  it('accepts a principale of the fourth and fifth level', () => {
    decider().given([appaltoCreato()]).when(imposta([principale('30192000-1')])).then([classificazioneImpostata([principale('30192000-1')])]);
    decider().given([appaltoCreato()]).when(imposta([principale('30192121-5')])).then([classificazioneImpostata([principale('30192121-5')])]);
  });

  const rifiutate: [string, Cpv[], string][] = [
    ['no CPV', [], 'CLASSIFICAZIONE_VUOTA'],
    ['only secondary CPVs', [secondaria('30192000-1')], 'CPV_PRINCIPALE_MANCANTE'],
    ['two principali (REG116)', [principale('30192000-1'), principale('30197000-6')], 'REG116'],
    ['a principale of the second level (group)', [principale('30100000-0')], 'CPV_LIVELLO_INSUFFICIENTE'],
    ['a principale of the first level (division)', [principale('30000000-9')], 'CPV_LIVELLO_INSUFFICIENTE'],
    ['the principale again as secondary (REG65)', [principale('30192000-1'), secondaria('30192000-1')], 'REG65'],
    ['a secondary twice (REG66)', [principale('30192000-1'), secondaria('30197000-6'), secondaria('30197000-6')], 'REG66'],
    ['a code of a wrong format', [principale('3019200-1')], 'CPV_NON_VALIDO'],
    ['a code of no division', [principale('10192000-1')], 'CPV_NON_VALIDO'],
  ];
  it.each(rifiutate)('refuses %s (400 CLASSIFICAZIONE_NON_VALIDA)', (_caso, cpv, codice) => {
    const error = decider().given([appaltoCreato()]).when(imposta(cpv)).thenThrows('CLASSIFICAZIONE_NON_VALIDA', 'invalid');
    expect(error.errors).toEqual([expect.objectContaining({ sezione: 'classificazione', codice })]);
  });
});
