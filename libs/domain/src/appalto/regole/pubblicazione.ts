import { conflitto } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import type { AppaltoState } from '../state.js';
import type { TipoProcedura } from '../types.js';
import { type Comando, DESCRIZIONE_STATO, esistente, giaRichiesta, inCorso, ora, senzaOperazioni } from './guards.js';

/** Procedures with an avviso to publish; a direct award ends at the award (manuale START Richiedi CIG). */
export const PROCEDURE_PUBBLICATE: readonly TipoProcedura[] = ['APERTA', 'RISTRETTA', 'NEGOZIATA'];

/** pubblica-avviso: a confirmed open, restricted or negotiated procedure, nothing in flight. */
export function richiediPubblicazione(c: Comando<'RichiediPubblicazione'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (!PROCEDURE_PUBBLICATE.includes(s.tipoProcedura)) {
    throw conflitto('PUBBLICAZIONE_NON_PREVISTA', `La pubblicazione non è prevista per la procedura ${s.tipoProcedura}: il CIG è disponibile al termine dell'affidamento`);
  }
  if (giaRichiesta(s, 'PUBBLICAZIONE', c.richiestaId)) return [];
  if (s.stato !== 'CONF') {
    throw conflitto('PUBBLICAZIONE_NON_CONSENTITA', `Si pubblica solo un appalto confermato: l'appalto è ${DESCRIZIONE_STATO[s.stato]}`, { stato: s.stato });
  }
  senzaOperazioni(s);
  return [{ type: 'PubblicazioneRichiesta', data: { richiestaId: c.richiestaId, il: ora(context) } }];
}

/** ANAC answered "Avviso in pubblicazione" (manuale START Richiedi CIG, LOG TRASMISSIONI): IN_ATT_PUBB. */
export function registraAttesaPubblicazione(c: Comando<'RegistraAttesaPubblicazione'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (s.stato === 'IN_ATT_PUBB' && s.idAvviso === c.idAvviso) return [];
  inCorso(s, 'PUBBLICAZIONE', 'MODIFICA_AVVISO');
  return [{ type: 'AppaltoInAttesaPubblicazione', data: { idAvviso: c.idAvviso, il: ora(context) } }];
}

/** The avviso is published: the CIGs of open, restricted and negotiated procedures become available. */
export function registraPubblicazione(c: Comando<'RegistraPubblicazione'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (s.stato === 'PUBB' && s.idAvviso === c.idAvviso) return [];
  if (s.stato !== 'IN_ATT_PUBB') inCorso(s, 'PUBBLICAZIONE');
  return [{ type: 'AppaltoPubblicato', data: { idAvviso: c.idAvviso, il: ora(context) } }];
}
