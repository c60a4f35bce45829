import { giornoItaliano, type AppaltoCreatoData, type AppaltoEvent, type Lotto, type PraticaAnacEvent } from '#domain';
import type { ListingBatch } from './listing-batch.js';
import { centesimi, daCentesimi, importoNormalizzato, type RigaAppalto, type RigaLotto } from './listing-righe.js';

type Evento = { type: string; data: unknown };
type Appalto = AppaltoEvent;
type Pratica = PraticaAnacEvent;

/** PCP: ANAC deletes a confirmed appalto never published after 90 days (its CIGs with it). */
const GIORNI_SCADENZA_CIG = 90;
const APPALTO = 'appalto-';
const PRATICA = 'pratica-anac-';

/** States of a PCP appalto: rows in these states are the listing's own (built from appalto events). */
const STATI_PCP = new Set(['BOZZA', 'IN_LAV', 'CONF', 'IN_ATT_PUBB', 'PUBB', 'CANC', 'IN_STOP_PUBB']);

/** The appalti and CIG codes whose rows must be in the batch before folding this event. */
export function daCaricare(streamId: string, e: Evento): { appalti: string[]; cig: string[] } {
  const d = (e.data ?? {}) as { appaltoId?: unknown; cig?: unknown };
  if (streamId.startsWith(APPALTO)) return { appalti: [streamId.slice(APPALTO.length)], cig: [] };
  if (streamId.startsWith(PRATICA)) return { appalti: typeof d.appaltoId === 'string' ? [d.appaltoId] : [], cig: [] };
  return { appalti: [], cig: typeof d.cig === 'string' ? [d.cig] : [] };
}

/**
 * Whether the listing folds this event itself: PCP requests and their ANAC exchanges, the
 * "CIG utilizzato" link of any code, and the life events of codes on its own rows (which change
 * nothing the appalto's events did not already say). Everything else belongs to the historic
 * regimes (SIMOG, SmartCIG, carnets, imports: `applicaRegimiStorici`).
 */
export function delListing(batch: ListingBatch, streamId: string, e: Evento): boolean {
  if (streamId.startsWith(APPALTO) || streamId.startsWith(PRATICA) || e.type === 'CigUtilizzato') return true;
  const cig = (e.data as { cig?: unknown } | null)?.cig;
  if (!streamId.startsWith('cig-') || typeof cig !== 'string') return false;
  const righe = batch.lottiConCig(cig);
  return righe.length > 0 && righe.every((r) => STATI_PCP.has(r.stato_appalto));
}

/** Folds one event the listing handles (see `daCaricare`) into the batch's rows. */
export function applica(batch: ListingBatch, streamId: string, e: Evento): void {
  if (streamId.startsWith(APPALTO)) return applicaAppalto(batch, streamId.slice(APPALTO.length), e as Appalto);
  if (streamId.startsWith(PRATICA)) {
    const p = e as Pratica;
    if (p.type !== 'TrasmissioneAnacEseguita') return;
    const inizio = p.data.chiamata.inizio;
    batch.aggiornaAppalto(p.data.appaltoId, (r) =>
      r.data_ultima_trasmissione === null || Date.parse(r.data_ultima_trasmissione) < Date.parse(inizio) ? { data_ultima_trasmissione: inizio } : undefined,
    );
    return;
  }
  if (e.type === 'CigUtilizzato') {
    const d = e.data as { cig: string; idProcedura?: string; idContratto?: string };
    for (const riga of batch.lottiConCig(d.cig)) {
      batch.aggiornaLotto(riga, { cig_utilizzato: true, cig_utilizzato_in: d.idProcedura ?? d.idContratto ?? riga.cig_utilizzato_in });
    }
  }
}

