import { conflitto } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import type { AppaltoEsistente, AppaltoState } from '../state.js';
import { type Comando, esistente, inCorso, ora } from './guards.js';

/**
 * Withdrawal of a request ANAC is still working on. A conferma cannot be stopped at ANAC (it
 * refuses cancella-appalto while a conferma runs: ERR18), so the office's request is recorded
 * (`RitiroRichiesto`, with who asked and why) and carried out as soon as ANAC allows:
 * - the conferma never reached ANAC: the process manager does not send it (`RegistraRitiro`);
 * - it did: when its esito comes (OK, or KO) the appalto asks for cancella-appalto at once.
 * Until then the request shows "ritiro richiesto".
 */
export function richiediRitiro(c: Comando<'CancellaAppalto'>, s: AppaltoEsistente, motivo: string, context: AppaltoContext): AppaltoEvent[] {
  inCorso(s, 'CONFERMA');
  if (s.ritiro?.richiestaId === c.richiestaId) return [];
  if (s.ritiro) throw conflitto('RITIRO_GIA_RICHIESTO', `Il ritiro della richiesta è già stato chiesto il ${s.ritiro.il} da ${s.ritiro.richiestoDa.nome}`, { richiestoIl: s.ritiro.il });
  const { userId, nome, codiceFiscale } = c.richiestoDa;
  return [{ type: 'RitiroRichiesto', data: { motivo, richiestaId: c.richiestaId, richiestoDa: { userId, nome, codiceFiscale }, il: ora(context) } }];
}

/** The conferma was stopped before reaching ANAC: cancel here, or at ANAC if it knows the appalto (IN_LAV). */
export function registraRitiro(_c: Comando<'RegistraRitiro'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (!s.ritiro || s.stato === 'CANC') return [];
  if (s.operazioneInCorso?.operazione === 'CANCELLAZIONE') return [];
  inCorso(s, 'CONFERMA');
  return eseguiRitiro(s, context);
}

/**
 * The events that carry out a pending withdrawal once the conferma is over (or never sent): an
 * appalto ANAC knows is cancelled there (CancellazioneRichiesta: the process manager calls
 * cancella-appalto); one it never knew is cancelled here.
 */
export function eseguiRitiro(s: AppaltoEsistente, context: AppaltoContext): AppaltoEvent[] {
  if (!s.ritiro) return [];
  const { motivo, richiestaId } = s.ritiro;
  const il = ora(context);
  if (s.idAppaltoAnac === undefined) return [{ type: 'AppaltoCancellato', data: { motivo, il } }];
  return [{ type: 'CancellazioneRichiesta', data: { motivo, richiestaId, il } }];
}
