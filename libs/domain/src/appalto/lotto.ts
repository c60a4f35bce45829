import type { Problema } from '../shared/domain-error.js';
import { centesimi, isImporto } from '../shared/importo.js';
import { ERRORE_TIPOLOGICA, isIstatAnac } from '../tipologiche/tipologiche.js';
import { problemiCpv } from './cpv.js';
import type { DatiLotto, OggettoPrincipale } from './types.js';

/** Lots are numbered LOT-0001, LOT-0002…: the identifier ANAC receives as `lotIdentifier`. */
export const lotIdentifier = (numero: number): string => `LOT-${String(numero).padStart(4, '0')}`;

/** The number of a lot identifier, 0 when it is not of our form. */
export function numeroLotto(identificativo: string): number {
  const match = /^LOT-(\d+)$/.exec(identificativo);
  return match ? Number(match[1]) : 0;
}

/** Total cents of the valid amounts (invalid ones are reported on their own). */
export const centesimiValidi = (importi: readonly string[]): number => importi.filter(isImporto).reduce((t, i) => t + centesimi(i), 0);

export const campoLotto = (identificativo: string, campo: string) => `lotti[${identificativo}].${campo}`;

/** ANAC's lotti.datiBase.oggetto is at most 1000 characters. */
export const OGGETTO_LOTTO_MAX = 1000;
const OGGETTI: readonly OggettoPrincipale[] = ['LAVORI', 'SERVIZI', 'FORNITURE'];
const ISTAT_COMUNE = /^\d{6}$/;

/**
 * Problems of one lot's own data, checked when the lot is entered (400) and again by the
 * verification. `identificativo` names the lot in field paths (`nuovo` before it has one).
 */
export function problemiDatiLotto(dati: DatiLotto, identificativo: string): Problema[] {
  const problema = (campo: string, codice: string, messaggio: string): Problema => ({ sezione: 'lotti', campo: campoLotto(identificativo, campo), codice, messaggio });
  const problemi: Problema[] = [];
  const oggetto = dati.oggetto.trim();
  if (oggetto.length === 0) problemi.push(problema('oggetto', 'OGGETTO_LOTTO', "L'oggetto del lotto è obbligatorio"));
  if (oggetto.length > OGGETTO_LOTTO_MAX) problemi.push(problema('oggetto', 'OGGETTO_LOTTO', `L'oggetto del lotto non può superare ${OGGETTO_LOTTO_MAX} caratteri`));
  if (!OGGETTI.includes(dati.oggettoContratto)) problemi.push(problema('oggettoContratto', 'OGGETTO_CONTRATTO', "Indicare l'oggetto del contratto: lavori, servizi o forniture"));
  if (!isImporto(dati.importo)) problemi.push(problema('importo', 'IMPORTO_NON_VALIDO', `L'importo "${dati.importo}" non è un importo in euro valido`));
  else if (centesimi(dati.importo) === 0) problemi.push(problema('importo', 'REG99', "L'importo del lotto deve essere maggiore di zero"));
  if (dati.importoSicurezza !== undefined && !isImporto(dati.importoSicurezza)) {
    problemi.push(problema('importoSicurezza', 'IMPORTO_NON_VALIDO', `L'importo per la sicurezza "${dati.importoSicurezza}" non è un importo in euro valido`));
  }
  problemi.push(...problemiCpv(dati.cpv, campoLotto(identificativo, 'cpv'), 'lotti'));
  if (!ISTAT_COMUNE.test(dati.luogoIstat)) problemi.push(problema('luogoIstat', 'LUOGO_ISTAT', 'Il luogo di esecuzione deve essere un codice ISTAT di comune di 6 cifre'));
  else if (!isIstatAnac(dati.luogoIstat)) {
    problemi.push(problema('luogoIstat', ERRORE_TIPOLOGICA, `Tipologica non valida: il codice ISTAT ${dati.luogoIstat} non è un comune dell'elenco codIstat di ANAC`));
  }
  if (dati.durataGiorni !== undefined && !(Number.isInteger(dati.durataGiorni) && dati.durataGiorni > 0)) {
    problemi.push(problema('durataGiorni', 'DURATA', "La durata dell'affidamento in giorni deve essere un numero intero positivo"));
  }
  return [...problemi, ...problemiImportiPartecipanti(dati, identificativo)];
}

/** Amounts of the award must at least be amounts, so that totals can be computed. */
function problemiImportiPartecipanti(dati: DatiLotto, identificativo: string): Problema[] {
  return (dati.aggiudicazione?.partecipanti ?? []).flatMap((p, i): Problema[] =>
    isImporto(p.importo)
      ? []
      : [
          {
            sezione: 'aggiudicazioni',
            campo: campoLotto(identificativo, `aggiudicazione.partecipanti[${i}].importo`),
            codice: 'IMPORTO_NON_VALIDO',
            messaggio: `L'importo "${p.importo}" del partecipante non è un importo in euro valido`,
          },
        ],
  );
}
