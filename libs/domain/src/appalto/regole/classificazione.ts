import { nonValido } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import { problemiClassificazione } from '../cpv.js';
import type { AppaltoEvent } from '../events.js';
import type { AppaltoState } from '../state.js';
import { type Comando, modificabile, ora } from './guards.js';

/**
 * The classification is set as a whole and must be complete on entry (manuale START Richiedi CIG: "almeno una
 * categoria principale di terzo livello"; ANAC REG65, REG66, REG116).
 */
export function impostaClassificazione(
  c: Comando<'ImpostaClassificazione'>,
  state: AppaltoState,
  context: AppaltoContext,
): AppaltoEvent[] {
  modificabile(state);
  const problemi = problemiClassificazione(c.cpv);
  if (problemi.length > 0) throw nonValido('CLASSIFICAZIONE_NON_VALIDA', 'La classificazione CPV contiene errori', problemi);
  return [{ type: 'ClassificazioneImpostata', data: { cpv: c.cpv, il: ora(context) } }];
}
