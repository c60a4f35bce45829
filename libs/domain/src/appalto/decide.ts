import type { AppaltoCommand, AppaltoContext } from './commands.js';
import type { AppaltoEvent } from './events.js';
import { cancellaAppalto, registraCancellazione, registraEliminazioneAnac } from './regole/cancellazione.js';
import { impostaClassificazione } from './regole/classificazione.js';
import { creaAppalto, modificaAppalto } from './regole/creazione.js';
import { registraAppaltoAnac, registraConferma, registraRespinta } from './regole/esiti-anac.js';
import { inviaAppalto, registraVerificaAnac, verificaAppalto } from './regole/invio.js';
import { aggiungiLotto, modificaLotto, rimuoviLotto } from './regole/lotti.js';
import { registraModificaAvviso, richiediModificaAvviso } from './regole/modifica-avviso.js';
import { collegaProcedura } from './regole/procedura.js';
import { registraAttesaPubblicazione, registraPubblicazione, richiediPubblicazione } from './regole/pubblicazione.js';
import { registraRitiro } from './regole/ritiro.js';
import type { AppaltoState } from './state.js';

/** Decides a command against the current state: the new events, or a DomainError. One rule per command. */
export function decide(c: AppaltoCommand, s: AppaltoState, x: AppaltoContext): AppaltoEvent[] {
  switch (c.type) {
    case 'CreaAppalto':
      return creaAppalto(c, s, x);
    case 'ModificaAppalto':
      return modificaAppalto(c, s, x);
    case 'AggiungiLotto':
      return aggiungiLotto(c, s, x);
    case 'ModificaLotto':
      return modificaLotto(c, s, x);
    case 'RimuoviLotto':
      return rimuoviLotto(c, s, x);
    case 'ImpostaClassificazione':
      return impostaClassificazione(c, s, x);
    case 'CollegaProcedura':
      return collegaProcedura(c, s, x);
    case 'VerificaAppalto':
      return verificaAppalto(c, s, x);
    case 'InviaAppalto':
      return inviaAppalto(c, s, x);
    case 'RegistraAppaltoAnac':
      return registraAppaltoAnac(c, s, x);
    case 'RegistraConferma':
      return registraConferma(c, s, x);
    case 'RegistraRespinta':
      return registraRespinta(c, s, x);
    case 'RegistraVerificaAnac':
      return registraVerificaAnac(c, s, x);
    case 'RichiediPubblicazione':
      return richiediPubblicazione(c, s, x);
    case 'RegistraAttesaPubblicazione':
      return registraAttesaPubblicazione(c, s, x);
    case 'RegistraPubblicazione':
      return registraPubblicazione(c, s, x);
    case 'RichiediModificaAvviso':
      return richiediModificaAvviso(c, s, x);
    case 'RegistraModificaAvviso':
      return registraModificaAvviso(c, s, x);
    case 'CancellaAppalto':
      return cancellaAppalto(c, s, x);
    case 'RegistraCancellazione':
      return registraCancellazione(c, s, x);
    case 'RegistraEliminazioneAnac':
      return registraEliminazioneAnac(c, s, x);
    case 'RegistraRitiro':
      return registraRitiro(c, s, x);
    default: {
      const _exhaustive: never = c;
      return [];
    }
  }
}
