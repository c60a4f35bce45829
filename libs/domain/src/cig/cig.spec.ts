import { spec } from '../shared/testing/given-when-then.js';
import type { CigCommand } from './commands.js';
import { cigDecider } from './decider.js';
import { assegnaCig, cigAssegnato, cigCancellato, cigPcp, cigPerfezionato, cigSostituito, cigUtilizzato, contestoCig, NUOVO_CIG } from './testing/mothers.js';

const decider = () => spec(cigDecider, contestoCig());
const utilizza = (link: { idProcedura?: string; idContratto?: string } = { idProcedura: 'PROC-1' }, disponibile = true): CigCommand => ({ type: 'UtilizzaCig', disponibile, ...link });

describe('AssegnaCig: a code is assigned once, on an empty stream', () => {
  it('records the assignment', () => {
    decider().given([]).when(assegnaCig()).then([cigAssegnato()]);
  });

  it('records what it replaces (modifica-avviso)', () => {
    decider().given([]).when(assegnaCig({ cig: NUOVO_CIG, sostituisce: 'A000000001' })).then([cigAssegnato({ cig: NUOVO_CIG, sostituisce: 'A000000001' })]);
  });

  it('the same assignment again changes nothing (idempotent)', () => {
    decider().given([cigAssegnato()]).when(assegnaCig()).then([]);
    decider().given(cigPcp()).when(assegnaCig()).then([]);
  });

  it.each([
    ['another lot', { lotIdentifier: 'LOT-0002' }],
    ['another appalto', { appaltoId: 'altro' }],
    ['another regime', { regime: 'SIMOG' as const }],
    ['another ANAC id', { idAppaltoAnac: 'altro' }],
  ])('CIG_GIA_ASSEGNATO: the code again for %s (409)', (_caso, overrides) => {
    decider().given([cigAssegnato()]).when(assegnaCig(overrides)).thenThrows('CIG_GIA_ASSEGNATO', 'conflict');
  });

  it('CIG_NON_VALIDO: the code fails the official check (422)', () => {
    decider().given([]).when(assegnaCig({ cig: 'a000000001' })).thenThrows('CIG_NON_VALIDO', 'rule');
  });
});

describe('PerfezionaCig: PCP CIGs are born perfected (manuale START Richiedi CIG), recorded right after the assignment', () => {
  it('perfects an assigned PCP CIG', () => {
    decider().given([cigAssegnato()]).when({ type: 'PerfezionaCig' }).then([cigPerfezionato()]);
  });

  it('again changes nothing (idempotent)', () => {
    decider().given(cigPcp()).when({ type: 'PerfezionaCig' }).then([]);
  });

  it('PERFEZIONAMENTO_CON_DATI: a SIMOG CIG is perfected with its publication data (avviso AVCP-SIMOG 2011, 422)', () => {
    decider().given([cigAssegnato({ regime: 'SIMOG' })]).when({ type: 'PerfezionaCig' }).thenThrows('PERFEZIONAMENTO_CON_DATI', 'rule');
  });

  it('CIG_NON_PERFEZIONABILE: a CIG superseded before perfection (409)', () => {
    decider().given([cigAssegnato(), cigSostituito()]).when({ type: 'PerfezionaCig' }).thenThrows('CIG_NON_PERFEZIONABILE', 'conflict');
  });

  it('CIG_NON_TROVATO: no such code (404)', () => {
    decider().given([]).when({ type: 'PerfezionaCig' }).thenThrows('CIG_NON_TROVATO', 'not_found');
  });
});

