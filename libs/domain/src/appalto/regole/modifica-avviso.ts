import { conflitto, regola } from '../../shared/domain-error.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import { campoLotto } from '../lotto.js';
import type { AppaltoEsistente, AppaltoState } from '../state.js';
import type { CigLotto } from '../types.js';
import { stessiCig, verificaCigDeiLotti } from './cig-dei-lotti.js';
import { verificaFormatoDatiGara, verificaProceduraInvariata } from './creazione.js';
import { type Comando, DESCRIZIONE_STATO, esistente, giaRichiesta, inCorso, ora, senzaOperazioni } from './guards.js';

type CigSostitutivo = CigLotto & { readonly sostituisce: string };

/**
 * modifica-avviso replaces an avviso not yet published (ANAC: only IN_ATT_PUBB), and with it
 * the CIG of every lot. New dati di gara, if any, are recorded first.
 */
export function richiediModificaAvviso(c: Comando<'RichiediModificaAvviso'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (giaRichiesta(s, 'MODIFICA_AVVISO', c.richiestaId)) return [];
  if (s.stato !== 'IN_ATT_PUBB') {
    throw conflitto('MODIFICA_AVVISO_NON_CONSENTITA', `Si modifica solo un avviso in attesa di pubblicazione: l'appalto è ${DESCRIZIONE_STATO[s.stato]}`, { stato: s.stato });
  }
  senzaOperazioni(s);
  const il = ora(context);
  const richiesta: AppaltoEvent = { type: 'ModificaAvvisoRichiesta', data: { richiestaId: c.richiestaId, il } };
  if (!c.datiGara) return [richiesta];
  verificaFormatoDatiGara(c.datiGara);
  verificaProceduraInvariata(s.idProcedura, c.datiGara.idProcedura);
  return [{ type: 'AppaltoModificato', data: { datiGara: c.datiGara, rup: s.rup, centroDiCosto: s.centroDiCosto, modificatoIl: il } }, richiesta];
}

/** ANAC replaced the CIGs: each new code replaces the lot's current one and was never used before. */
export function registraModificaAvviso(c: Comando<'RegistraModificaAvviso'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = esistente(state);
  if (!s.operazioneInCorso && s.idAvviso === c.idAvviso && stessiCig(s.cig, c.cig.map(({ lotIdentifier, cig }) => ({ lotIdentifier, cig })))) return [];
  inCorso(s, 'MODIFICA_AVVISO');
  const usati = [...s.cig, ...s.cigSostituiti].map((x) => x.cig);
  const cig = verificaCigDeiLotti(s.lotti, c.cig, context.cigValido, usati);
  verificaSostituzioni(s, cig);
  return [{ type: 'AvvisoModificato', data: { idAvviso: c.idAvviso, cig: cig.map(({ lotIdentifier, cig: codice, sostituisce }) => ({ lotIdentifier, cig: codice, sostituisce })), il: ora(context) } }];
}

function verificaSostituzioni(s: AppaltoEsistente, cig: readonly CigSostitutivo[]): void {
  const errati = cig.filter((n) => s.cig.find((attuale) => attuale.lotIdentifier === n.lotIdentifier)?.cig !== n.sostituisce);
  if (errati.length === 0) return;
  throw regola(
    'CIG_LOTTI_INCOERENTI',
    'Ogni nuovo CIG deve sostituire il CIG attuale del suo lotto',
    errati.map((n) => ({ sezione: 'lotti', campo: campoLotto(n.lotIdentifier, 'cig'), codice: 'CIG_SOSTITUITO_ERRATO', messaggio: `Il CIG ${n.sostituisce} non è il CIG attuale del lotto ${n.lotIdentifier}` })),
  );
}
