import { nonValido, type Problema } from '../shared/domain-error.js';
import { centesimi, isImporto } from '../shared/importo.js';
import type { DatiSmartCig } from './types.js';
import { FATTISPECIE_SMARTCIG, PROCEDURE_SMARTCIG } from './types.js';

export const OGGETTO_SMARTCIG_MAX = 300;
const CUP = /^[A-Z0-9]{15}$/;
const OGGETTI = ['LAVORI', 'SERVIZI', 'FORNITURE'];

/** Field problems of the SmartCIG data (nota SMART CIG 2011 items 1–7), one per field, section "dati di gara". */
export function problemiDatiSmartCig(d: DatiSmartCig, cigValido: (codice: string) => boolean, prefisso = 'dati'): Problema[] {
  const p: Problema[] = [];
  const add = (campo: string, codice: string, messaggio: string) => p.push({ sezione: 'dati di gara', campo: `${prefisso}.${campo}`, codice, messaggio });
  if (!(FATTISPECIE_SMARTCIG as readonly string[]).includes(d.fattispecie)) add('fattispecie', 'FATTISPECIE_NON_VALIDA', `Fattispecie contrattuale non prevista: ammesse ${FATTISPECIE_SMARTCIG.join(', ')}`);
  if (!isImporto(d.importo) || centesimi(d.importo) <= 0) add('importo', 'IMPORTO_NON_VALIDO', `L'importo "${d.importo}" deve essere un importo in euro maggiore di zero`);
  if (typeof d.oggetto !== 'string' || d.oggetto.trim().length === 0 || d.oggetto.length > OGGETTO_SMARTCIG_MAX) add('oggetto', 'OGGETTO_NON_VALIDO', `L'oggetto è obbligatorio e non può superare ${OGGETTO_SMARTCIG_MAX} caratteri`);
  if (!(PROCEDURE_SMARTCIG as readonly string[]).includes(d.procedura)) add('procedura', 'PROCEDURA_NON_VALIDA', `Procedura di scelta del contraente non prevista: ammesse ${PROCEDURE_SMARTCIG.join(', ')}`);
  if (!OGGETTI.includes(d.oggettoPrincipale)) add('oggettoPrincipale', 'OGGETTO_PRINCIPALE_NON_VALIDO', 'Oggetto principale del contratto: LAVORI, SERVIZI o FORNITURE');
  if (d.cigAccordoQuadro !== undefined && !cigValido(d.cigAccordoQuadro)) add('cigAccordoQuadro', 'CIG_NON_VALIDO', `Il CIG dell'accordo quadro ${d.cigAccordoQuadro} non è un CIG valido (algoritmo ANAC)`);
  if (d.cup !== undefined && !CUP.test(d.cup)) add('cup', 'CUP_NON_VALIDO', 'Il CUP è di 15 caratteri alfanumerici maiuscoli');
  return p;
}

/** Throws 400 DATI_SMARTCIG_NON_VALIDI listing every field problem. */
export function verificaDatiSmartCig(d: DatiSmartCig, cigValido: (codice: string) => boolean, prefisso = 'dati'): DatiSmartCig {
  const problemi = problemiDatiSmartCig(d, cigValido, prefisso);
  if (problemi.length > 0) throw nonValido('DATI_SMARTCIG_NON_VALIDI', 'I dati dello SmartCIG contengono errori', problemi);
  const { fattispecie, importo, oggetto, procedura, oggettoPrincipale, cigAccordoQuadro, cup } = d;
  return { fattispecie, importo, oggetto: oggetto.trim(), procedura, oggettoPrincipale, ...(cigAccordoQuadro ? { cigAccordoQuadro } : {}), ...(cup ? { cup } : {}) };
}
