import { nonValido } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import type { AppaltoState } from '../state.js';
import { verificaProceduraInvariata } from './creazione.js';
import { type Comando, nonCancellato, ora } from './guards.js';

/**
 * Manuale START Richiedi CIG, flow "richiesta CIG first, procedure later": the request is linked to the
 * procedure once it exists, in any state but cancelled. The other flow ("procedure first")
 * gives datiGara.idProcedura at creation.
 */
export function collegaProcedura(c: Comando<'CollegaProcedura'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = nonCancellato(state, 'APPALTO_CANCELLATO', 'collegare una procedura');
  if (c.idProcedura.trim().length === 0) throw nonValido('ID_PROCEDURA_NON_VALIDO', "L'identificativo della procedura non può essere vuoto");
  if (s.idProcedura === c.idProcedura) return [];
  verificaProceduraInvariata(s.idProcedura, c.idProcedura);
  return [{ type: 'ProceduraCollegata', data: { idProcedura: c.idProcedura, il: ora(context) } }];
}
