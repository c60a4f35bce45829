import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { CodiceScheda, TipoProcedura } from './types.js';
import { ALTRO_RUP, appaltoCreato, CDC, contesto, creaAppalto, datiGara } from './testing/mothers.js';

const decider = (now?: Date) => spec(appaltoDecider, contesto(now ? { now } : {}));

describe('CreaAppalto', () => {
  it('creates a PCP draft on an empty stream', () => {
    decider().given([]).when(creaAppalto()).then([appaltoCreato()]);
  });

  it('APPALTO_ESISTENTE: only on an empty stream (409)', () => {
    decider().given([appaltoCreato()]).when(creaAppalto()).thenThrows('APPALTO_ESISTENTE', 'conflict');
  });

  it('DATI_GARA_NON_VALIDI: an importo complessivo that is not an amount is bad input (400)', () => {
    const error = decider().given([]).when(creaAppalto({ datiGara: datiGara({ importoComplessivo: '12,50' }) })).thenThrows('DATI_GARA_NON_VALIDI', 'invalid');
    expect(error.errors).toEqual([expect.objectContaining({ sezione: 'dati di gara', campo: 'datiGara.importoComplessivo' })]);
  });
});

describe('CreaAppalto: REGIME_NON_VIGENTE, PCP appalti only from 1 January 2024 (Delibera ANAC 582/2023)', () => {
  it('refuses at 23:59:59.999 of 31 December 2023, Italian time (422)', () => {
    const error = decider(new Date('2023-12-31T22:59:59.999Z')).given([]).when(creaAppalto()).thenThrows('REGIME_NON_VIGENTE', 'rule');
    expect(error.message).toContain('Delibera ANAC n. 582');
  });

  it('accepts at midnight of 1 January 2024, Italian time', () => {
    const now = new Date('2023-12-31T23:00:00.000Z');
    decider(now).given([]).when(creaAppalto()).then([appaltoCreato({ creatoIl: now.toISOString() })]);
  });
});

describe('CreaAppalto: SCHEDA_NON_COERENTE, the form must describe the procedure (422)', () => {
  const coerenti: [CodiceScheda, TipoProcedura][] = [
    ['AD5', 'AFFIDAMENTO_DIRETTO'],
    ['AD3', 'AFFIDAMENTO_DIRETTO'],
    ['P2_16', 'APERTA'],
    ['P2_16', 'RISTRETTA'],
    ['P1_16', 'NEGOZIATA'],
    ['P5', 'AFFIDAMENTO_DIRETTO'],
    ['P5', 'APERTA'],
  ];
  it.each(coerenti)('%s with %s is accepted', (scheda, tipoProcedura) => {
    decider().given([]).when(creaAppalto({ scheda, tipoProcedura })).then([appaltoCreato({ scheda, tipoProcedura })]);
  });

  const incoerenti: [CodiceScheda, TipoProcedura][] = [
    ['AD5', 'APERTA'],
    ['AD3', 'NEGOZIATA'],
    ['P2_16', 'AFFIDAMENTO_DIRETTO'],
    ['P1_16', 'AFFIDAMENTO_DIRETTO'],
  ];
  it.each(incoerenti)('%s with %s is refused', (scheda, tipoProcedura) => {
    decider().given([]).when(creaAppalto({ scheda, tipoProcedura })).thenThrows('SCHEDA_NON_COERENTE', 'rule');
  });
});

describe('CreaAppalto: RUP_NON_RESPONSABILE_NEL_CDC, the RUP is responsabile in the requesting CdC (manuale START Richiedi CIG)', () => {
  it('refuses a RUP who is not responsabile in the CdC (422)', () => {
    const error = decider().given([]).when(creaAppalto({ rup: ALTRO_RUP })).thenThrows('RUP_NON_RESPONSABILE_NEL_CDC', 'rule');
    expect(error.errors).toEqual([expect.objectContaining({ sezione: 'rup e centro di costo', campo: 'rup' })]);
  });

  it('refuses the right RUP in another CdC (422)', () => {
    const altroCdc = { codice: 'CDC-ALTRO', denominazione: 'Altro settore' };
    decider().given([]).when(creaAppalto({ centroDiCosto: altroCdc })).thenThrows('RUP_NON_RESPONSABILE_NEL_CDC', 'rule');
  });

  it('accepts the RUP responsabile in that CdC', () => {
    decider().given([]).when(creaAppalto({ centroDiCosto: CDC })).then([appaltoCreato()]);
  });
});

describe('CreaAppalto: the event keeps only the declared fields of directory records', () => {
  it('drops what the directory adds (CdC sa, user roles)', () => {
    const command = creaAppalto();
    const conExtra = { ...command, centroDiCosto: { ...CDC, sa: '01386030488' }, rup: { ...command.rup, ruoli: ['RUP'] } };
    decider().given([]).when(conExtra).then([appaltoCreato()]);
  });
});
