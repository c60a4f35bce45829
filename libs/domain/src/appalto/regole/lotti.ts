import { nonTrovato, nonValido } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import { lotIdentifier, problemiDatiLotto } from '../lotto.js';
import type { AppaltoEsistente, AppaltoState } from '../state.js';
import type { DatiLotto } from '../types.js';
import { type Comando, modificabile, ora } from './guards.js';

/** Lot identifiers come from a counter that only grows: a removed lot's id is never given again. */
export function aggiungiLotto(c: Comando<'AggiungiLotto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = modificabile(state);
  const identificativo = lotIdentifier(s.prossimoLotto);
  verificaDatiLotto(c.dati, identificativo);
  return [{ type: 'LottoAggiunto', data: { lotto: { ...c.dati, lotIdentifier: identificativo }, il: ora(context) } }];
}

export function modificaLotto(c: Comando<'ModificaLotto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = modificabile(state);
  lottoEsistente(s, c.lotIdentifier);
  verificaDatiLotto(c.dati, c.lotIdentifier);
  return [{ type: 'LottoModificato', data: { lotIdentifier: c.lotIdentifier, dati: c.dati, il: ora(context) } }];
}

export function rimuoviLotto(c: Comando<'RimuoviLotto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = modificabile(state);
  lottoEsistente(s, c.lotIdentifier);
  return [{ type: 'LottoRimosso', data: { lotIdentifier: c.lotIdentifier, il: ora(context) } }];
}

function lottoEsistente(s: AppaltoEsistente, identificativo: string): void {
  if (!s.lotti.some((l) => l.lotIdentifier === identificativo)) throw nonTrovato('LOTTO_NON_TROVATO', `Il lotto ${identificativo} non esiste in questo appalto`);
}

function verificaDatiLotto(dati: DatiLotto, identificativo: string): void {
  const problemi = problemiDatiLotto(dati, identificativo);
  if (problemi.length > 0) throw nonValido('DATI_LOTTO_NON_VALIDI', `I dati del lotto ${identificativo} contengono errori`, problemi);
}
