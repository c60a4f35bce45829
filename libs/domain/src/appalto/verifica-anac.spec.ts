import { fold } from '../shared/decider.js';
import { spec } from '../shared/testing/given-when-then.js';
import { appaltoDecider } from './decider.js';
import { statoRichiesta } from './selectors.js';
import type { AppaltoEvent } from './events.js';
import type { AppaltoEsistente } from './state.js';
import { ad5Valido, contesto, ID_ANAC, IL } from './testing/mothers.js';

const richiesta: AppaltoEvent = { type: 'VerificaAnacRichiesta', data: { richiestaId: 'v-1', il: IL } };
const stato = (eventi: AppaltoEvent[]) => fold(appaltoDecider, eventi) as AppaltoEsistente;
const REG99 = { codice: 'REG99', descrizione: 'Importo del lotto non coerente' };

describe('VerificaAppalto with anac: ANAC verifies the request too, next to the local verdict', () => {
  it('records the local verdict and asks ANAC, without locking the request', () => {
    const eventi = spec(appaltoDecider, contesto()).given(ad5Valido()).when({ type: 'VerificaAppalto', anac: { richiestaId: 'v-1' } });
    eventi.then([{ type: 'AppaltoVerificato', data: { esito: 'OK', problemi: [], il: IL } }, richiesta]);
    const s = stato([...ad5Valido(), richiesta]);
    expect(s.verificaAnac).toEqual({ richiestaId: 'v-1', esito: 'IN_CORSO', errori: [], richiestaIl: IL });
    expect(s.operazioneInCorso).toBeUndefined();
    expect(s.modificatoIl).toBe(stato(ad5Valido()).modificatoIl);
  });

  it('the same request again asks ANAC once; another while ANAC verifies is refused; a request in flight or sent is refused', () => {
    spec(appaltoDecider, contesto()).given([...ad5Valido(), richiesta]).when({ type: 'VerificaAppalto', anac: { richiestaId: 'v-1' } })
      .then([{ type: 'AppaltoVerificato', data: { esito: 'OK', problemi: [], il: IL } }]);
    spec(appaltoDecider, contesto()).given([...ad5Valido(), richiesta]).when({ type: 'VerificaAppalto', anac: { richiestaId: 'v-2' } }).thenThrows('VERIFICA_ANAC_IN_CORSO', 'conflict');
    const inviato: AppaltoEvent = { type: 'AppaltoInviato', data: { richiestaId: 'r-1', il: IL } };
    spec(appaltoDecider, contesto()).given([...ad5Valido(), inviato]).when({ type: 'VerificaAppalto', anac: { richiestaId: 'v-1' } }).thenThrows('VERIFICA_ANAC_NON_AMMESSA', 'conflict');
  });

  it('crea-appalto for the verification records the ANAC id; the verdict is recorded once, only for the request awaited', () => {
    spec(appaltoDecider, contesto()).given([...ad5Valido(), richiesta]).when({ type: 'RegistraAppaltoAnac', idAppaltoAnac: ID_ANAC })
      .then([{ type: 'AppaltoRegistratoAnac', data: { idAppaltoAnac: ID_ANAC, il: IL } }]);
    spec(appaltoDecider, contesto()).given(ad5Valido()).when({ type: 'RegistraAppaltoAnac', idAppaltoAnac: ID_ANAC }).thenThrows('OPERAZIONE_NON_IN_CORSO');
    const esito: AppaltoEvent = { type: 'VerificaAnacEseguita', data: { richiestaId: 'v-1', esito: 'KO', errori: [REG99], il: IL } };
    spec(appaltoDecider, contesto()).given([...ad5Valido(), richiesta]).when({ type: 'RegistraVerificaAnac', richiestaId: 'v-1', esito: 'KO', errori: [REG99] }).then([esito]);
    spec(appaltoDecider, contesto()).given([...ad5Valido(), richiesta, esito]).when({ type: 'RegistraVerificaAnac', richiestaId: 'v-1', esito: 'KO', errori: [REG99] }).then([]);
    spec(appaltoDecider, contesto()).given([...ad5Valido(), richiesta]).when({ type: 'RegistraVerificaAnac', richiestaId: 'v-0', esito: 'OK', errori: [] }).then([]);
    expect(stato([...ad5Valido(), richiesta, esito]).verificaAnac).toEqual({ richiestaId: 'v-1', esito: 'KO', errori: [REG99], richiestaIl: IL, il: IL });
    // ANAC holds the draft (IN_LAV) only to verify it: for the listing it is still a Bozza, until it is sent.
    const registrato: AppaltoEvent = { type: 'AppaltoRegistratoAnac', data: { idAppaltoAnac: ID_ANAC, il: IL } };
    expect(statoRichiesta(stato([...ad5Valido(), richiesta, registrato]))).toBe('Bozza');
    expect(statoRichiesta(stato([...ad5Valido(), richiesta, registrato, { type: 'AppaltoInviato', data: { richiestaId: 'r-1', il: IL } }]))).toBe('Richiesta');
  });

  it('ANAC refusing the appalto during the verification is its KO verdict, not a respinta of the request', () => {
    spec(appaltoDecider, contesto()).given([...ad5Valido(), richiesta]).when({ type: 'RegistraRespinta', operazione: 'VERIFICA', errori: [REG99] })
      .then([{ type: 'VerificaAnacEseguita', data: { richiestaId: 'v-1', esito: 'KO', errori: [REG99], il: IL } }]);
  });
});
