import { fold } from '../shared/decider.js';
import { spec } from '../shared/testing/given-when-then.js';
import type { AppaltoCommand } from './commands.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoEvent, AppaltoEventOf } from './events.js';
import { cigDisponibili, statoRichiesta } from './selectors.js';
import type { AppaltoEsistente } from './state.js';
import {
  ad5Valido, appaltoCancellato, appaltoConfermato, appaltoInviato, appaltoRegistratoAnac, appaltoRespinto, BUYER, CIG_LOTTI, cigRichiesto,
  cancellazioneRichiesta, contesto, ERRORE_ANAC, ID_ANAC, ID_AVVISO, IL, proceduraAperta,
} from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const stato = (eventi: AppaltoEvent[]) => fold(appaltoDecider, eventi) as AppaltoEsistente;
const MOTIVO = 'Procedura annullata in autotutela';
const ritira = (richiestaId = 'richiesta-ritiro'): AppaltoCommand => ({ type: 'CancellaAppalto', motivo: MOTIVO, richiestaId, richiestoDa: BUYER });
const ritiroRichiesto = (richiestaId = 'richiesta-ritiro'): AppaltoEventOf<'RitiroRichiesto'> => ({
  type: 'RitiroRichiesto', data: { motivo: MOTIVO, richiestaId, richiestoDa: BUYER, il: IL },
});
const conferma: AppaltoCommand = { type: 'RegistraConferma', idAppaltoAnac: ID_ANAC, idAvviso: ID_AVVISO, cig: CIG_LOTTI };
const respinta: AppaltoCommand = { type: 'RegistraRespinta', operazione: 'CONFERMA', errori: [ERRORE_ANAC] };
const ad5Inviato = () => [...ad5Valido(), appaltoInviato(), cigRichiesto('LOT-0001')];

describe('CancellaAppalto while ANAC works on the conferma: a withdrawal, recorded at once', () => {
  it('records RitiroRichiesto with who asked and why, instead of refusing (409) for as long as ANAC takes', () => {
    decider().given(proceduraAperta('INVIATO')).when(ritira()).then([ritiroRichiesto()]);
    decider().given(proceduraAperta('IN_LAV')).when(ritira()).then([ritiroRichiesto()]);
    expect(stato([...proceduraAperta('IN_LAV'), ritiroRichiesto()])).toMatchObject({
      stato: 'IN_LAV', operazioneInCorso: { operazione: 'CONFERMA' }, ritiro: { motivo: MOTIVO, richiestoDa: BUYER, il: IL },
    });
  });

  it('the same request again changes nothing; another one is RITIRO_GIA_RICHIESTO (409)', () => {
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto()]).when(ritira()).then([]);
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto()]).when(ritira('altra')).thenThrows('RITIRO_GIA_RICHIESTO', 'conflict');
  });

  it('a withdrawn request is not editable, and its CIGs are not available meanwhile', () => {
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto()]).when({ type: 'RimuoviLotto', lotIdentifier: 'LOT-0001' }).thenThrows('APPALTO_NON_MODIFICABILE', 'conflict');
    const confermatoMaRitirato = stato([...ad5Inviato(), ritiroRichiesto(), appaltoRegistratoAnac(), appaltoConfermato([CIG_LOTTI[0]])]);
    expect(cigDisponibili(confermatoMaRitirato)).toBe(false);
  });
});

describe('the withdrawal is carried out as soon as ANAC allows', () => {
  it('conferma OK: the CIGs ANAC issued are recorded, then cancella-appalto is asked (ANAC allows it on CONF)', () => {
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto()]).when(conferma).then([appaltoConfermato(), cancellazioneRichiesta(MOTIVO, 'richiesta-ritiro')]);
    const s = stato([...proceduraAperta('IN_LAV'), ritiroRichiesto(), appaltoConfermato(), cancellazioneRichiesta(MOTIVO, 'richiesta-ritiro')]);
    expect(s).toMatchObject({ stato: 'CONF', operazioneInCorso: { operazione: 'CANCELLAZIONE', motivo: MOTIVO }, ritiro: { motivo: MOTIVO } });
    expect(statoRichiesta(s)).toBe('Richiesta');
  });

  it('conferma KO on an appalto ANAC knows: the KO is recorded, then cancella-appalto is asked', () => {
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto()]).when(respinta).then([appaltoRespinto(), cancellazioneRichiesta(MOTIVO, 'richiesta-ritiro')]);
  });

  it('conferma KO before ANAC knew the appalto: cancelled here', () => {
    decider().given([...proceduraAperta('INVIATO'), ritiroRichiesto()]).when(respinta).then([appaltoRespinto(), appaltoCancellato(MOTIVO)]);
  });

  it('RegistraRitiro: the conferma never reached ANAC. Unknown to ANAC: cancelled here; known (IN_LAV): cancella-appalto', () => {
    decider().given([...proceduraAperta('INVIATO'), ritiroRichiesto()]).when({ type: 'RegistraRitiro' }).then([appaltoCancellato(MOTIVO)]);
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto()]).when({ type: 'RegistraRitiro' }).then([cancellazioneRichiesta(MOTIVO, 'richiesta-ritiro')]);
  });

  it('RegistraRitiro again, or once the cancellation is under way, changes nothing', () => {
    const fatto = [...proceduraAperta('INVIATO'), ritiroRichiesto(), appaltoCancellato(MOTIVO)];
    decider().given(fatto).when({ type: 'RegistraRitiro' }).then([]);
    expect(stato(fatto)).toMatchObject({ stato: 'CANC', ritiro: undefined, motivoCancellazione: MOTIVO });
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto(), cancellazioneRichiesta(MOTIVO, 'richiesta-ritiro')]).when({ type: 'RegistraRitiro' }).then([]);
    decider().given([...proceduraAperta('IN_LAV'), ritiroRichiesto(), appaltoConfermato(), cancellazioneRichiesta(MOTIVO, 'richiesta-ritiro')]).when(conferma).then([]);
  });

  it('RegistraRitiro without a withdrawal changes nothing', () => {
    decider().given(proceduraAperta('IN_LAV')).when({ type: 'RegistraRitiro' }).then([]);
  });
});