describe('UtilizzaCig: only an available CIG is linked to its procedure or contract (manuale START Richiedi CIG)', () => {
  it('links an available, perfected CIG', () => {
    decider().given(cigPcp()).when(utilizza()).then([cigUtilizzato()]);
  });

  it('adds the contract to the procedure already linked', () => {
    decider().given([...cigPcp(), cigUtilizzato()]).when(utilizza({ idProcedura: 'PROC-1', idContratto: 'K-1' })).then([cigUtilizzato({ idProcedura: 'PROC-1', idContratto: 'K-1' })]);
    decider().given([...cigPcp(), cigUtilizzato()]).when(utilizza({ idContratto: 'K-1' })).then([cigUtilizzato({ idContratto: 'K-1' })]);
  });

  it('the same link again changes nothing (idempotent)', () => {
    decider().given([...cigPcp(), cigUtilizzato()]).when(utilizza()).then([]);
    decider().given([...cigPcp(), cigUtilizzato(), cigUtilizzato({ idContratto: 'K-1' })]).when(utilizza({ idContratto: 'K-1' })).then([]);
  });

  it('CIG_NON_ANCORA_DISPONIBILE: before publication or the end of the award, naming the rule (422)', () => {
    const error = decider().given(cigPcp()).when(utilizza({ idProcedura: 'PROC-1' }, false)).thenThrows('CIG_NON_ANCORA_DISPONIBILE', 'rule');
    expect(error.message).toMatch(/al momento della pubblicazione.*al termine della procedura di affidamento/);
  });

  it('CIG_NON_PERFEZIONATO: a CIG not perfected "is as if it did not exist" (avviso AVCP-SIMOG 2011, 422)', () => {
    decider().given([cigAssegnato()]).when(utilizza()).thenThrows('CIG_NON_PERFEZIONATO', 'rule');
  });

  it.each([
    ['superseded', [...cigPcp(), cigSostituito()]],
    ['cancelled', [...cigPcp(), cigCancellato()]],
  ])('CIG_NON_UTILIZZABILE: a %s CIG (409)', (_caso, storia) => {
    decider().given(storia).when(utilizza()).thenThrows('CIG_NON_UTILIZZABILE', 'conflict');
  });

  it.each([
    ['another procedure', { idProcedura: 'PROC-2' }],
    ['another contract', { idContratto: 'K-2' }],
  ])('CIG_GIA_UTILIZZATO: %s (409)', (_caso, link) => {
    decider().given([...cigPcp(), cigUtilizzato({ idProcedura: 'PROC-1', idContratto: 'K-1' })]).when(utilizza(link)).thenThrows('CIG_GIA_UTILIZZATO', 'conflict');
  });

  it('COLLEGAMENTO_MANCANTE: neither procedure nor contract (400)', () => {
    decider().given(cigPcp()).when(utilizza({})).thenThrows('COLLEGAMENTO_MANCANTE', 'invalid');
  });
});

describe('SostituisciCig: modifica-avviso supersedes a code once', () => {
  it('records the successor', () => {
    decider().given(cigPcp()).when({ type: 'SostituisciCig', sostituitoDa: NUOVO_CIG }).then([cigSostituito()]);
  });

  it('the same successor again changes nothing (idempotent)', () => {
    decider().given([...cigPcp(), cigSostituito()]).when({ type: 'SostituisciCig', sostituitoDa: NUOVO_CIG }).then([]);
  });

  it('CIG_GIA_SOSTITUITO: another successor (409)', () => {
    decider().given([...cigPcp(), cigSostituito()]).when({ type: 'SostituisciCig', sostituitoDa: 'C000000001' }).thenThrows('CIG_GIA_SOSTITUITO', 'conflict');
  });

  it('CIG_CANCELLATO: a cancelled code (409)', () => {
    decider().given([...cigPcp(), cigCancellato()]).when({ type: 'SostituisciCig', sostituitoDa: NUOVO_CIG }).thenThrows('CIG_CANCELLATO', 'conflict');
  });

  it('SOSTITUTO_NON_VALIDO: itself (400); CIG_NON_VALIDO: an invalid successor (422)', () => {
    decider().given(cigPcp()).when({ type: 'SostituisciCig', sostituitoDa: 'A000000001' }).thenThrows('SOSTITUTO_NON_VALIDO', 'invalid');
    decider().given(cigPcp()).when({ type: 'SostituisciCig', sostituitoDa: 'b000000001' }).thenThrows('CIG_NON_VALIDO', 'rule');
  });
});

describe('CancellaCigPerAppalto: the CIGs go with their cancelled appalto', () => {
  const cancella = (motivo = 'Appalto cancellato'): CigCommand => ({ type: 'CancellaCigPerAppalto', motivo });

  it('cancels a PCP CIG, perfected or not', () => {
    decider().given(cigPcp()).when(cancella()).then([cigCancellato()]);
    decider().given([cigAssegnato()]).when(cancella()).then([cigCancellato()]);
  });

  it('a SIMOG CIG not yet perfected is cancelled', () => {
    decider().given([cigAssegnato({ regime: 'SIMOG' })]).when(cancella()).then([cigCancellato()]);
  });

  it('ANNULLAMENTO_NECESSARIO: a perfected SIMOG CIG can only be annulled on request (avviso AVCP-SIMOG 2011, 422)', () => {
    decider().given([cigAssegnato({ regime: 'SIMOG' }), cigPerfezionato()]).when(cancella()).thenThrows('ANNULLAMENTO_NECESSARIO', 'rule');
  });

  it('again changes nothing (idempotent)', () => {
    decider().given([...cigPcp(), cigCancellato()]).when(cancella()).then([]);
  });

  it('CIG_GIA_SOSTITUITO: a superseded code (409)', () => {
    decider().given([...cigPcp(), cigSostituito()]).when(cancella()).thenThrows('CIG_GIA_SOSTITUITO', 'conflict');
  });

  it.each([['  '], ['x'.repeat(201)]])('MOTIVO_NON_VALIDO: motivo "%s" (400)', (motivo) => {
    decider().given(cigPcp()).when(cancella(motivo)).thenThrows('MOTIVO_NON_VALIDO', 'invalid');
  });

  it('a motivo of 200 characters is accepted', () => {
    decider().given(cigPcp()).when(cancella('x'.repeat(200))).then([cigCancellato('x'.repeat(200))]);
  });
});
