import { conflitto, nonValido, regola } from '../shared/domain-error.js';
import { verificaMotivo } from '../shared/motivo.js';
import type { CigCommand, CigContext } from './commands.js';
import type { CigEvent } from './events.js';
import type { CigEsistente, CigState } from './state.js';
import { esistente, ora, valido, type Comando } from './guards.js';
import { cancellaCigSimog, perfezionaCigSimog, registraEsitoAnnullamento, richiediAnnullamento, scadenzaCig } from './regole/simog.js';
import { annullaSmartCig, famigliaCoerente, modificaSmartCig, registraSmartCig } from './regole/smart-cig.js';

/** A code is assigned once; the same assignment recorded again (a retry) changes nothing. */
function assegnaCig(c: Comando<'AssegnaCig'>, state: CigState, context: CigContext): CigEvent[] {
  const { type: _t, ...dati } = c;
  if (state.esiste) {
    const stesso = (['cig', 'regime', 'appaltoId', 'lotIdentifier', 'idAppaltoAnac', 'sostituisce'] as const).every((k) => state[k] === dati[k]);
    if (stesso) return [];
    throw conflitto('CIG_GIA_ASSEGNATO', `Il CIG ${c.cig} è già assegnato al lotto ${state.lotIdentifier} dell'appalto ${state.appaltoId}`);
  }
  valido(c.cig, context);
  famigliaCoerente(c.cig, c.regime);
  const { cig, regime, appaltoId, lotIdentifier, idAppaltoAnac, sostituisce, richiesta } = dati;
  return [{ type: 'CigAssegnato', data: { cig, regime, appaltoId, lotIdentifier, idAppaltoAnac, sostituisce, ...(richiesta ? { richiesta } : {}), il: ora(context) } }];
}

/**
 * PCP CIGs are issued already perfected (manuale START Richiedi CIG): the handler records the perfection right
 * after the assignment. SIMOG perfection needs the publication data and comes with its rules.
 */
function perfezionaCig(_c: Comando<'PerfezionaCig'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  if (s.perfezionato) return [];
  if (s.regime !== 'PCP') throw regola('PERFEZIONAMENTO_CON_DATI', `Il CIG ${s.cig} (${s.regime}) si perfeziona con i dati di pubblicazione (avviso AVCP-SIMOG 2011)`);
  if (s.stato !== 'ASSEGNATO') throw conflitto('CIG_NON_PERFEZIONABILE', `Il CIG ${s.cig} non è perfezionabile: è ${s.stato.toLowerCase()}`, { stato: s.stato });
  return [{ type: 'CigPerfezionato', data: { cig: s.cig, il: ora(context) } }];
}

function utilizzaCig(c: Comando<'UtilizzaCig'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  if (c.idProcedura === undefined && c.idContratto === undefined) {
    throw nonValido('COLLEGAMENTO_MANCANTE', 'Indicare la procedura o il contratto a cui il CIG è collegato');
  }
  const u = s.utilizzo;
  const stessoCollegamento = u !== undefined && (c.idProcedura ?? u.idProcedura) === u.idProcedura && (c.idContratto ?? u.idContratto) === u.idContratto;
  if (stessoCollegamento) return [];
  if (s.stato === 'SOSTITUITO' || s.stato === 'CANCELLATO' || s.stato === 'ANNULLATO' || s.stato === 'SCADUTO') {
    throw conflitto('CIG_NON_UTILIZZABILE', `Il CIG ${s.cig} non è utilizzabile: è ${s.stato === 'SOSTITUITO' ? `sostituito da ${s.sostituitoDa}` : s.stato.toLowerCase()}`, { stato: s.stato });
  }
  verificaCollegamentoCompatibile(s, c);
  if (!c.disponibile) {
    throw regola(
      'CIG_NON_ANCORA_DISPONIBILE',
      `Il CIG ${s.cig} non è ancora disponibile: per le procedure aperte, negoziate o ristrette al momento della pubblicazione, per gli affidamenti diretti al termine della procedura di affidamento (manuale START Richiedi CIG)`,
    );
  }
  // Avviso AVCP-SIMOG 2011: "un CIG creato ma non perfezionato in pratica è come se non esistesse".
  if (!s.perfezionato) throw regola('CIG_NON_PERFEZIONATO', `Il CIG ${s.cig} non è perfezionato: non può essere utilizzato`);
  return [{ type: 'CigUtilizzato', data: { cig: s.cig, idProcedura: c.idProcedura, idContratto: c.idContratto, il: ora(context) } }];
}

