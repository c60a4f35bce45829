import { codiciTipologica, ERRORE_TIPOLOGICA, isCodiceTipologica, tipologicheEstratte, type Problema, type Sezione } from '#domain';
import type { SchedaPcp } from '../gateway/anac-gateway.js';

/** One enumerated value of a scheda: `{ idTipologica, codice }` and where it is. */
export interface TipologicaNellaScheda {
  readonly percorso: string;
  readonly idTipologica: string;
  readonly codice: string;
}

/** Every `{ idTipologica, codice }` of the scheda's anacForm, with its path. */
export function tipologicheDellaScheda(scheda: SchedaPcp): TipologicaNellaScheda[] {
  const trovate: TipologicaNellaScheda[] = [];
  const visita = (valore: unknown, percorso: string): void => {
    if (Array.isArray(valore)) return valore.forEach((v, i) => visita(v, `${percorso}[${i}]`));
    if (valore === null || typeof valore !== 'object') return;
    const o = valore as Record<string, unknown>;
    if (typeof o.idTipologica === 'string' && typeof o.codice === 'string') {
      trovate.push({ percorso, idTipologica: o.idTipologica, codice: o.codice });
      return;
    }
    for (const [k, v] of Object.entries(o)) visita(v, percorso ? `${percorso}.${k}` : k);
  };
  visita((scheda.body as { anacForm?: unknown }).anacForm, '');
  visita(scheda.codice, 'codice');
  return trovate;
}

const SEZIONE_DI: Record<string, Sezione> = { appalto: 'dati di gara', lotti: 'lotti', aggiudicazioni: 'aggiudicazioni', stazioniAppaltanti: 'rup e centro di costo' };

/**
 * ANAC's ERR63 ("tipologica non valida") for every value of the scheda not in ANAC's list of that
 * name (`tipologiche`, extracted as data); lists the project does not hold are not judged. With a
 * day (ISO `AAAA-MM-GG`), codes ANAC dates must also be valid that day.
 */
export function problemiTipologicheScheda(scheda: SchedaPcp, giorno?: string): Problema[] {
  const estratte = new Set(tipologicheEstratte());
  return tipologicheDellaScheda(scheda)
    .filter((t) => estratte.has(t.idTipologica) && !isCodiceTipologica(t.idTipologica, t.codice, giorno))
    .map((t) => ({
      sezione: t.idTipologica === 'CPV' ? 'classificazione' : (SEZIONE_DI[t.percorso.split(/[.[]/)[0]] ?? 'dati di gara'),
      campo: t.percorso,
      codice: ERRORE_TIPOLOGICA,
      messaggio: codiciTipologica(t.idTipologica).has(t.codice)
        ? `Tipologica non valida: il codice ${t.codice} di ${t.idTipologica} non è in vigore il ${giorno}`
        : `Tipologica non valida: il codice ${t.codice} non è nell'elenco ${t.idTipologica} di ANAC`,
    }));
}
