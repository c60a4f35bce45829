import { conflitto, nonValido, regola } from '../../shared/domain-error.js';
import { formatoItaliano, giornoItaliano } from '../../regole/calendario-italiano.js';
import { regolaVigente, verificaRegola } from '../../regole/tabella-regole.js';
import type { CigContext } from '../commands.js';
import type { CigEvent } from '../events.js';
import { esistente, ora, type Comando } from '../guards.js';
import { MOTIVI_CANCELLAZIONE_SIMOG, type CodiceMotivoCancellazione, type DatiPubblicazione } from '../richiesta.js';
import type { CigEsistente, CigState } from '../state.js';

/** Rules of SIMOG CIGs (avviso AVCP-SIMOG 2011): perfection, cancellation with a reason code, annulment on request, expiry. */

const GIORNO = /^\d{4}-\d{2}-\d{2}$/;
const ULTIMO_GIORNO_SIMOG = '2023-12-31';
export const MOTIVAZIONE_MAX = 1000;
export const NOTA_MAX = 200;

function simog(s: CigEsistente, azione: string): void {
  if (s.regime !== 'SIMOG') throw regola('OPERAZIONE_SOLO_SIMOG', `Il CIG ${s.cig} è ${s.regime}: ${azione} è un'operazione dei CIG SIMOG (avviso AVCP-SIMOG 2011)`);
}

function verificaPubblicazione(p: DatiPubblicazione, oggi: string): DatiPubblicazione {
  const giornoValido = GIORNO.test(p.dataPubblicazione ?? '') && !Number.isNaN(Date.parse(`${p.dataPubblicazione}T12:00:00Z`));
  const problemi = [];
  if (!giornoValido) problemi.push({ campo: 'pubblicazione.dataPubblicazione', codice: 'DATA_PUBBLICAZIONE_NON_VALIDA', messaggio: 'Data di pubblicazione nel formato AAAA-MM-GG' });
  else if (p.dataPubblicazione > oggi) problemi.push({ campo: 'pubblicazione.dataPubblicazione', codice: 'DATA_PUBBLICAZIONE_FUTURA', messaggio: `La data di pubblicazione non può essere successiva a oggi (${formatoItaliano(oggi)})` });
  if (p.estremi !== undefined && p.estremi.length > 500) problemi.push({ campo: 'pubblicazione.estremi', codice: 'ESTREMI_TROPPO_LUNGHI', messaggio: 'Al massimo 500 caratteri' });
  if (problemi.length > 0) throw nonValido('DATI_PUBBLICAZIONE_NON_VALIDI', 'I dati di pubblicazione contengono errori', problemi.map((x) => ({ ...x, sezione: 'dati di gara' as const })));
  return { dataPubblicazione: p.dataPubblicazione, ...(p.estremi ? { estremi: p.estremi } : {}), ...(p.scadenzaOfferte ? { scadenzaOfferte: p.scadenzaOfferte } : {}) };
}

/**
 * Until 31/12/2023 SIMOG perfects any of its CIGs; from 1/1/2024 only those of procedures published
 * by 31/12/2023 (SIMOG_SOLO_PERFEZIONAMENTO); before 26/4/2011 SIMOG did not exist.
 */
function verificaRegimePerfezionamento(p: DatiPubblicazione, now: Date): void {
  if (regolaVigente('SIMOG_ACQUISIZIONE_CIG', now)) return;
  const solo = regolaVigente('SIMOG_SOLO_PERFEZIONAMENTO', now);
  if (!solo) verificaRegola('SIMOG_ACQUISIZIONE_CIG', now);
  else if (p.dataPubblicazione > ULTIMO_GIORNO_SIMOG) {
    throw regola(
      'SIMOG_SOLO_PERFEZIONAMENTO',
      `Regola SIMOG_SOLO_PERFEZIONAMENTO: ${solo.descrizione} (fonte: ${solo.fonte}); la procedura è stata pubblicata il ${formatoItaliano(p.dataPubblicazione)}: il CIG va acquisito sulla PCP`,
    );
  }
}

