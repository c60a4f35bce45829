import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoEvent } from './events.js';
import {
  ad5Valido,
  appaltoCancellato,
  appaltoCreato,
  appaltoInviato,
  appaltoRespinto,
  cigRichiesto,
  classificazioneImpostata,
  contesto,
  LOTTI,
  proceduraAperta,
  proceduraApertaValida,
  RICHIESTA,
} from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const invia = (richiestaId = RICHIESTA) => ({ type: 'InviaAppalto' as const, richiestaId });

describe('InviaAppalto: sending asks ANAC for conferma and one CIG per lot', () => {
  it('a valid open procedure: AppaltoInviato, then one CigRichiesto per lot in lot order', () => {
    decider().given(proceduraApertaValida()).when(invia()).then([appaltoInviato(), ...LOTTI.map((l) => cigRichiesto(l))]);
  });

  it('a valid AD5', () => {
    decider().given(ad5Valido()).when(invia()).then([appaltoInviato(), cigRichiesto('LOT-0001')]);
  });

  it('again after a KO, from IN_LAV', () => {
    decider()
      .given([...proceduraAperta('IN_LAV'), appaltoRespinto()])
      .when(invia('richiesta-2'))
      .then([appaltoInviato('richiesta-2'), ...LOTTI.map((l) => cigRichiesto(l, 'richiesta-2'))]);
  });

  it('again after a KO, from BOZZA', () => {
    decider().given([...proceduraAperta('INVIATO'), appaltoRespinto()]).when(invia('richiesta-2')).then([appaltoInviato('richiesta-2'), ...LOTTI.map((l) => cigRichiesto(l, 'richiesta-2'))]);
  });

  it('the same richiestaId again changes nothing (a retry)', () => {
    decider().given(proceduraAperta('INVIATO')).when(invia()).then([]);
  });

  it('APPALTO_NON_TROVATO on an empty stream (404)', () => {
    decider().given([]).when(invia()).thenThrows('APPALTO_NON_TROVATO', 'not_found');
  });
});

describe('APPALTO_NON_INVIABILE: only BOZZA or IN_LAV, with nothing in flight (409)', () => {
  const casi: [string, AppaltoEvent[]][] = [
    ['conferma in flight', proceduraAperta('INVIATO')],
    ['IN_LAV with conferma in flight', proceduraAperta('IN_LAV')],
    ['CONF', proceduraAperta('CONF')],
    ['IN_ATT_PUBB', proceduraAperta('IN_ATT_PUBB')],
    ['PUBB', proceduraAperta('PUBB')],
    ['CANC', [...proceduraApertaValida(), appaltoCancellato()]],
  ];
  it.each(casi)('%s', (_caso, storia) => {
    decider().given(storia).when(invia('altra')).thenThrows('APPALTO_NON_INVIABILE', 'conflict');
  });
});

describe('APPALTO_NON_VALIDO: a request with problems is not sent (422, problems by section)', () => {
  it('lists every problem of the verification', () => {
    const error = decider().given([appaltoCreato(), classificazioneImpostata()]).when(invia()).thenThrows('APPALTO_NON_VALIDO', 'rule');
    expect(error.errors).toEqual([expect.objectContaining({ sezione: 'lotti', codice: 'NESSUN_LOTTO' })]);
  });

  it('the RUP is checked again at sending time (manuale START Richiedi CIG)', () => {
    const error = spec(appaltoDecider, contesto({ responsabileNelCdc: () => false })).given(proceduraApertaValida()).when(invia()).thenThrows('APPALTO_NON_VALIDO');
    expect(error.errors?.map((p) => p.codice)).toEqual(['RUP_NON_RESPONSABILE_NEL_CDC']);
  });

  it('an IN_LAV appalto back from a KO is checked too', () => {
    const storia = [...proceduraAperta('IN_LAV'), appaltoRespinto()];
    spec(appaltoDecider, contesto({ responsabileNelCdc: () => false })).given(storia).when(invia('r2')).thenThrows('APPALTO_NON_VALIDO', 'rule');
  });
});