/** A CIG identifies one lot of one procedure: once linked, it is not linked elsewhere. */
function verificaCollegamentoCompatibile(s: CigEsistente, c: Comando<'UtilizzaCig'>): void {
  const u = s.utilizzo;
  const altraProcedura = u?.idProcedura !== undefined && c.idProcedura !== undefined && c.idProcedura !== u.idProcedura;
  const altroContratto = u?.idContratto !== undefined && c.idContratto !== undefined && c.idContratto !== u.idContratto;
  if (altraProcedura || altroContratto) {
    throw conflitto('CIG_GIA_UTILIZZATO', `Il CIG ${s.cig} è già collegato a ${altraProcedura ? `la procedura ${u?.idProcedura}` : `il contratto ${u?.idContratto}`}`, { ...u });
  }
}

/** modifica-avviso supersedes the code once, by a different valid code. */
function sostituisciCig(c: Comando<'SostituisciCig'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  if (s.stato === 'SOSTITUITO' && s.sostituitoDa === c.sostituitoDa) return [];
  if (s.stato === 'SOSTITUITO') throw conflitto('CIG_GIA_SOSTITUITO', `Il CIG ${s.cig} è già stato sostituito da ${s.sostituitoDa}`);
  if (s.stato === 'CANCELLATO') throw conflitto('CIG_CANCELLATO', `Il CIG ${s.cig} è cancellato`);
  if (c.sostituitoDa === s.cig) throw nonValido('SOSTITUTO_NON_VALIDO', `Il CIG ${s.cig} non può sostituire sé stesso`);
  valido(c.sostituitoDa, context);
  return [{ type: 'CigSostituito', data: { cig: s.cig, sostituitoDa: c.sostituitoDa, il: ora(context) } }];
}

/**
 * The appalto was cancelled: its CIGs go with it. A perfected SIMOG or SmartCIG code cannot be
 * cancelled, only annulled on request to the Authority (avviso AVCP-SIMOG 2011).
 */
function cancellaCigPerAppalto(c: Comando<'CancellaCigPerAppalto'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  const motivo = verificaMotivo(c.motivo);
  if (s.stato === 'CANCELLATO') return [];
  if (s.stato === 'SOSTITUITO') throw conflitto('CIG_GIA_SOSTITUITO', `Il CIG ${s.cig} è già stato sostituito da ${s.sostituitoDa}`);
  if (s.regime !== 'PCP' && s.perfezionato) {
    throw regola('ANNULLAMENTO_NECESSARIO', `Il CIG ${s.cig} è perfezionato: può essere solo annullato su richiesta motivata all'Autorità (avviso AVCP-SIMOG 2011)`);
  }
  return [{ type: 'CigCancellato', data: { cig: s.cig, motivo, il: ora(context) } }];
}

export function decide(c: CigCommand, s: CigState, x: CigContext): CigEvent[] {
  switch (c.type) {
    case 'AssegnaCig':
      return assegnaCig(c, s, x);
    case 'PerfezionaCig':
      return perfezionaCig(c, s, x);
    case 'UtilizzaCig':
      return utilizzaCig(c, s, x);
    case 'SostituisciCig':
      return sostituisciCig(c, s, x);
    case 'CancellaCigPerAppalto':
      return cancellaCigPerAppalto(c, s, x);
    case 'PerfezionaCigSimog':
      return perfezionaCigSimog(c, s, x);
    case 'CancellaCigSimog':
      return cancellaCigSimog(c, s, x);
    case 'RichiediAnnullamento':
      return richiediAnnullamento(c, s, x);
    case 'RegistraEsitoAnnullamento':
      return registraEsitoAnnullamento(c, s, x);
    case 'ScadenzaCig':
      return scadenzaCig(c, s, x);
    case 'RegistraSmartCig':
      return registraSmartCig(c, s, x);
    case 'ModificaSmartCig':
      return modificaSmartCig(c, s, x);
    case 'AnnullaSmartCig':
      return annullaSmartCig(c, s, x);
    default: {
      const _exhaustive: never = c;
      return [];
    }
  }
}
