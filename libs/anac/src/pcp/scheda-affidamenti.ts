import type { Lotto, Partecipante } from '#domain';
import { deterministicUuid } from '#platform';
import {
  categoria, ccnl, codIstat, cup, datiBaseCpv, datiBaseLotto, numero, quadroEconomico, richiedi, SchedaNonMappabile, settore, stazioniAppaltanti,
  tip, type AppaltoPerAnac,
} from './scheda-comune.js';

/**
 * Direct awards: the award travels with the procedure, one `aggiudicazioni[]` entry per lot
 * (`modello-dati-schede-AD5.yaml`, `modello-dati-schede-AD3.yaml`).
 */

/**
 * `idPartecipante` is ours to choose (uuid, unique per lot: ERR87). Name-based on (codiceAppalto,
 * lotIdentifier, codice fiscale), so that a modifica-appalto re-sends the same ids for the same
 * awardee and a retried crea-appalto is byte-for-byte the same request.
 */
export const idPartecipante = (codiceAppalto: string, lotIdentifier: string, codiceFiscale: string): string =>
  deterministicUuid('cig-ledger/idPartecipante', codiceAppalto, lotIdentifier, codiceFiscale.trim().toUpperCase());

function partecipanti(a: AppaltoPerAnac, lotto: Lotto): readonly Partecipante[] {
  const aggiudicatari = lotto.aggiudicazione?.partecipanti ?? [];
  if (aggiudicatari.length === 0) throw new SchedaNonMappabile(`lotto ${lotto.lotIdentifier}: un affidamento diretto (${a.scheda}) richiede l'aggiudicatario`);
  return aggiudicatari;
}

/** AD5: direct award below 5 000 € (AggiudicazioneAD5Type, AggiudicatarioAD5Type). */
export function anacFormAd5(a: AppaltoPerAnac): Record<string, unknown> {
  return {
    stazioniAppaltanti: stazioniAppaltanti(a),
    appalto: { codiceAppalto: a.codiceAppalto, settore: settore(a), datiBase: { oggetto: a.datiGara.oggetto } },
    aggiudicazioni: a.lotti.map((lotto) => ({
      lotIdentifier: lotto.lotIdentifier,
      ...(cup(a) ? { cup: [cup(a)] } : {}),
      partecipanti: partecipanti(a, lotto).map((p) => ({
        idPartecipante: idPartecipante(a.codiceAppalto, lotto.lotIdentifier, p.codiceFiscale),
        codiceFiscale: p.codiceFiscale,
        denominazione: p.denominazione,
        importo: numero(p.importo),
      })),
      codIstat: codIstat(lotto),
      datiBase: datiBaseLotto(lotto, false),
      datiBaseCPV: datiBaseCpv(a, lotto),
    })),
  };
}

/**
 * AD3: direct award from 5 000 € (AppaltoAD3Type, AggiudicazioneAD3Type, PartecipanteADType).
 * Defaults for what CIG Ledger does not record:
 * - `motivoUrgenza` "7" (no urgency); an urgent appalto is refused, because ANAC wants the
 *   specific reason (and REG7 a link for "somma urgenza e protezione civile");
 * - `contrattoDifesa` and `accordoQuadro` false: not a defence contract nor a framework agreement;
 * - each awardee acting alone: `ruoloOE` "14" "Operatore Economico" (code 3, "monosoggettivo",
 *   expired on 2025-07-31 in `ruoloOE.json`), `tipoOE` "1" (imprenditori individuali … società),
 *   `paeseOperatoreEconomico` "IT" (Italian codice fiscale), `avvalimento` false;
 * - `ccnl`, `categoria` by object of the contract (see scheda-comune.ts);
 * - `afferenteInvestimentiPNRR` false: PNRR funding is not recorded;
 * - `datiBaseContratto.codNUTS` is left out although AD3's schema lists it as required: ANAC's
 *   rule REG125 "Indicare solo uno tra codice istat e codice nuts" refuses both, and `codIstat` is
 *   required too. The codice ISTAT is what we hold.
 */
export function anacFormAd3(a: AppaltoPerAnac): Record<string, unknown> {
  if (a.datiGara.urgenza) richiedi(undefined, "AD3: per un affidamento urgente ANAC richiede il motivo d'urgenza (motivoUrgenza), non registrato");
  const url = richiedi(a.urlDocumenti, 'AD3: datiBaseDocumenti.url (indirizzo dei documenti di gara) è obbligatorio');
  return {
    stazioniAppaltanti: stazioniAppaltanti(a),
    appalto: {
      codiceAppalto: a.codiceAppalto,
      motivoUrgenza: tip('motivoUrgenza', '7'),
      datiBase: { oggetto: a.datiGara.oggetto },
      contrattoDifesa: false,
      settore: settore(a),
      accordoQuadro: false,
    },
    aggiudicazioni: a.lotti.map((lotto) => {
      const dataAggiudicazione = richiedi(lotto.aggiudicazione?.dataAggiudicazione, `lotto ${lotto.lotIdentifier}: AD3 richiede la data di aggiudicazione`);
      return {
        lotIdentifier: lotto.lotIdentifier,
        partecipanti: partecipanti(a, lotto).map((p) => ({
          idPartecipante: idPartecipante(a.codiceAppalto, lotto.lotIdentifier, p.codiceFiscale),
          codiceFiscale: p.codiceFiscale,
          denominazione: p.denominazione,
          ruoloOE: tip('ruoloOE', '14'),
          tipoOE: tip('tipoOE', '1'),
          paeseOperatoreEconomico: 'IT',
          avvalimento: false,
          importo: numero(p.importo),
        })),
        ccnl: ccnl(lotto.oggettoContratto),
        categoria: categoria(lotto.oggettoContratto),
        codIstat: codIstat(lotto),
        afferenteInvestimentiPNRR: false,
        ...(cup(a) ? { acquisizioneCup: true, cupLotto: [cup(a)] } : {}),
        // ANAC REG31_1 and REG34_1/35_1/36_1: a quadro economico with the amount of the lot's object.
        quadroEconomicoStandard: quadroEconomico(lotto),
        datiBase: datiBaseLotto(lotto, false),
        datiBaseAggiudicazioneAppalto: { dataAggiudicazione },
        datiBaseDocumenti: { url },
        datiBaseCPV: datiBaseCpv(a, lotto),
      };
    }),
  };
}
