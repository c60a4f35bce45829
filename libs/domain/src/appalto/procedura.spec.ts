import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import { appaltoCancellato, appaltoCreato, contesto, datiGara, IL, proceduraAperta } from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const collega = (idProcedura = 'PROC-000094/2024') => ({ type: 'CollegaProcedura' as const, idProcedura });
const collegata = (idProcedura = 'PROC-000094/2024') => ({ type: 'ProceduraCollegata' as const, data: { idProcedura, il: IL } });

describe('CollegaProcedura: manuale START Richiedi CIG flow "richiesta CIG first, procedure later"', () => {
  it.each([
    ['BOZZA', proceduraAperta('BOZZA')],
    ['IN_LAV', proceduraAperta('IN_LAV')],
    ['CONF', proceduraAperta('CONF')],
    ['PUBB', proceduraAperta('PUBB')],
  ])('links the procedure in %s', (_stato, storia) => {
    decider().given(storia).when(collega()).then([collegata()]);
  });

  it('the same procedure again changes nothing', () => {
    decider().given([appaltoCreato(), collegata()]).when(collega()).then([]);
  });

  it('the procedure given at creation ("procedure first") counts as linked', () => {
    decider().given([appaltoCreato({ datiGara: datiGara({ idProcedura: 'PROC-000094/2024' }) })]).when(collega()).then([]);
  });

  it('PROCEDURA_GIA_COLLEGATA: another procedure (409)', () => {
    decider().given([appaltoCreato(), collegata()]).when(collega('PROC-2')).thenThrows('PROCEDURA_GIA_COLLEGATA', 'conflict');
    decider().given([appaltoCreato({ datiGara: datiGara({ idProcedura: 'PROC-1' }) })]).when(collega('PROC-2')).thenThrows('PROCEDURA_GIA_COLLEGATA');
  });

  it('APPALTO_CANCELLATO: not on a cancelled appalto (409)', () => {
    decider().given([appaltoCreato(), appaltoCancellato()]).when(collega()).thenThrows('APPALTO_CANCELLATO', 'conflict');
  });

  it('ID_PROCEDURA_NON_VALIDO: an empty id (400)', () => {
    decider().given([appaltoCreato()]).when(collega(' ')).thenThrows('ID_PROCEDURA_NON_VALIDO', 'invalid');
  });
});