function applicaAppalto(batch: ListingBatch, id: string, e: Appalto): void {
  if (e.type === 'AppaltoCreato' || e.type === 'AppaltoCopiato') {
    if (!batch.creaAppalto(nuovoAppalto(e.data))) return;
    if (e.type === 'AppaltoCopiato') for (const lotto of e.data.lotti) batch.creaLotto(nuovoLotto(batch.appalto(id)!, lotto));
    return ricalcolaImporto(batch, id);
  }
  const appalto = batch.appalto(id);
  if (!appalto) return;
  // Like the aggregate: every event but the local verification is a change of the request (manuale START Richiedi CIG "data ultima modifica").
  if (e.type !== 'AppaltoVerificato') batch.aggiornaAppalto(id, { data_ultima_modifica: e.type === 'AppaltoModificato' ? e.data.modificatoIl : e.data.il });
  const lotti = (trasforma: (l: RigaLotto) => Partial<RigaLotto> | undefined) => {
    for (const lotto of batch.lottiDi(id)) {
      const valori = trasforma(lotto);
      if (valori) batch.aggiornaLotto(lotto, valori);
    }
  };
  switch (e.type) {
    case 'AppaltoModificato': {
      const { datiGara, rup, centroDiCosto } = e.data;
      batch.aggiornaAppalto(id, {
        oggetto_procedura: datiGara.oggetto, importo_dichiarato: importoNormalizzato(datiGara.importoComplessivo), rup_cf: rup.codiceFiscale,
        rup_nome: rup.nome, cdc_codice: centroDiCosto.codice, cdc_denominazione: centroDiCosto.denominazione,
        id_procedura: datiGara.idProcedura ?? appalto.id_procedura,
      });
      return ricalcolaImporto(batch, id);
    }
    case 'LottoAggiunto':
      batch.creaLotto(nuovoLotto(appalto, e.data.lotto));
      return ricalcolaImporto(batch, id);
    case 'LottoModificato': {
      const lotto = batch.lotto(id, e.data.lotIdentifier);
      if (lotto) batch.aggiornaLotto(lotto, { oggetto_lotto: e.data.dati.oggetto, valore: importoNormalizzato(e.data.dati.importo)! });
      return ricalcolaImporto(batch, id);
    }
    case 'LottoRimosso':
      batch.rimuoviLotto(id, e.data.lotIdentifier);
      return ricalcolaImporto(batch, id);
    case 'ProceduraCollegata':
      return batch.aggiornaAppalto(id, { id_procedura: e.data.idProcedura });
    case 'AppaltoInviato':
      return batch.aggiornaAppalto(id, { data_invio_richiesta: e.data.il, stato_richiesta: 'Richiesta' });
    case 'CigRichiesto': {
      const lotto = batch.lotto(id, e.data.lotIdentifier);
      if (lotto) batch.aggiornaLotto(lotto, { stato_lotto: 'CIG_RICHIESTO' });
      return;
    }
    case 'AppaltoRegistratoAnac':
      // A draft ANAC holds only to verify it (never sent) is still a Bozza, as statoRichiesta says.
      return batch.aggiornaAppalto(id, { id_appalto_anac: e.data.idAppaltoAnac, stato_appalto: 'IN_LAV', ...(appalto.data_invio_richiesta ? { stato_richiesta: 'Richiesta' } : {}) });
    case 'AppaltoConfermato': {
      const { idAppaltoAnac, cig, il } = e.data;
      // Manual «Richiedi CIG»: a direct award's CIG is available (perfected) at conferma; the others at publication,
      // which must come within 90 days. A request being withdrawn never gets there.
      const disponibile = appalto.tipologia_procedura === 'AFFIDAMENTO_DIRETTO' && appalto.ritiro_richiesto_il === null;
      batch.aggiornaAppalto(id, {
        stato_appalto: 'CONF', stato_richiesta: disponibile ? 'Perfezionata' : 'Richiesta', id_appalto_anac: idAppaltoAnac, data_conferma: il, esito_anac: null, errori_anac: null,
      });
      for (const { lotIdentifier, cig: codice } of cig) {
        const lotto = batch.lotto(id, lotIdentifier);
        if (!lotto) continue;
        const scadenza = appalto.tipologia_procedura === 'AFFIDAMENTO_DIRETTO' ? null : giornoDopo(il, GIORNI_SCADENZA_CIG);
        batch.aggiornaLotto(lotto, { cig: codice, stato_lotto: 'CIG_ASSEGNATO', cig_disponibile: disponibile, data_scadenza_cig: scadenza });
      }
      return;
    }
    case 'AppaltoRespinto':
      lotti((l) => (l.cig === null ? { stato_lotto: 'IN_BOZZA' } : undefined));
      // ANAC's refusal stays visible (state column "esito ANAC" and its codes) until a conferma succeeds.
      batch.aggiornaAppalto(id, { esito_anac: 'KO', errori_anac: e.data.errori.map((x) => `${x.codice}: ${x.descrizione}${x.dettaglio ? ` (${x.dettaglio})` : ''}`).join('; ') });
      // Refused before ANAC knew the appalto: a draft again. Once known (IN_LAV) it stays "Richiesta".
      return batch.aggiornaAppalto(id, (r) => (r.stato_appalto === 'BOZZA' ? { stato_richiesta: 'Bozza' } : undefined));
    case 'RitiroRichiesto':
      return batch.aggiornaAppalto(id, { ritiro_richiesto_il: e.data.il, stato_richiesta: 'Richiesta' });
    case 'AppaltoInAttesaPubblicazione':
      return batch.aggiornaAppalto(id, { stato_appalto: 'IN_ATT_PUBB' });
    case 'AppaltoPubblicato':
      batch.aggiornaAppalto(id, { stato_appalto: 'PUBB', stato_richiesta: 'Perfezionata', data_pubblicazione: e.data.il });
      return lotti((l) => (l.cig !== null ? { cig_disponibile: true, data_scadenza_cig: null } : undefined));
    case 'AvvisoModificato':
      for (const { lotIdentifier, cig } of e.data.cig) {
        const lotto = batch.lotto(id, lotIdentifier);
        if (lotto) batch.aggiornaLotto(lotto, { cig, stato_lotto: 'CIG_ASSEGNATO', cig_utilizzato: false, cig_utilizzato_in: null });
      }
      return;
    case 'AppaltoCancellato':
    case 'AppaltoEliminatoDaAnac':
      batch.aggiornaAppalto(id, { stato_appalto: 'CANC', stato_richiesta: 'Annullata', ritiro_richiesto_il: null });
      // A cancelled CIG has no deadline left.
      return lotti(() => ({ stato_lotto: 'CANCELLATO', cig_disponibile: false, data_scadenza_cig: null }));
    default:
      return;
  }
}

