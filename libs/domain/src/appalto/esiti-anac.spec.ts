import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoCommand } from './commands.js';
import type { CigLotto, ErroreAnac, OperazioneAnac } from './types.js';
import { cigDisponibili, statoRichiesta } from './selectors.js';
import { fold } from '../shared/decider.js';
import type { AppaltoEvent } from './events.js';
import type { AppaltoEsistente } from './state.js';
import {
  appaltoConfermato,
  appaltoInviato,
  appaltoRegistratoAnac,
  appaltoRespinto,
  CIG_LOTTI,
  contesto,
  ERRORE_ANAC,
  ID_ANAC,
  ID_AVVISO,
  IL,
  modificaAvvisoRichiesta,
  proceduraAperta,
  proceduraApertaValida,
  pubblicazioneRichiesta,
  cancellazioneRichiesta,
} from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const stato = (eventi: AppaltoEvent[]) => fold(appaltoDecider, eventi) as AppaltoEsistente;
const registraAnac = (idAppaltoAnac = ID_ANAC): AppaltoCommand => ({ type: 'RegistraAppaltoAnac', idAppaltoAnac });
const conferma = (cig: readonly CigLotto[] = CIG_LOTTI, idAppaltoAnac = ID_ANAC): AppaltoCommand => ({ type: 'RegistraConferma', idAppaltoAnac, idAvviso: ID_AVVISO, cig });
const respinta = (operazione: OperazioneAnac = 'CONFERMA', errori: readonly ErroreAnac[] = [ERRORE_ANAC]): AppaltoCommand => ({ type: 'RegistraRespinta', operazione, errori });

describe('RegistraAppaltoAnac: crea-appalto OK, the appalto is IN_LAV at ANAC', () => {
  it('records the ANAC id during the conferma', () => {
    decider().given(proceduraAperta('INVIATO')).when(registraAnac()).then([appaltoRegistratoAnac()]);
    expect(stato([...proceduraAperta('INVIATO'), appaltoRegistratoAnac()]).stato).toBe('IN_LAV');
  });

  it('the same id again changes nothing (idempotent)', () => {
    decider().given(proceduraAperta('IN_LAV')).when(registraAnac()).then([]);
    decider().given(proceduraAperta('CONF')).when(registraAnac()).then([]);
  });

  it('ID_ANAC_DIVERSO: another id for the same appalto (409)', () => {
    decider().given(proceduraAperta('IN_LAV')).when(registraAnac('altro-id')).thenThrows('ID_ANAC_DIVERSO', 'conflict');
  });

  it('OPERAZIONE_NON_IN_CORSO: only while the conferma is in flight (409)', () => {
    decider().given(proceduraApertaValida()).when(registraAnac()).thenThrows('OPERAZIONE_NON_IN_CORSO', 'conflict');
  });
});

