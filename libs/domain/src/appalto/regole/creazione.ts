import { conflitto, nonValido, regola, type Problema } from '../../shared/domain-error.js';
import { isImporto } from '../../shared/importo.js';
import { verificaRegola } from '../../regole/tabella-regole.js';
import type { AppaltoContext } from '../commands.js';
import type { AppaltoEvent } from '../events.js';
import { verificaRup } from '../rup.js';
import type { AppaltoState } from '../state.js';
import type { CodiceScheda, DatiGara, TipoProcedura } from '../types.js';
import { centroDiCosto, persona, stazioneAppaltante } from '../valori.js';
import { type Comando, modificabile, ora } from './guards.js';

/** Which procedures each PCP form describes (ANAC codiceScheda; AD = affidamento diretto). */
const PROCEDURE_DELLA_SCHEDA: Readonly<Record<CodiceScheda, readonly TipoProcedura[]>> = {
  AD5: ['AFFIDAMENTO_DIRETTO'],
  AD3: ['AFFIDAMENTO_DIRETTO'],
  P2_16: ['APERTA', 'RISTRETTA', 'NEGOZIATA'],
  P1_16: ['APERTA', 'RISTRETTA', 'NEGOZIATA'],
  P5: ['AFFIDAMENTO_DIRETTO', 'APERTA', 'RISTRETTA', 'NEGOZIATA'],
};

export function creaAppalto(c: Comando<'CreaAppalto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  if (state.esiste) throw conflitto('APPALTO_ESISTENTE', `L'appalto ${c.appaltoId} esiste già`);
  verificaFormatoDatiGara(c.datiGara);
  // PCP is the only regime for new CIGs from 1 January 2024 (tabella-regole).
  verificaRegola('PCP_ACQUISIZIONE_CIG', context.now);
  if (!PROCEDURE_DELLA_SCHEDA[c.scheda].includes(c.tipoProcedura)) {
    throw regola('SCHEDA_NON_COERENTE', `La scheda ${c.scheda} non è coerente con la procedura ${c.tipoProcedura}: ammesse ${PROCEDURE_DELLA_SCHEDA[c.scheda].join(', ')}`);
  }
  verificaRup(c.rup, c.centroDiCosto, context);
  const { appaltoId, scheda, tipoProcedura, ufficio, datiGara } = c;
  const soggetti = { stazioneAppaltante: stazioneAppaltante(c.stazioneAppaltante), centroDiCosto: centroDiCosto(c.centroDiCosto), rup: persona(c.rup), creatoDa: persona(c.creatoDa) };
  return [{ type: 'AppaltoCreato', data: { appaltoId, regime: 'PCP', scheda, tipoProcedura, ufficio, ...soggetti, datiGara, creatoIl: ora(context) } }];
}

export function modificaAppalto(c: Comando<'ModificaAppalto'>, state: AppaltoState, context: AppaltoContext): AppaltoEvent[] {
  const s = modificabile(state);
  verificaFormatoDatiGara(c.datiGara);
  verificaProceduraInvariata(s.idProcedura, c.datiGara.idProcedura);
  verificaRup(c.rup, c.centroDiCosto, context);
  return [{ type: 'AppaltoModificato', data: { datiGara: c.datiGara, rup: persona(c.rup), centroDiCosto: centroDiCosto(c.centroDiCosto), modificatoIl: ora(context) } }];
}

/** One request belongs to one procedure of the platform (manuale START Richiedi CIG: both flows link them once). */
export function verificaProceduraInvariata(collegata: string | undefined, nuova: string | undefined): void {
  if (collegata !== undefined && nuova !== undefined && nuova !== collegata) {
    throw conflitto('PROCEDURA_GIA_COLLEGATA', `La richiesta è già collegata alla procedura ${collegata}`, { idProcedura: collegata });
  }
}

/**
 * Only what would make the data unusable is refused on entry (400); what is merely incomplete
 * is reported by the verification, section by section.
 */
export function verificaFormatoDatiGara(datiGara: DatiGara): void {
  const problemi: Problema[] = [];
  if (datiGara.importoComplessivo !== undefined && !isImporto(datiGara.importoComplessivo)) {
    problemi.push({
      sezione: 'dati di gara',
      campo: 'datiGara.importoComplessivo',
      codice: 'IMPORTO_NON_VALIDO',
      messaggio: `L'importo complessivo "${datiGara.importoComplessivo}" non è un importo in euro valido`,
    });
  }
  if (datiGara.idProcedura !== undefined && datiGara.idProcedura.trim().length === 0) {
    problemi.push({ sezione: 'dati di gara', campo: 'datiGara.idProcedura', codice: 'ID_PROCEDURA_NON_VALIDO', messaggio: "L'identificativo della procedura non può essere vuoto" });
  }
  if (problemi.length > 0) throw nonValido('DATI_GARA_NON_VALIDI', 'I dati di gara contengono errori', problemi);
}
