import type { Lotto, TipoProcedura } from '#domain';
import {
  quadroEconomico,
  categoria, ccnl, codIstat, cup, datiBaseCpv, datiBaseLotto, importoAppalto, numero, richiedi, settore, stazioniAppaltanti, tip,
  type AppaltoPerAnac,
} from './scheda-comune.js';

/**
 * Schede with `lotti[]` and amounts per lot: P2_16 "Bando di gara — settori ordinari" (below the
 * EU threshold, national publication, no eForm; schema `modello-dati-schede-P2.16.yaml` of
 * anticorruzione/npa) and P5 "Contratti … soggetti a sola tracciabilità" (`modello-dati-schede-P5.yaml`).
 */

/** `tipoProcedura.json` codes (eForms BT-105) of the procedures P2_16 is used for. */
const TIPO_PROCEDURA_P2: Partial<Record<TipoProcedura, string>> = { APERTA: 'open', RISTRETTA: 'restricted', NEGOZIATA: 'neg-w-call' };

/**
 * base64 of a minimal ESPD-Request XML document. `SchedaP2_16Type` requires `espd` and CIG
 * Ledger does not produce ESPD documents yet; ANAC checks at crea-appalto only that it is base64
 * XML (ERR7, ERR10). Pass a real one in `AppaltoPerAnac.espd` for production.
 */
export const ESPD_MINIMO = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><QualificationApplicationRequest xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2"/>',
).toString('base64');


/**
 * The P2_16 `lotti[]` entry. Defaults, all from ANAC's worked example (P1_16.json) and the codes
 * it uses, for facts CIG Ledger does not record:
 * - `categorieMerceologiche` ["999"] "non elencati nell'art. 1 dPCM 24 dicembre 2015" (the DPCM
 *   aggregator categories are not tracked; it also spares `motivazioneCIG`, REG4_2);
 * - `contrattiDisposizioniParticolari` "1" non applicabile; `prestazioniComprese` "1" sola esecuzione;
 * - `afferenteInvestimentiPNRR`, `servizioPubblicoLocale`, `ripetizioniEConsegneComplementari`,
 *   `lavoroOAcquistoPrevistoInProgrammazione`, `opzioniRinnovi` false;
 * - `finanziamenti` one entry "A" fondi di bilancio della SA for the whole lot amount;
 * - `ipotesiCollegamento.motivoCollegamento` "10" no collegamento;
 * - `modalitaAcquisizione` "1" acquisto for services and supplies (REG29), absent for works;
 * - `ccnl` and `categoria` by object of the contract (scheda-comune.ts).
 */
function lottoP2_16(a: AppaltoPerAnac, lotto: Lotto): Record<string, unknown> {
  const termini = a.terminiInvio;
  return {
    lotIdentifier: lotto.lotIdentifier,
    categorieMerceologiche: [tip('categorieMerceologiche', '999')],
    contrattiDisposizioniParticolari: tip('contrattiDisposizioniParticolari', '1'),
    codIstat: codIstat(lotto),
    afferenteInvestimentiPNRR: false,
    finanziamenti: [{ tipoFinanziamento: tip('tipoFinanziamento', 'A'), importo: numero(lotto.importo) }],
    prestazioniComprese: tip('prestazioniComprese', '1'),
    servizioPubblicoLocale: false,
    ripetizioniEConsegneComplementari: false,
    lavoroOAcquistoPrevistoInProgrammazione: false,
    ccnl: ccnl(lotto.oggettoContratto),
    opzioniRinnovi: false,
    ipotesiCollegamento: { motivoCollegamento: tip('motivoCollegamento', '10') },
    categoria: categoria(lotto.oggettoContratto),
    ...(lotto.oggettoContratto !== 'LAVORI' ? { modalitaAcquisizione: tip('modalitaAcquisizione', '1') } : {}),
    ...(cup(a) ? { acquisizioneCup: true, cupLotto: [cup(a)] } : {}),
    quadroEconomicoStandard: quadroEconomico(lotto),
    datiBase: datiBaseLotto(lotto, true),
    datiBaseCPV: datiBaseCpv(a, lotto),
    // Without a deadline ANAC answers REG95/REG96 at conferma: the user learns what to add.
    ...(termini?.scadenzaPresentazioneOfferte || termini?.scadenzaPresentazioneInvito
      ? {
          datiBaseTerminiInvio: {
            ...(termini.scadenzaPresentazioneOfferte ? { scadenzaPresentazioneOfferte: termini.scadenzaPresentazioneOfferte } : {}),
            ...(termini.scadenzaPresentazioneInvito ? { scadenzaPresentazioneInvito: termini.scadenzaPresentazioneInvito } : {}),
          },
        }
      : {}),
    ...(a.urlDocumenti ? { datiBaseDocumenti: { url: a.urlDocumenti } } : {}),
  };
}

/**
 * P2_16: `funzioniSvolte` "3" (the SA awards, signs and runs the contract), `motivoUrgenza` "7"
 * (no urgency; an urgent appalto is refused, ANAC wants the specific reason), `tipoProcedura`
 * open / restricted / neg-w-call, `datiBase.importo` the appalto total (REG98, REG110).
 */
export function anacFormP2_16(a: AppaltoPerAnac): Record<string, unknown> {
  const tipoProcedura = richiedi(TIPO_PROCEDURA_P2[a.tipoProcedura], `P2_16 non si usa per la procedura ${a.tipoProcedura}`);
  if (a.datiGara.urgenza) richiedi(undefined, "P2_16: per una procedura urgente ANAC richiede il motivo d'urgenza (motivoUrgenza), non registrato");
  return {
    stazioniAppaltanti: stazioniAppaltanti(a, '3'),
    appalto: {
      codiceAppalto: a.codiceAppalto,
      categorieMerceologiche: [tip('categorieMerceologiche', '999')],
      motivoUrgenza: tip('motivoUrgenza', '7'),
      datiBase: { oggetto: a.datiGara.oggetto, importo: numero(importoAppalto(a)) },
      datiBaseProcedura: { tipoProcedura: tip('tipoProcedura', tipoProcedura) },
    },
    lotti: a.lotti.map((lotto) => lottoP2_16(a, lotto)),
  };
}

/** `sceltaContraente.json` for P5: 10 affidamento diretto, 6 aperta, 9 ristretta, 4 negoziata con previa indizione. */
const SCELTA_CONTRAENTE: Readonly<Record<TipoProcedura, string>> = { AFFIDAMENTO_DIRETTO: '10', APERTA: '6', RISTRETTA: '9', NEGOZIATA: '4' };

/**
 * P5: traceability only. `fattispecieTracciabilita` "22" "Contratti estranei, soggetti a sola
 * tracciabilità (L. 136/2010 …)", the case the scheda's title names.
 */
export function anacFormP5(a: AppaltoPerAnac): Record<string, unknown> {
  return {
    stazioniAppaltanti: stazioniAppaltanti(a),
    appalto: { codiceAppalto: a.codiceAppalto, settore: settore(a), datiBase: { oggetto: a.datiGara.oggetto, importo: numero(importoAppalto(a)) } },
    lotti: a.lotti.map((lotto) => ({
      lotIdentifier: lotto.lotIdentifier,
      datiBase: datiBaseLotto(lotto, true),
      sceltaContraente: tip('sceltaContraente', SCELTA_CONTRAENTE[a.tipoProcedura]),
      fattispecieTracciabilita: tip('fattispecieTracciabilita', '22'),
      ...(cup(a) ? { cup: [cup(a)] } : {}),
    })),
  };
}
