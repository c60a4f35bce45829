import { verificaRegola } from '../regole/tabella-regole.js';
import type { AppaltoEventOf } from './events.js';
import { esistente } from './regole/guards.js';
import type { AppaltoState } from './state.js';
import type { Persona } from './types.js';

export interface OpzioniCopia {
  readonly nuovoId: string;
  readonly now: Date;
  readonly creatoDa: Persona;
}

/**
 * Manuale START Richiedi CIG "copia": a new request with the same data, lots (same identifiers, with their
 * award) and classification, from any state of the source, cancelled included. Nothing of
 * ANAC comes along (no ids, no CIGs), nor the link to the source's procedure. The event is the
 * first of the NEW stream; the copy is a new PCP request, so PCP must be in force.
 */
export function copiaAppalto(state: AppaltoState, { nuovoId, now, creatoDa }: OpzioniCopia): AppaltoEventOf<'AppaltoCopiato'> {
  const s = esistente(state);
  verificaRegola('PCP_ACQUISIZIONE_CIG', now);
  const { idProcedura: _collegata, ...datiGara } = s.datiGara;
  return {
    type: 'AppaltoCopiato',
    data: {
      appaltoId: nuovoId,
      regime: 'PCP',
      scheda: s.scheda,
      tipoProcedura: s.tipoProcedura,
      stazioneAppaltante: s.stazioneAppaltante,
      centroDiCosto: s.centroDiCosto,
      ufficio: s.ufficio,
      rup: s.rup,
      creatoDa,
      datiGara,
      creatoIl: now.toISOString(),
      copiaDi: s.appaltoId,
      lotti: s.lotti,
      classificazione: s.classificazione,
    },
  };
}
