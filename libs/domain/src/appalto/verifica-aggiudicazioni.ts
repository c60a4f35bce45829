import { difettoCodiceFiscale, erroreAnacCodiceFiscale } from '../shared/codice-fiscale.js';
import { entroLimiti, LIMITI_AFFIDAMENTI_DIRETTI, type LimiteAffidamentoDiretto } from '../regole/limiti-affidamenti.js';
import type { Problema } from '../shared/domain-error.js';
import { centesimi, isImporto } from '../shared/importo.js';
import { campoLotto, centesimiValidi } from './lotto.js';
import type { AppaltoEsistente } from './state.js';
import type { CodiceScheda, Lotto, Partecipante } from './types.js';

const SEZIONE = 'aggiudicazioni' as const;
/** Direct awards (AD5, AD3) are sent with their award: every lot says who won and for how much. */
export function problemiAggiudicazioni({ scheda, lotti }: AppaltoEsistente): Problema[] {
  const soglia = LIMITI_AFFIDAMENTI_DIRETTI[scheda];
  if (!soglia) return [];
  if (lotti.length === 0) return [mancaAggiudicazione('aggiudicazioni')];
  return [...lotti.flatMap((l) => problemiDelLotto(l, scheda)), ...problemiTotali(lotti, soglia)];
}

/** ANAC REG112: "Inserire almeno un elemento nella lista delle aggiudicazioni". */
const mancaAggiudicazione = (campo: string): Problema => ({
  sezione: SEZIONE,
  campo,
  codice: 'REG112',
  messaggio: 'Inserire almeno un elemento nella lista delle aggiudicazioni',
});

function problemiDelLotto(lotto: Lotto, scheda: CodiceScheda): Problema[] {
  const campo = campoLotto(lotto.lotIdentifier, 'aggiudicazione');
  if (!lotto.aggiudicazione) return [mancaAggiudicazione(campo)];
  const { partecipanti } = lotto.aggiudicazione;
  const problemi = partecipanti.flatMap((p, i) => problemiPartecipante(p, `${campo}.partecipanti[${i}]`));
  // ANAC REG114 ("Indicare l'aggiudicatario") and REG100 (one participant in a direct award).
  if (scheda === 'AD5' && partecipanti.length === 0) {
    problemi.push({ sezione: SEZIONE, campo: `${campo}.partecipanti`, codice: 'REG114', messaggio: "Indicare l'aggiudicatario" });
  }
  if (scheda === 'AD5' && partecipanti.length > 1) {
    problemi.push({ sezione: SEZIONE, campo: `${campo}.partecipanti`, codice: 'REG100', messaggio: 'Negli affidamenti diretti è consentito indicare un solo partecipante' });
  }
  // No ANAC rule states it (errori.json has none): no participant is awarded more than the lot's amount.
  if (isImporto(lotto.importo)) {
    partecipanti.forEach((p, i) => {
      if (isImporto(p.importo) && centesimi(p.importo) > centesimi(lotto.importo)) {
        problemi.push({
          sezione: SEZIONE,
          campo: `${campo}.partecipanti[${i}].importo`,
          codice: 'IMPORTO_PARTECIPANTE_SUPERIORE',
          messaggio: `L'importo del partecipante (${p.importo}) supera l'importo del lotto (${lotto.importo})`,
        });
      }
    });
  }
  return problemi;
}

function problemiPartecipante(p: Partecipante, campo: string): Problema[] {
  const problemi: Problema[] = [];
  const difetto = difettoCodiceFiscale(p.codiceFiscale);
  if (difetto !== undefined) {
    const anac = erroreAnacCodiceFiscale(p.codiceFiscale);
    problemi.push({ sezione: SEZIONE, campo: `${campo}.codiceFiscale`, codice: anac.codice, messaggio: `${anac.descrizione}: "${p.codiceFiscale}" ${difetto}` });
  }
  if (isImporto(p.importo) && centesimi(p.importo) === 0) {
    problemi.push({ sezione: SEZIONE, campo: `${campo}.importo`, codice: 'IMPORTO_PARTECIPANTE', messaggio: "L'importo di aggiudicazione deve essere maggiore di zero" });
  }
  return problemi;
}

function problemiTotali(lotti: readonly Lotto[], soglia: LimiteAffidamentoDiretto): Problema[] {
  const partecipanti = lotti.flatMap((l) => l.aggiudicazione?.partecipanti ?? []);
  const problemi: Problema[] = [];
  if (partecipanti.length > 0 && !entroLimiti(soglia, centesimiValidi(partecipanti.map((p) => p.importo)))) {
    problemi.push({ sezione: SEZIONE, campo: 'aggiudicazioni.importo', codice: soglia.codicePartecipanti, messaggio: soglia.messaggio });
  }
  if (!entroLimiti(soglia, centesimiValidi(lotti.map((l) => l.importo)))) {
    problemi.push({ sezione: 'lotti', campo: 'lotti.importo', codice: soglia.codiceLotti, messaggio: soglia.messaggio });
  }
  return problemi;
}
