import type { Regime } from '../../shared/vocabolario.js';
import { conflitto, regola } from '../../shared/domain-error.js';
import { verificaRegola } from '../../regole/tabella-regole.js';
import { verificaSogliaSmartCig } from '../../regole/soglie-smartcig.js';
import { verificaDatiSmartCig } from '../../smart-cig/dati.js';
import type { DatiSmartCig } from '../../smart-cig/types.js';
import type { CigContext } from '../commands.js';
import type { CigEvent } from '../events.js';
import { esistente, ora, valido, type Comando } from '../guards.js';
import type { CigEsistente, CigState } from '../state.js';

/** Rules of single SmartCIGs (nota SMART CIG 2011): request with the minimal data, modify, annul the communication. */

/** SmartCIGs are X/Y/Z codes, SIMOG ones numeric or A–U (algoritmoValidazioneCIG.md). */
export function famigliaCoerente(cig: string, regime: Regime): void {
  const smart = /^[XYZ]/.test(cig);
  if (regime === 'SMARTCIG' && !smart) throw regola('FAMIGLIA_CIG_NON_COERENTE', `Il codice ${cig} non è uno SmartCIG (prefisso X, Y o Z)`);
  if (regime === 'SIMOG' && smart) throw regola('FAMIGLIA_CIG_NON_COERENTE', `Il codice ${cig} è uno SmartCIG, non un CIG SIMOG`);
}

function smartCig(s: CigEsistente): void {
  if (s.regime !== 'SMARTCIG') throw regola('OPERAZIONE_SOLO_SMARTCIG', `Il CIG ${s.cig} è ${s.regime}: l'operazione riguarda gli SmartCIG (nota SMART CIG 2011)`);
}

const stessiDati = (a: DatiSmartCig | undefined, b: DatiSmartCig) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/** "Conferma ed ottieni CIG" (nota SMART CIG 2011): the code ANAC issued, with the data communicated with the request. */
export function registraSmartCig(c: Comando<'RegistraSmartCig'>, state: CigState, context: CigContext): CigEvent[] {
  if (state.esiste) {
    if (state.regime === 'SMARTCIG' && state.appaltoId === c.appaltoId) return [];
    throw conflitto('CIG_GIA_ASSEGNATO', `Il CIG ${c.cig} è già registrato`);
  }
  valido(c.cig, context);
  famigliaCoerente(c.cig, 'SMARTCIG');
  const dati = verificaDatiSmartCig(c.dati, context.cigValido);
  verificaSogliaSmartCig(dati, context.now);
  const il = ora(context);
  return [
    { type: 'CigAssegnato', data: { cig: c.cig, regime: 'SMARTCIG', appaltoId: c.appaltoId, lotIdentifier: c.cig, richiesta: c.richiesta, il } },
    { type: 'CigComunicato', data: { cig: c.cig, dati, modifica: false, il } },
  ];
}

/** "Modificare" (nota SMART CIG 2011): new data, checked against the threshold of the day. */
export function modificaSmartCig(c: Comando<'ModificaSmartCig'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  smartCig(s);
  const dati = verificaDatiSmartCig(c.dati, context.cigValido);
  if (s.stato === 'ANNULLATO') throw conflitto('CIG_ANNULLATO', `La comunicazione dello SmartCIG ${s.cig} è annullata`);
  if (stessiDati(s.datiSmartCig, dati)) return [];
  verificaSogliaSmartCig(dati, context.now);
  return [{ type: 'CigComunicato', data: { cig: s.cig, dati, modifica: true, il: ora(context) } }];
}

/** "Annullare la comunicazione" (nota SMART CIG 2011): the SmartCIG is annulled. */
export function annullaSmartCig(c: Comando<'AnnullaSmartCig'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  smartCig(s);
  if (s.stato === 'ANNULLATO') return [];
  verificaRegola('SMARTCIG', context.now);
  return [{ type: 'CigAnnullato', data: { cig: s.cig, motivo: c.motivo?.trim() || 'Comunicazione annullata', il: ora(context) } }];
}
