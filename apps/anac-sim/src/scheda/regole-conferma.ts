import { errore, type ErroreTipologica } from '../pcp/errori.js';
import { record, testo, type SchedaLetta } from './valida-scheda.js';

/**
 * Content rules ANAC evaluates when validating a scheda (verifica-appalto, conferma-appalto):
 * a failure does not refuse the call, it turns the esito into KO with these errori (ANAC's interface specification, `specifiche-servizi-appalto.yaml`). A subset of ANAC's DMN rules, chosen for what a client can get wrong.
 */
export function regoleDiConferma(scheda: SchedaLetta, adesso: Date): ErroreTipologica[] {
  const errori: ErroreTipologica[] = [];
  const tipoProcedura = testo(record(record(scheda.appalto.datiBaseProcedura)?.tipoProcedura)?.codice);
  for (const lotto of scheda.lotti) {
    // P5 (traceability only) lots carry neither CPV, nor place, nor deadlines in ANAC's schema
    // (LottoP5Type, additionalProperties: false): these rules cannot apply to them.
    if (scheda.codice === 'P5') continue;
    const cpv = testo(record(record(lotto.dati.datiBaseCPV)?.cpvPrevalente)?.codice);
    if (!cpv) errori.push(errore('REG116', `lotto ${lotto.lotIdentifier}: cpvPrevalente mancante`));
    const istat = record(lotto.dati.codIstat) !== undefined;
    const nuts = record(record(lotto.dati.datiBaseContratto)?.codNUTS) !== undefined;
    if (!istat && !nuts) errori.push(errore('REG124', `lotto ${lotto.lotIdentifier}`));
    if (istat && nuts) errori.push(errore('REG125', `lotto ${lotto.lotIdentifier}`));
    // REG95/REG105: an open procedure needs a deadline for offers, after today.
    if (tipoProcedura === 'open') errori.push(...scadenzaOfferte(lotto.lotIdentifier, lotto.dati, adesso));
  }
  // REG110: for notices with amounts per lot, the lots sum to 80 %..100 % of the appalto.
  if (scheda.supportata.famiglia === 'P' && scheda.importoAppalto !== undefined) {
    const somma = scheda.lotti.reduce((s, l) => s + l.importo, 0);
    if (somma < 0.8 * scheda.importoAppalto || somma > scheda.importoAppalto) {
      errori.push(errore('REG110', `somma dei lotti ${somma}, importo dell'appalto ${scheda.importoAppalto}`));
    }
  }
  return errori;
}

function scadenzaOfferte(lotIdentifier: string, lotto: Record<string, unknown>, adesso: Date): ErroreTipologica[] {
  const scadenza = testo(record(lotto.datiBaseTerminiInvio)?.scadenzaPresentazioneOfferte);
  if (!scadenza) return [errore('REG95', `lotto ${lotIdentifier}: scadenzaPresentazioneOfferte mancante`)];
  const istante = Date.parse(scadenza);
  if (Number.isNaN(istante) || istante <= adesso.getTime()) {
    return [errore('REG105', `lotto ${lotIdentifier}: scadenzaPresentazioneOfferte ${scadenza}`)];
  }
  return [];
}
