import { problemiRegoleAnac, type RegoleAnac, type SchedaPcp } from '#anac';
import { erroreTipologica, type ErroreTipologica } from '../pcp/errori.js';
import type { SchedaRecord } from '../state/model.js';

/**
 * The simulator playing ANAC with ANAC's own rules: when it is given the folder of ANAC's DMN
 * tables (SIM_REGOLE_DIR, the same set the service loads from ANAC_REGOLE_DIR), verifica-appalto
 * and conferma-appalto evaluate the tables of the scheda and its code lists, and their hits become
 * the `errori` of a KO esito, with ANAC's codes. Codes already raised by the hand-written checks are not repeated.
 */
export function erroriRegoleAnac(regole: RegoleAnac, scheda: SchedaRecord, giaPresenti: readonly ErroreTipologica[]): ErroreTipologica[] {
  const presenti = new Set(giaPresenti.map((e) => e.codice));
  const pcp = { codice: { idTipologica: 'codiceScheda', codice: scheda.codice }, versione: scheda.versione, body: scheda.body } as SchedaPcp;
  const errori: ErroreTipologica[] = [];
  for (const p of problemiRegoleAnac(regole, pcp)) {
    if (presenti.has(p.codice)) continue;
    presenti.add(p.codice);
    errori.push(erroreTipologica(p.codice, `${p.campo}: ${p.messaggio}`));
  }
  return errori;
}