function nuovoAppalto(d: AppaltoCreatoData): RigaAppalto {
  return {
    appalto_id: d.appaltoId, regime: d.regime, scheda: d.scheda, tipologia_procedura: d.tipoProcedura, oggetto_procedura: d.datiGara.oggetto,
    sa_cf: d.stazioneAppaltante.codiceFiscale, sa_denominazione: d.stazioneAppaltante.denominazione, cdc_codice: d.centroDiCosto.codice,
    cdc_denominazione: d.centroDiCosto.denominazione, ufficio: d.ufficio, rup_cf: d.rup.codiceFiscale, rup_nome: d.rup.nome,
    creato_da: d.creatoDa.nome, id_appalto_anac: null, id_procedura: d.datiGara.idProcedura ?? null, stato_appalto: 'BOZZA',
    stato_richiesta: 'Bozza', importo_dichiarato: importoNormalizzato(d.datiGara.importoComplessivo), importo_complessivo: null,
    data_creazione: d.creatoIl, data_invio_richiesta: null, data_ultima_modifica: d.creatoIl, data_ultima_trasmissione: null,
    data_conferma: null, data_pubblicazione: null, esito_anac: null, errori_anac: null, ritiro_richiesto_il: null,
  };
}

function nuovoLotto(a: RigaAppalto, lotto: Lotto): RigaLotto {
  return {
    appalto_id: a.appalto_id, lot_identifier: lotto.lotIdentifier, cig: null, modalita: a.regime === 'SMARTCIG' ? 'SMARTCIG' : 'CIG',
    regime: a.regime, oggetto_procedura: a.oggetto_procedura, oggetto_lotto: lotto.oggetto, sa_cf: a.sa_cf, sa_denominazione: a.sa_denominazione,
    cdc_codice: a.cdc_codice, cdc_denominazione: a.cdc_denominazione, ufficio: a.ufficio, id_appalto_anac: a.id_appalto_anac,
    stato_appalto: a.stato_appalto, stato_richiesta: a.stato_richiesta, stato_lotto: 'IN_BOZZA', tipologia_procedura: a.tipologia_procedura,
    importo_complessivo: a.importo_complessivo, valore: importoNormalizzato(lotto.importo)!, rup_cf: a.rup_cf, rup_nome: a.rup_nome,
    creato_da: a.creato_da, data_creazione: a.data_creazione, data_invio_richiesta: a.data_invio_richiesta,
    data_ultima_modifica: a.data_ultima_modifica, data_ultima_trasmissione: a.data_ultima_trasmissione, cig_utilizzato: false,
    cig_disponibile: false, data_scadenza_cig: null, id_procedura: a.id_procedura, cig_utilizzato_in: null, data_conferma: a.data_conferma,
    esito_anac: a.esito_anac, errori_anac: a.errori_anac, ritiro_richiesto_il: a.ritiro_richiesto_il,
  };
}

/** Manuale START Richiedi CIG "importo complessivo di gara": as declared, otherwise the sum of the lots (as the aggregate computes it). */
function ricalcolaImporto(batch: ListingBatch, id: string): void {
  const appalto = batch.appalto(id);
  if (!appalto) return;
  const totale = appalto.importo_dichiarato ?? daCentesimi(batch.lottiDi(id).reduce((s, l) => s + centesimi(l.valore), 0n));
  if (totale !== appalto.importo_complessivo) batch.aggiornaAppalto(id, { importo_complessivo: totale });
}

/** The Italian calendar day `giorni` days after the instant `il` (a date column). */
function giornoDopo(il: string, giorni: number): string {
  const [anno, mese, giorno] = giornoItaliano(new Date(il)).split('-').map(Number);
  return new Date(Date.UTC(anno, mese - 1, giorno + giorni)).toISOString().slice(0, 10);
}