describe('RegistraConferma: CIGs exist only after conferma OK, one valid code per lot', () => {
  it('confirms with the CIGs in lot order, clearing the operation and the last KO', () => {
    const storia = [...proceduraAperta('INVIATO'), appaltoRespinto(), appaltoInviato('r2'), appaltoRegistratoAnac()];
    decider().given(storia).when(conferma([...CIG_LOTTI].reverse())).then([appaltoConfermato()]);
    const confermato = stato([...storia, appaltoConfermato()]);
    expect(confermato).toMatchObject({ stato: 'CONF', operazioneInCorso: undefined, ultimoEsitoAnac: undefined, cig: CIG_LOTTI });
  });

  it('without a previous RegistraAppaltoAnac too', () => {
    decider().given(proceduraAperta('INVIATO')).when(conferma()).then([appaltoConfermato()]);
  });

  it('the same conferma again changes nothing (idempotent)', () => {
    decider().given(proceduraAperta('CONF')).when(conferma()).then([]);
  });

  it('OPERAZIONE_NON_IN_CORSO: no conferma in flight (409)', () => {
    decider().given(proceduraApertaValida()).when(conferma()).thenThrows('OPERAZIONE_NON_IN_CORSO', 'conflict');
    decider().given(proceduraAperta('CONF')).when(conferma([CIG_LOTTI[0], CIG_LOTTI[1], { lotIdentifier: 'LOT-0003', cig: 'C000000003' }])).thenThrows('OPERAZIONE_NON_IN_CORSO');
  });

  it('ID_ANAC_DIVERSO: the conferma names another ANAC id (409)', () => {
    decider().given(proceduraAperta('IN_LAV')).when(conferma(CIG_LOTTI, 'altro-id')).thenThrows('ID_ANAC_DIVERSO', 'conflict');
  });

  it.each([
    ['a lot without CIG', CIG_LOTTI.slice(0, 2)],
    ['an unknown lot', [...CIG_LOTTI, { lotIdentifier: 'LOT-0009', cig: 'A000000009' }]],
    ['two CIGs for one lot', [...CIG_LOTTI, { lotIdentifier: 'LOT-0001', cig: 'A000000009' }]],
    ['one code for two lots', [CIG_LOTTI[0], CIG_LOTTI[1], { lotIdentifier: 'LOT-0003', cig: CIG_LOTTI[0].cig }]],
    ['no CIG at all', []],
  ])('CIG_LOTTI_INCOERENTI: %s (422)', (_caso, cig) => {
    decider().given(proceduraAperta('IN_LAV')).when(conferma(cig)).thenThrows('CIG_LOTTI_INCOERENTI', 'rule');
  });

  it.each([['a000000001'], ['A00000001'], ['A0000000011']])('CIG_NON_VALIDO: %s fails the official check (422)', (codice) => {
    const error = decider().given(proceduraAperta('IN_LAV')).when(conferma([{ lotIdentifier: 'LOT-0001', cig: codice }, CIG_LOTTI[1], CIG_LOTTI[2]])).thenThrows('CIG_NON_VALIDO', 'rule');
    expect(error.errors).toEqual([expect.objectContaining({ campo: 'lotti[LOT-0001].cig' })]);
  });
});

describe('RegistraRespinta: a KO ends the operation, the request is editable again and shows the errors', () => {
  it('a KO of the conferma before crea-appalto: back to BOZZA', () => {
    decider().given(proceduraAperta('INVIATO')).when(respinta()).then([appaltoRespinto()]);
    const s = stato([...proceduraAperta('INVIATO'), appaltoRespinto()]);
    expect(s).toMatchObject({ stato: 'BOZZA', operazioneInCorso: undefined, ultimoEsitoAnac: { operazione: 'CONFERMA', errori: [ERRORE_ANAC], il: IL } });
    expect(statoRichiesta(s)).toBe('Bozza');
  });

  it('a KO of the conferma after crea-appalto: IN_LAV', () => {
    expect(stato([...proceduraAperta('IN_LAV'), appaltoRespinto()]).stato).toBe('IN_LAV');
  });

  it.each([
    ['PUBBLICAZIONE', [...proceduraAperta('CONF'), pubblicazioneRichiesta()], 'CONF'],
    ['MODIFICA_AVVISO', [...proceduraAperta('IN_ATT_PUBB'), modificaAvvisoRichiesta()], 'IN_ATT_PUBB'],
    ['CANCELLAZIONE', [...proceduraAperta('CONF'), cancellazioneRichiesta()], 'CONF'],
  ] as const)('a KO of %s leaves the state as it was (%s)', (operazione, storia, atteso) => {
    decider().given(storia).when(respinta(operazione)).then([appaltoRespinto(operazione)]);
    const s = stato([...storia, appaltoRespinto(operazione)]);
    expect(s.stato).toBe(atteso);
    expect(s.operazioneInCorso).toBeUndefined();
  });

  it('the same KO recorded twice changes nothing', () => {
    decider().given([...proceduraAperta('INVIATO'), appaltoRespinto()]).when(respinta()).then([]);
  });

  it('OPERAZIONE_NON_IN_CORSO: nothing in flight, or another operation (409)', () => {
    decider().given(proceduraApertaValida()).when(respinta()).thenThrows('OPERAZIONE_NON_IN_CORSO', 'conflict');
    decider().given(proceduraAperta('INVIATO')).when(respinta('PUBBLICAZIONE')).thenThrows('OPERAZIONE_NON_IN_CORSO');
  });

  it('after a KO of the conferma no CIG is available', () => {
    expect(cigDisponibili(stato([...proceduraAperta('INVIATO'), appaltoRespinto()]))).toBe(false);
  });
});
