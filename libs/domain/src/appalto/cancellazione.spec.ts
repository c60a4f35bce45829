import { fold } from '../shared/decider.js';
import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoEvent } from './events.js';
import { MOTIVO_ELIMINAZIONE_ANAC, type AppaltoEsistente } from './state.js';
import {
  ad5Confermato,
  appaltoCancellato,
  BUYER,
  appaltoRespinto,
  cancellazioneRichiesta,
  contesto,
  IL,
  modificaAvvisoRichiesta,
  proceduraAperta,
  proceduraApertaValida,
} from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const cancella = (motivo = 'Errore materiale', richiestaId = 'richiesta-cancellazione') => ({ type: 'CancellaAppalto' as const, motivo, richiestaId, richiestoDa: BUYER });
const stato = (eventi: AppaltoEvent[]) => fold(appaltoDecider, eventi) as AppaltoEsistente;
const eliminato: AppaltoEvent = { type: 'AppaltoEliminatoDaAnac', data: { il: IL } };

describe('CancellaAppalto: what ANAC does not know is cancelled at once', () => {
  it('a draft', () => {
    decider().given(proceduraApertaValida()).when(cancella()).then([appaltoCancellato()]);
    expect(stato([...proceduraApertaValida(), appaltoCancellato()])).toMatchObject({ stato: 'CANC', motivoCancellazione: 'Errore materiale', cancellatoIl: IL });
  });

  it('a draft back from a KO before crea-appalto', () => {
    decider().given([...proceduraAperta('INVIATO'), appaltoRespinto()]).when(cancella()).then([appaltoCancellato()]);
  });

  it('the motivo is kept without surrounding blanks', () => {
    decider().given(proceduraApertaValida()).when(cancella('  Duplicato  ')).then([appaltoCancellato('Duplicato')]);
  });
});

describe('CancellaAppalto: what ANAC knows (IN_LAV, CONF) is cancelled by cancella-appalto', () => {
  it('IN_LAV after a KO', () => {
    decider().given([...proceduraAperta('IN_LAV'), appaltoRespinto()]).when(cancella()).then([cancellazioneRichiesta()]);
  });

  it('CONF', () => {
    decider().given(proceduraAperta('CONF')).when(cancella()).then([cancellazioneRichiesta()]);
  });

  it('the same richiestaId again changes nothing', () => {
    decider().given([...proceduraAperta('CONF'), cancellazioneRichiesta()]).when(cancella()).then([]);
  });
});

describe('CancellaAppalto: refusals', () => {
  it.each([
    ['empty', '  '],
    ['of 201 characters', 'x'.repeat(201)],
  ])('MOTIVO_NON_VALIDO: a motivo %s (400)', (_caso, motivo) => {
    decider().given(proceduraApertaValida()).when(cancella(motivo)).thenThrows('MOTIVO_NON_VALIDO', 'invalid');
  });

  it('a motivo of 200 characters is accepted', () => {
    decider().given(proceduraApertaValida()).when(cancella('x'.repeat(200))).then([appaltoCancellato('x'.repeat(200))]);
  });

  it.each([
    ['IN_ATT_PUBB', proceduraAperta('IN_ATT_PUBB')],
    ['PUBB', proceduraAperta('PUBB')],
  ])('CANCELLAZIONE_NON_CONSENTITA: %s, once pubblica-avviso was called (ANAC ERR16, 409)', (_stato, storia) => {
    decider().given(storia).when(cancella()).thenThrows('CANCELLAZIONE_NON_CONSENTITA', 'conflict');
  });

  it('APPALTO_GIA_CANCELLATO: a cancelled appalto (409)', () => {
    decider().given([...proceduraApertaValida(), appaltoCancellato()]).when(cancella()).thenThrows('APPALTO_GIA_CANCELLATO', 'conflict');
  });

  it.each([
    // A conferma in flight is withdrawn instead (ritiro.spec.ts).
    ['the publication', proceduraAperta('PUBBLICAZIONE_RICHIESTA')],
    ['another cancellation', [...proceduraAperta('CONF'), cancellazioneRichiesta('Altro', 'altra')]],
    ['a modifica-avviso', [...proceduraAperta('IN_ATT_PUBB'), modificaAvvisoRichiesta()]],
  ])('OPERAZIONE_IN_CORSO: while %s is in flight (409)', (_caso, storia) => {
    decider().given(storia).when(cancella()).thenThrows('OPERAZIONE_IN_CORSO', 'conflict');
  });
});

describe('RegistraCancellazione: cancella-appalto OK', () => {
  it('cancels with the motivo of the request', () => {
    decider().given([...proceduraAperta('CONF'), cancellazioneRichiesta('Decisione dell\'amministrazione')]).when({ type: 'RegistraCancellazione' }).then([appaltoCancellato("Decisione dell'amministrazione")]);
  });

  it('again changes nothing', () => {
    decider().given([...proceduraAperta('CONF'), cancellazioneRichiesta(), appaltoCancellato()]).when({ type: 'RegistraCancellazione' }).then([]);
  });

  it('OPERAZIONE_NON_IN_CORSO: no cancellation in flight (409)', () => {
    decider().given(proceduraAperta('CONF')).when({ type: 'RegistraCancellazione' }).thenThrows('OPERAZIONE_NON_IN_CORSO', 'conflict');
  });
});

describe('RegistraEliminazioneAnac: ANAC deleted a confirmed appalto never published (90 days)', () => {
  it('a CONF appalto becomes CANC', () => {
    decider().given(proceduraAperta('CONF')).when({ type: 'RegistraEliminazioneAnac' }).then([eliminato]);
    decider().given(ad5Confermato()).when({ type: 'RegistraEliminazioneAnac' }).then([eliminato]);
    expect(stato([...proceduraAperta('CONF'), eliminato])).toMatchObject({ stato: 'CANC', motivoCancellazione: MOTIVO_ELIMINAZIONE_ANAC });
  });

  it('again changes nothing', () => {
    decider().given([...proceduraAperta('CONF'), eliminato]).when({ type: 'RegistraEliminazioneAnac' }).then([]);
  });

  it.each([
    ['IN_LAV', proceduraAperta('IN_LAV')],
    ['IN_ATT_PUBB', proceduraAperta('IN_ATT_PUBB')],
    ['PUBB', proceduraAperta('PUBB')],
  ])('ELIMINAZIONE_NON_PREVISTA: not in %s (409)', (_stato, storia) => {
    decider().given(storia).when({ type: 'RegistraEliminazioneAnac' }).thenThrows('ELIMINAZIONE_NON_PREVISTA', 'conflict');
  });
});
