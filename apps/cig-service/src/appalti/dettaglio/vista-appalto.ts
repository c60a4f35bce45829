import { cigDisponibili, dueDecimali, importoComplessivo, statoRichiesta, type AppaltoEsistente, type Lotto } from '#domain';
import type { Pratica } from '../../anac/pratiche.store.js';
import { atteseAnac, type AttesaAnac } from '../attesa-anac.js';

const GIORNO = 24 * 3600 * 1000;
/** ANAC deletes a confirmed appalto that was never published after 90 days. */
const GIORNI_ELIMINAZIONE_ANAC = 90;

/** The request as GET /appalti/:id shows it: its state, lots and CIGs, what ANAC is still working on. */
export function vistaAppalto(a: AppaltoEsistente, pratiche: readonly Pratica[], adesso: Date, sogliaAllarmeMs: number) {
  const attese = atteseAnac(pratiche, adesso, sogliaAllarmeMs);
  const inAcquisizione = a.operazioneInCorso?.operazione === 'CONFERMA';
  const cigDi = new Map(a.cig.map((c) => [c.lotIdentifier, c.cig]));
  const daPubblicare = a.tipoProcedura !== 'AFFIDAMENTO_DIRETTO' && a.stato === 'CONF' && a.confermatoIl;
  return {
    id: a.appaltoId,
    regime: a.regime,
    scheda: a.scheda,
    tipoProcedura: a.tipoProcedura,
    stato: a.stato,
    statoRichiesta: statoRichiesta(a),
    stazioneAppaltante: a.stazioneAppaltante,
    centroDiCosto: a.centroDiCosto,
    ufficio: a.ufficio,
    rup: a.rup,
    creatoDa: a.creatoDa,
    datiGara: { ...a.datiGara, ...(a.datiGara.importoComplessivo ? { importoComplessivo: dueDecimali(a.datiGara.importoComplessivo) } : {}) },
    importoComplessivo: importoComplessivo(a),
    classificazione: a.classificazione,
    idProcedura: a.idProcedura ?? null,
    idAppaltoAnac: a.idAppaltoAnac ?? null,
    idAvviso: a.idAvviso ?? null,
    cigDisponibili: cigDisponibili(a),
    lotti: a.lotti.map((l) => ({
      ...importiDelLotto(l),
      // comunicato ANAC 6/5/2021: while ANAC cannot be reached the procedure goes on with the CIG "in fase di acquisizione".
      cig: cigDi.get(l.lotIdentifier) ?? (inAcquisizione ? 'CIG in fase di acquisizione' : null),
    })),
    cigSostituiti: a.cigSostituiti,
    // "Ritiro richiesto": withdrawn while ANAC was working on the conferma; cancelled as soon as ANAC allows.
    ritiro: a.ritiro ? { ...a.ritiro, descrizione: 'ritiro richiesto' } : null,
    motivoCancellazione: a.motivoCancellazione ?? null,
    operazioneInCorso: operazioneInCorso(a, attese),
    // Every operation still being carried out with ANAC, e.g. a publication whose esito is WT after "Avviso in pubblicazione".
    attese,
    ultimoEsitoAnac: a.ultimoEsitoAnac ?? null,
    verifica: a.verifica ?? null,
    // ANAC's verdict next to the local one (POST /appalti/:id/verifica?anac=true), IN_CORSO until it arrives.
    verificaAnac: a.verificaAnac ?? null,
    eliminazioneAnacPrevista: daPubblicare
      ? { il: new Date(new Date(a.confermatoIl!).getTime() + GIORNI_ELIMINAZIONE_ANAC * GIORNO).toISOString(), giorniRimanenti: Math.max(0, GIORNI_ELIMINAZIONE_ANAC - Math.floor((adesso.getTime() - new Date(a.confermatoIl!).getTime()) / GIORNO)) }
      : null,
    date: { creatoIl: a.creatoIl, modificatoIl: a.modificatoIl, inviatoIl: a.inviatoIl ?? null, confermatoIl: a.confermatoIl ?? null, pubblicatoIl: a.pubblicatoIl ?? null },
  };
}

/**
 * The operation the request is locked by, or else the one still awaited at ANAC: after "Avviso in
 * pubblicazione" the appalto can take a modifica-avviso, yet the publication's esito is still
 * being polled, and the user must see that wait.
 */
function operazioneInCorso(a: AppaltoEsistente, attese: readonly AttesaAnac[]) {
  const op = a.operazioneInCorso;
  const attesa = op ? attese.find((x) => x.operazione === op.operazione) : attese[0];
  if (!op && !attesa) return null;
  const { operazione: _o, richiestaId: _r, dal: _d, ...campi } = attesa ?? { ...SENZA_PRATICA, operazione: null, richiestaId: null, dal: null };
  return { ...(op ?? { operazione: attesa!.operazione, richiestaId: attesa!.richiestaId, dal: attesa!.dal }), ...campi };
}

/** A request recorded but not yet taken up by the process manager. */
const SENZA_PRATICA = {
  passo: null, ultimoMessaggio: null, inAttesaAnacDal: null, inAttesaAnacDaMinuti: null, inAttesaAnacDaOre: null, descrizioneAttesa: null, allarme: false, prossimoTentativo: null,
};

/** Amounts as the listing and its CSV show them: two decimals. */
function importiDelLotto(l: Lotto): Lotto {
  const aggiudicazione = l.aggiudicazione && { ...l.aggiudicazione, partecipanti: l.aggiudicazione.partecipanti.map((p) => ({ ...p, importo: dueDecimali(p.importo) })) };
  return {
    ...l,
    importo: dueDecimali(l.importo),
    ...(l.importoSicurezza ? { importoSicurezza: dueDecimali(l.importoSicurezza) } : {}),
    ...(aggiudicazione ? { aggiudicazione } : {}),
  };
}
