import { fold } from '../shared/decider.js';
import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import type { AppaltoEvent } from './events.js';
import type { AppaltoEsistente } from './state.js';
import {
  ad5Confermato,
  appaltoCreato,
  appaltoInAttesaPubblicazione,
  appaltoPubblicato,
  contesto,
  ID_AVVISO,
  modificaAvvisoRichiesta,
  proceduraAperta,
  pubblicazioneRichiesta,
} from './testing/mothers.js';

const decider = () => spec(appaltoDecider, contesto());
const stato = (eventi: AppaltoEvent[]) => fold(appaltoDecider, eventi) as AppaltoEsistente;
const richiedi = (richiestaId = 'richiesta-pubblicazione') => ({ type: 'RichiediPubblicazione' as const, richiestaId });
const attesa = (idAvviso = ID_AVVISO) => ({ type: 'RegistraAttesaPubblicazione' as const, idAvviso });
const pubblicazione = (idAvviso = ID_AVVISO) => ({ type: 'RegistraPubblicazione' as const, idAvviso });

describe('RichiediPubblicazione: pubblica-avviso for a confirmed open, restricted or negotiated procedure', () => {
  it.each(['APERTA', 'RISTRETTA', 'NEGOZIATA'] as const)('%s in CONF', (tipoProcedura) => {
    const storia = [appaltoCreato({ tipoProcedura }), ...proceduraAperta('CONF').slice(1)];
    decider().given(storia).when(richiedi()).then([pubblicazioneRichiesta()]);
  });

  it('the same richiestaId again changes nothing', () => {
    decider().given(proceduraAperta('PUBBLICAZIONE_RICHIESTA')).when(richiedi()).then([]);
  });

  it('PUBBLICAZIONE_NON_PREVISTA: a direct award is not published (409)', () => {
    decider().given(ad5Confermato()).when(richiedi()).thenThrows('PUBBLICAZIONE_NON_PREVISTA', 'conflict');
  });

  it.each([
    ['BOZZA', proceduraAperta('BOZZA')],
    ['IN_LAV', proceduraAperta('IN_LAV')],
    ['IN_ATT_PUBB', proceduraAperta('IN_ATT_PUBB')],
    ['PUBB', proceduraAperta('PUBB')],
  ])('PUBBLICAZIONE_NON_CONSENTITA: not in %s (409)', (_stato, storia) => {
    decider().given(storia).when(richiedi('altra')).thenThrows('PUBBLICAZIONE_NON_CONSENTITA', 'conflict');
  });

  it('OPERAZIONE_IN_CORSO: another request while the publication is in flight (409)', () => {
    decider().given(proceduraAperta('PUBBLICAZIONE_RICHIESTA')).when(richiedi('altra')).thenThrows('OPERAZIONE_IN_CORSO', 'conflict');
  });
});

describe('RegistraAttesaPubblicazione: "Avviso in pubblicazione", state IN_ATT_PUBB', () => {
  it('during the publication; the call is over', () => {
    decider().given(proceduraAperta('PUBBLICAZIONE_RICHIESTA')).when(attesa()).then([appaltoInAttesaPubblicazione()]);
    expect(stato(proceduraAperta('IN_ATT_PUBB'))).toMatchObject({ stato: 'IN_ATT_PUBB', idAvviso: ID_AVVISO, operazioneInCorso: undefined });
  });

  it('during a modifica-avviso, which goes on until its new CIGs', () => {
    const storia = [...proceduraAperta('IN_ATT_PUBB'), modificaAvvisoRichiesta()];
    decider().given(storia).when(attesa('avviso-0002')).then([appaltoInAttesaPubblicazione('avviso-0002')]);
    expect(stato([...storia, appaltoInAttesaPubblicazione('avviso-0002')]).operazioneInCorso?.operazione).toBe('MODIFICA_AVVISO');
  });

  it('the same avviso again changes nothing (idempotent)', () => {
    decider().given(proceduraAperta('IN_ATT_PUBB')).when(attesa()).then([]);
  });

  it('OPERAZIONE_NON_IN_CORSO: without a publication or modifica in flight (409)', () => {
    decider().given(proceduraAperta('CONF')).when(attesa()).thenThrows('OPERAZIONE_NON_IN_CORSO', 'conflict');
  });
});

describe('RegistraPubblicazione: the avviso is published, state PUBB', () => {
  it('from IN_ATT_PUBB', () => {
    decider().given(proceduraAperta('IN_ATT_PUBB')).when(pubblicazione()).then([appaltoPubblicato()]);
  });

  it('straight from the publication in flight, clearing it', () => {
    decider().given(proceduraAperta('PUBBLICAZIONE_RICHIESTA')).when(pubblicazione()).then([appaltoPubblicato()]);
    expect(stato([...proceduraAperta('PUBBLICAZIONE_RICHIESTA'), appaltoPubblicato()])).toMatchObject({ stato: 'PUBB', operazioneInCorso: undefined });
  });

  it('the same publication again changes nothing (idempotent)', () => {
    decider().given(proceduraAperta('PUBB')).when(pubblicazione()).then([]);
  });

  it('OPERAZIONE_NON_IN_CORSO: a CONF appalto with no publication requested (409)', () => {
    decider().given(proceduraAperta('CONF')).when(pubblicazione()).thenThrows('OPERAZIONE_NON_IN_CORSO', 'conflict');
  });
});
