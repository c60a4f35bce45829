import { conflitto } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import type { AppaltoEsistente, AppaltoState } from '../state.js';
import { stessiCig, verificaCigDeiLotti } from './cig-dei-lotti.js';
import { type Comando, esistente, inCorso, ora } from './guards.js';
import { registraVerificaAnac } from './invio.js';
import { eseguiRitiro } from './ritiro.js';

/**
 * What the ANAC process manager observed. ANAC's answers may be recorded twice (retries after
 * a restart), so recording the same fact again produces no events.
 */
export function registraAppaltoAnac(c: Comando<'RegistraAppaltoAnac'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (s.idAppaltoAnac === c.idAppaltoAnac) return [];
  verificaStessoIdAnac(s, c.idAppaltoAnac);
  // crea-appalto runs for the conferma, or first thing of a verification at ANAC.
  if (s.verificaAnac?.esito !== 'IN_CORSO') inCorso(s, 'CONFERMA');
  return [{ type: 'AppaltoRegistratoAnac', data: { idAppaltoAnac: c.idAppaltoAnac, il: ora(context) } }];
}

/** CIGs exist only after conferma OK (DESIGN §2): one valid code per lot, read with recupera-cig. */
export function registraConferma(c: Comando<'RegistraConferma'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  // Already recorded (also when a withdrawal then took the appalto on to its cancellation).
  if (s.confermatoIl !== undefined && s.idAppaltoAnac === c.idAppaltoAnac && stessiCig(s.cig, c.cig)) return [];
  inCorso(s, 'CONFERMA');
  verificaStessoIdAnac(s, c.idAppaltoAnac);
  const cig = verificaCigDeiLotti(s.lotti, c.cig, context.cigValido).map(({ lotIdentifier, cig: codice }) => ({ lotIdentifier, cig: codice }));
  const confermato: AppaltoEvent = { type: 'AppaltoConfermato', data: { idAppaltoAnac: c.idAppaltoAnac, idAvviso: c.idAvviso, cig, il: ora(context) } };
  // A withdrawal asked meanwhile: ANAC now allows cancella-appalto.
  return [confermato, ...eseguiRitiro({ ...s, idAppaltoAnac: c.idAppaltoAnac }, context)];
}

/** A KO ends the operation in flight: the request is editable again and shows ANAC's errors. */
export function registraRespinta(c: Comando<'RegistraRespinta'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  // A verification at ANAC locks nothing: ANAC refusing it is its verdict.
  if (c.operazione === 'VERIFICA') {
    const richiestaId = s.verificaAnac?.richiestaId;
    return richiestaId ? registraVerificaAnac({ type: 'RegistraVerificaAnac', richiestaId, esito: 'KO', errori: c.errori }, s, context) : [];
  }
  const ultimo = s.ultimoEsitoAnac;
  const giaRegistrata = s.operazioneInCorso?.operazione !== c.operazione && ultimo?.operazione === c.operazione && JSON.stringify(ultimo.errori) === JSON.stringify(c.errori);
  if (giaRegistrata) return [];
  inCorso(s, c.operazione);
  const respinto: AppaltoEvent = { type: 'AppaltoRespinto', data: { operazione: c.operazione, errori: c.errori, il: ora(context) } };
  return [respinto, ...(c.operazione === 'CONFERMA' ? eseguiRitiro(s, context) : [])];
}

function verificaStessoIdAnac(s: AppaltoEsistente, idAppaltoAnac: string): void {
  if (s.idAppaltoAnac !== undefined && s.idAppaltoAnac !== idAppaltoAnac) {
    throw conflitto('ID_ANAC_DIVERSO', `L'appalto è già registrato in ANAC con l'id ${s.idAppaltoAnac}, non ${idAppaltoAnac}`, { idAppaltoAnac: s.idAppaltoAnac });
  }
}