export function perfezionaCigSimog(c: Comando<'PerfezionaCigSimog'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  simog(s, 'il perfezionamento con i dati di pubblicazione');
  const pubblicazione = verificaPubblicazione(c.pubblicazione, giornoItaliano(context.now));
  if (s.stato === 'PERFEZIONATO' && s.pubblicazione?.dataPubblicazione === pubblicazione.dataPubblicazione) return [];
  if (s.perfezionato) throw conflitto('CIG_GIA_PERFEZIONATO', `Il CIG ${s.cig} è già perfezionato`, { stato: s.stato });
  if (s.stato !== 'ASSEGNATO') throw conflitto('CIG_NON_PERFEZIONABILE', `Il CIG ${s.cig} non è perfezionabile: è ${s.stato.toLowerCase()}`, { stato: s.stato });
  verificaRegimePerfezionamento(pubblicazione, context.now);
  return [{ type: 'CigPerfezionato', data: { cig: s.cig, pubblicazione, il: ora(context) } }];
}

/** Avviso AVCP-SIMOG 2011: "per CIG creati ma non perfezionati è possibile procedere alla loro cancellazione … inserendo la motivazione". */
export function cancellaCigSimog(c: Comando<'CancellaCigSimog'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  simog(s, 'la cancellazione con codice motivo');
  if (!Object.hasOwn(MOTIVI_CANCELLAZIONE_SIMOG, c.codiceMotivo)) {
    throw nonValido('MOTIVO_CANCELLAZIONE_NON_VALIDO', 'Codice motivo di cancellazione: 1 duplicato, 2 errore materiale, 3 decisione dell\'amministrazione, 4 altro (con nota)', [
      { sezione: 'lotti', campo: 'codiceMotivo', codice: 'MOTIVO_CANCELLAZIONE_NON_VALIDO', messaggio: 'ammessi 1, 2, 3, 4' },
    ]);
  }
  const nota = c.nota?.trim();
  if (c.codiceMotivo === 4 && (!nota || nota.length > NOTA_MAX)) {
    throw nonValido('NOTA_OBBLIGATORIA', `Con il motivo 4 (altro) la nota è obbligatoria, al massimo ${NOTA_MAX} caratteri`, [
      { sezione: 'lotti', campo: 'nota', codice: 'NOTA_OBBLIGATORIA', messaggio: 'obbligatoria con il motivo 4' },
    ]);
  }
  if (s.stato === 'CANCELLATO' && s.codiceMotivoCancellazione === c.codiceMotivo) return [];
  if (s.stato === 'CANCELLATO') throw conflitto('CIG_GIA_CANCELLATO', `Il CIG ${s.cig} è già cancellato`);
  if (s.perfezionato) {
    throw regola('ANNULLAMENTO_NECESSARIO', `Il CIG ${s.cig} è perfezionato: può essere solo annullato su richiesta motivata all'Autorità con il documento di identità del RUP (avviso AVCP-SIMOG 2011)`);
  }
  if (s.stato !== 'ASSEGNATO') throw conflitto('CIG_NON_CANCELLABILE', `Il CIG ${s.cig} non è cancellabile: è ${s.stato.toLowerCase()}`, { stato: s.stato });
  const etichetta = MOTIVI_CANCELLAZIONE_SIMOG[c.codiceMotivo as CodiceMotivoCancellazione];
  const motivo = nota && c.codiceMotivo === 4 ? `${etichetta}: ${nota}` : etichetta;
  return [{ type: 'CigCancellato', data: { cig: s.cig, motivo, codiceMotivo: c.codiceMotivo, ...(nota ? { nota } : {}), il: ora(context) } }];
}

