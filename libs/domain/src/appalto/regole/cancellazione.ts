import { conflitto } from '../../shared/domain-error.js';
import { verificaMotivo } from '../../shared/motivo.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import type { AppaltoState } from '../state.js';
import type { StatoAppalto } from '../types.js';
import { richiediRitiro } from './ritiro.js';
import { type Comando, DESCRIZIONE_STATO, esistente, giaRichiesta, inCorso, ora, senzaOperazioni } from './guards.js';

/** Once pubblica-avviso was called ANAC refuses cancella-appalto (ERR16: not allowed in this state). */
const DOPO_PUBBLICAZIONE: readonly StatoAppalto[] = ['IN_ATT_PUBB', 'PUBB', 'IN_STOP_PUBB'];

/**
 * A draft, or a request ANAC does not know, is cancelled at once; one known to ANAC (IN_LAV,
 * CONF: DESIGN §2) is cancelled by the process manager with cancella-appalto; one whose conferma
 * is still with ANAC is withdrawn (rules/ritiro.ts).
 */
export function cancellaAppalto(c: Comando<'CancellaAppalto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (giaRichiesta(s, 'CANCELLAZIONE', c.richiestaId)) return [];
  const motivo = verificaMotivo(c.motivo);
  if (s.stato === 'CANC') throw conflitto('APPALTO_GIA_CANCELLATO', "L'appalto è già cancellato");
  if (s.operazioneInCorso?.operazione === 'CONFERMA') return richiediRitiro(c, s, motivo, context);
  senzaOperazioni(s);
  if (DOPO_PUBBLICAZIONE.includes(s.stato)) {
    throw conflitto('CANCELLAZIONE_NON_CONSENTITA', `Non è possibile cancellare un appalto ${DESCRIZIONE_STATO[s.stato]}: la pubblicazione è già stata richiesta`, { stato: s.stato });
  }
  const il = ora(context);
  if (s.idAppaltoAnac === undefined) return [{ type: 'AppaltoCancellato', data: { motivo, il } }];
  return [{ type: 'CancellazioneRichiesta', data: { motivo, richiestaId: c.richiestaId, il } }];
}

/** cancella-appalto OK. */
export function registraCancellazione(_c: Comando<'RegistraCancellazione'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (s.stato === 'CANC') return [];
  const op = inCorso(s, 'CANCELLAZIONE');
  return [{ type: 'AppaltoCancellato', data: { motivo: op.motivo ?? '', il: ora(context) } }];
}

/** ANAC deletes a confirmed appalto never published within 90 days: only a CONF one can vanish. */
export function registraEliminazioneAnac(_c: Comando<'RegistraEliminazioneAnac'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (s.stato === 'CANC') return [];
  if (s.stato !== 'CONF') {
    throw conflitto('ELIMINAZIONE_NON_PREVISTA', `ANAC elimina solo appalti confermati e non pubblicati: l'appalto è ${DESCRIZIONE_STATO[s.stato]}`, { stato: s.stato });
  }
  return [{ type: 'AppaltoEliminatoDaAnac', data: { il: ora(context) } }];
}
