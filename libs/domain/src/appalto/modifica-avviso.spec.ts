import { fold } from '../shared/decider.js';
import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoCommand } from './commands.js';
import type { AppaltoEsistente } from './state.js';
import type { CigLotto } from './types.js';
import { avvisoModificato, CDC, CIG_LOTTI, contesto, datiGara, IL, modificaAvvisoRichiesta, NUOVI_CIG, proceduraAperta, RUP } from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const richiedi = (datiGaraNuovi?: ReturnType<typeof datiGara>): AppaltoCommand => ({ type: 'RichiediModificaAvviso', richiestaId: 'richiesta-modifica', datiGara: datiGaraNuovi });
const registra = (cig: readonly (CigLotto & { sostituisce: string })[] = NUOVI_CIG): AppaltoCommand => ({ type: 'RegistraModificaAvviso', idAvviso: 'avviso-0002', cig });
const inModifica = () => [...proceduraAperta('IN_ATT_PUBB'), modificaAvvisoRichiesta()];

describe('RichiediModificaAvviso: only an avviso not yet published (IN_ATT_PUBB), nothing in flight', () => {
  it('requests the modifica', () => {
    decider().given(proceduraAperta('IN_ATT_PUBB')).when(richiedi()).then([modificaAvvisoRichiesta()]);
  });

  it('with new dati di gara, records them first', () => {
    const nuovi = datiGara({ oggetto: 'Oggetto rettificato' });
    decider()
      .given(proceduraAperta('IN_ATT_PUBB'))
      .when(richiedi(nuovi))
      .then([{ type: 'AppaltoModificato', data: { datiGara: nuovi, rup: RUP, centroDiCosto: CDC, modificatoIl: IL } }, modificaAvvisoRichiesta()]);
  });

  it('the same richiestaId again changes nothing', () => {
    decider().given(inModifica()).when(richiedi()).then([]);
  });

  it.each([
    ['CONF', proceduraAperta('CONF')],
    ['PUBB', proceduraAperta('PUBB')],
    ['BOZZA', proceduraAperta('BOZZA')],
  ])('MODIFICA_AVVISO_NON_CONSENTITA: not in %s (409)', (_stato, storia) => {
    decider().given(storia).when(richiedi()).thenThrows('MODIFICA_AVVISO_NON_CONSENTITA', 'conflict');
  });

  it('OPERAZIONE_IN_CORSO: another modifica in flight (409)', () => {
    decider().given(inModifica()).when({ type: 'RichiediModificaAvviso', richiestaId: 'altra' }).thenThrows('OPERAZIONE_IN_CORSO', 'conflict');
  });
});

describe('RegistraModificaAvviso: ANAC replaced the CIG of every lot', () => {
  it('records the new CIGs; the old ones are superseded, the state stays IN_ATT_PUBB', () => {
    decider().given(inModifica()).when(registra()).then([avvisoModificato()]);
    const s = fold(appaltoDecider, [...inModifica(), avvisoModificato()]) as AppaltoEsistente;
    expect(s).toMatchObject({ stato: 'IN_ATT_PUBB', idAvviso: 'avviso-0002', operazioneInCorso: undefined, cigSostituiti: CIG_LOTTI });
    expect(s.cig).toEqual(NUOVI_CIG.map(({ lotIdentifier, cig }) => ({ lotIdentifier, cig })));
  });

  it('the same modifica again changes nothing (idempotent)', () => {
    decider().given([...inModifica(), avvisoModificato()]).when(registra()).then([]);
  });

  it('OPERAZIONE_NON_IN_CORSO: no modifica in flight (409)', () => {
    decider().given(proceduraAperta('IN_ATT_PUBB')).when(registra()).thenThrows('OPERAZIONE_NON_IN_CORSO', 'conflict');
  });

  it('CIG_LOTTI_INCOERENTI: a new CIG that does not replace its lot\'s current one (422)', () => {
    const cig = [{ ...NUOVI_CIG[0], sostituisce: CIG_LOTTI[1].cig }, NUOVI_CIG[1], NUOVI_CIG[2]];
    const error = decider().given(inModifica()).when(registra(cig)).thenThrows('CIG_LOTTI_INCOERENTI', 'rule');
    expect(error.errors).toEqual([expect.objectContaining({ campo: 'lotti[LOT-0001].cig', codice: 'CIG_SOSTITUITO_ERRATO' })]);
  });

  it('CIG_LOTTI_INCOERENTI: a lot left without a new CIG (422)', () => {
    decider().given(inModifica()).when(registra(NUOVI_CIG.slice(1))).thenThrows('CIG_LOTTI_INCOERENTI', 'rule');
  });

  it('CIG_GIA_ASSEGNATO: a new code equal to a current one (422)', () => {
    const cig = [{ ...NUOVI_CIG[0], cig: CIG_LOTTI[0].cig }, NUOVI_CIG[1], NUOVI_CIG[2]];
    decider().given(inModifica()).when(registra(cig)).thenThrows('CIG_GIA_ASSEGNATO', 'rule');
  });

  it('CIG_GIA_ASSEGNATO: a new code equal to one superseded earlier (422)', () => {
    const storia = [...inModifica(), avvisoModificato(), modificaAvvisoRichiesta('richiesta-2')];
    const cig = NUOVI_CIG.map((n, i) => ({ lotIdentifier: n.lotIdentifier, cig: i === 0 ? CIG_LOTTI[0].cig : `C00000000${i + 1}`, sostituisce: n.cig }));
    decider().given(storia).when(registra(cig)).thenThrows('CIG_GIA_ASSEGNATO', 'rule');
  });

  it('CIG_NON_VALIDO: every new code passes the official check (422)', () => {
    decider().given(inModifica()).when(registra([{ ...NUOVI_CIG[0], cig: 'b000000001' }, NUOVI_CIG[1], NUOVI_CIG[2]])).thenThrows('CIG_NON_VALIDO', 'rule');
  });
});