/** Avviso AVCP-SIMOG 2011: a perfected CIG is annulled only by request to the Authority "allegando fotocopia del documento di identità del RUP e la motivazione". */
export function richiediAnnullamento(c: Comando<'RichiediAnnullamento'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  simog(s, "l'annullamento su richiesta all'Autorità");
  const motivazione = c.motivazione.trim();
  const documento = c.documentoIdentitaRup.trim();
  const problemi = [];
  if (motivazione.length === 0 || motivazione.length > MOTIVAZIONE_MAX) problemi.push({ campo: 'motivazione', messaggio: `obbligatoria, al massimo ${MOTIVAZIONE_MAX} caratteri`, codice: 'MOTIVAZIONE_OBBLIGATORIA' });
  if (documento.length === 0 || documento.length > 200) problemi.push({ campo: 'documentoIdentitaRup', messaggio: "estremi del documento di identità del RUP obbligatori (avviso AVCP-SIMOG 2011)", codice: 'DOCUMENTO_IDENTITA_OBBLIGATORIO' });
  if (problemi.length > 0) throw nonValido('RICHIESTA_ANNULLAMENTO_NON_VALIDA', 'La richiesta di annullamento è incompleta', problemi.map((p) => ({ ...p, sezione: 'rup e centro di costo' as const })));
  if (s.annullamento?.stato === 'RICHIESTO' && s.annullamento.motivazione === motivazione && s.annullamento.documentoIdentitaRup === documento) return [];
  if (s.annullamento?.stato === 'RICHIESTO') throw conflitto('ANNULLAMENTO_IN_CORSO', `Per il CIG ${s.cig} è già in corso una richiesta di annullamento`);
  if (s.stato === 'ANNULLATO') throw conflitto('CIG_GIA_ANNULLATO', `Il CIG ${s.cig} è già annullato`);
  if (!s.perfezionato) throw regola('CANCELLAZIONE_POSSIBILE', `Il CIG ${s.cig} non è perfezionato: si cancella indicando il motivo, senza richiesta all'Autorità (avviso AVCP-SIMOG 2011)`);
  if (s.stato !== 'PERFEZIONATO') throw conflitto('CIG_NON_ANNULLABILE', `Il CIG ${s.cig} non è annullabile: è ${s.stato.toLowerCase()}`, { stato: s.stato });
  const { userId, nome, codiceFiscale } = c.rup;
  return [{
    type: 'AnnullamentoRichiesto',
    data: { cig: s.cig, motivazione, documentoIdentitaRup: documento, rup: { userId, nome, codiceFiscale }, ...(c.protocollo ? { protocollo: c.protocollo } : {}), il: ora(context) },
  }];
}

/** The Authority's answer to the request (recorded by an administrator: it came by fax or PEC). */
export function registraEsitoAnnullamento(c: Comando<'RegistraEsitoAnnullamento'>, state: CigState, context: CigContext): CigEvent[] {
  const s = esistente(state);
  const a = s.annullamento;
  if (a?.stato === (c.accolto ? 'ACCOLTO' : 'RESPINTO')) return [];
  if (a?.stato !== 'RICHIESTO') throw conflitto('ANNULLAMENTO_NON_RICHIESTO', `Per il CIG ${s.cig} non c'è una richiesta di annullamento in attesa di esito`);
  if (c.accolto) return [{ type: 'CigAnnullato', data: { cig: s.cig, motivo: a.motivazione, il: ora(context) } }];
  const motivo = c.motivo?.trim();
  if (!motivo) throw nonValido('MOTIVO_RIFIUTO_OBBLIGATORIO', "Indicare il motivo per cui l'Autorità ha respinto la richiesta", [{ sezione: 'rup e centro di costo', campo: 'motivo', codice: 'MOTIVO_RIFIUTO_OBBLIGATORIO', messaggio: 'obbligatorio' }]);
  return [{ type: 'AnnullamentoRespinto', data: { cig: s.cig, motivo, il: ora(context) } }];
}

/**
 * The scheduler's command: a SIMOG CIG still not perfected at its deadline expires ("come se non
 * esistesse"). It expires at the deadline, also when the scheduler runs later (the service was
 * down): the event is dated when it fell due.
 */
export function scadenzaCig(c: Comando<'ScadenzaCig'>, state: CigState, context: CigContext): CigEvent[] {
  if (!state.esiste || state.regime !== 'SIMOG' || state.stato !== 'ASSEGNATO') return [];
  if (context.now.getTime() < Date.parse(c.dovutaIl)) throw conflitto('SCADENZA_NON_RAGGIUNTA', `Il CIG ${state.cig} scade il ${c.dovutaIl}`);
  return [{ type: 'CigScaduto', data: { cig: state.cig, scadenza: c.dovutaIl, il: new Date(c.dovutaIl).toISOString() } }];
}
