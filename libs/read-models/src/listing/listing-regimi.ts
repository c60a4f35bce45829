import { giornoItaliano, type CarnetEvent, type CigEvent, type GaraSimogEvent } from '#domain';
import type { ListingBatch } from './listing-batch.js';
import type { RigaLotto } from './listing-righe.js';

/**
 * SIMOG, SmartCIG, carnet codes and imported CIGs in the CIG listing (`rm_cig_listing`, manuale START Richiedi CIG).
 * Folded by the listing projection into the same in-memory batch as the PCP rows (one writer of the
 * table, one write per batch); answers true when the event was one of these regimes'. The rows an
 * event needs are named by {@link daCaricareRegimi} and loaded with the batch. The projection must
 * also subscribe to {@link PREFISSI_REGIMI_STORICI}. Rows:
 * - `appalto_id`: the gara's uuid (SIMOG), the SmartCIG's request uuid, the carnet's request id,
 *   the gara's (or code's) name-based uuid for imported rows; `lot_identifier`: the lot or the code;
 * - `modalita` CIG (SIMOG) or SMARTCIG (SmartCIG and carnet codes), `regime` SIMOG or SMARTCIG
 *   (imported rows: the regime of their date);
 * - `stato_richiesta` (manuale START Richiedi CIG): Richiesta until perfected / communicated, then Perfezionata;
 *   Annullata when cancelled or annulled; Scaduta when expired or left unreported.
 * Every change is an upsert or an idempotent update: replaying an event twice gives the same rows.
 */
export const PREFISSI_REGIMI_STORICI = ['cig-', 'carnet-', 'gara-simog-'] as const;

type Evento = CigEvent | CarnetEvent | GaraSimogEvent;

/** Rows of these regimes only: a PCP lot's row is never touched from here. */
const diRegimiStorici = (r: RigaLotto): boolean => r.regime === 'SIMOG' || r.regime === 'SMARTCIG' || r.stato_appalto === 'IMPORTATO';

/** The columns these regimes set; the others (PCP outcomes, withdrawal …) stay as they are, or empty on a new row. */
type Riga = Pick<RigaLotto,
  'appalto_id' | 'lot_identifier' | 'cig' | 'modalita' | 'regime' | 'oggetto_procedura' | 'oggetto_lotto' | 'sa_cf' | 'sa_denominazione' | 'cdc_codice' |
  'cdc_denominazione' | 'ufficio' | 'id_appalto_anac' | 'stato_appalto' | 'stato_richiesta' | 'stato_lotto' | 'tipologia_procedura' | 'importo_complessivo' |
  'valore' | 'rup_cf' | 'rup_nome' | 'creato_da' | 'data_creazione' | 'data_invio_richiesta' | 'data_ultima_modifica' | 'cig_utilizzato' | 'cig_disponibile' |
  'data_scadenza_cig'>;

const VUOTI = { data_ultima_trasmissione: null, id_procedura: null, cig_utilizzato_in: null, data_conferma: null, esito_anac: null, errori_anac: null, ritiro_richiesto_il: null } as const;

/** The rows an event of these regimes needs in the batch: by CIG code, and a carnet's codes by its number. */
export function daCaricareRegimi(e: { type: string; data: unknown }): { cig: string[]; carnet: string[] } {
  const ev = e as Evento;
  switch (ev.type) {
    case 'CarnetRilasciato':
      return { cig: [...ev.data.codici], carnet: [] };
    case 'RendicontazioneScaduta':
      return { cig: [...ev.data.nonRendicontati], carnet: [] };
    case 'CarnetScaduto':
      return { cig: [], carnet: [ev.data.numero] };
    default: {
      const cig = (e.data as { cig?: unknown } | null)?.cig;
      return { cig: typeof cig === 'string' ? [cig] : [], carnet: [] };
    }
  }
}

export function applicaRegimiStorici(batch: ListingBatch, event: { type: string; data: unknown }): boolean {
  const e = event as Evento;
  switch (e.type) {
    case 'CigAssegnato': {
      const { richiesta: r, regime } = e.data;
      if (!r || regime === 'PCP') return false;
      inserisci(batch, {
        appalto_id: e.data.appaltoId, lot_identifier: e.data.lotIdentifier, cig: e.data.cig, modalita: regime === 'SMARTCIG' ? 'SMARTCIG' : 'CIG', regime,
        oggetto_procedura: r.oggettoProcedura, oggetto_lotto: r.oggetto, sa_cf: r.stazioneAppaltante.codiceFiscale, sa_denominazione: r.stazioneAppaltante.denominazione,
        cdc_codice: r.centroDiCosto.codice, cdc_denominazione: r.centroDiCosto.denominazione, ufficio: r.ufficio, id_appalto_anac: r.numeroGara ?? null,
        stato_appalto: r.origine === 'MANUALE' ? 'REGISTRATO_A_MANO' : 'ASSEGNATO', stato_richiesta: 'Richiesta', stato_lotto: 'CIG_ASSEGNATO',
        tipologia_procedura: regime === 'SMARTCIG' ? 'SMARTCIG' : 'SIMOG', importo_complessivo: null, valore: r.importo, rup_cf: r.rup.codiceFiscale, rup_nome: r.rup.nome,
        creato_da: r.creatoDa.nome, data_creazione: e.data.il, data_invio_richiesta: e.data.il, data_ultima_modifica: e.data.il, cig_utilizzato: false,
        cig_disponibile: false, data_scadenza_cig: r.perfezionareEntro ? giorno(r.perfezionareEntro) : null,
      });
      return true;
    }
    case 'CigImportato': {
      const d = e.data.dati;
      inserisci(batch, {
        appalto_id: e.data.appaltoId, lot_identifier: e.data.lotIdentifier, cig: e.data.cig, modalita: e.data.regime === 'SMARTCIG' ? 'SMARTCIG' : 'CIG', regime: e.data.regime,
        oggetto_procedura: d.oggettoGara ?? d.oggettoLotto ?? '', oggetto_lotto: d.oggettoLotto ?? d.oggettoGara ?? '', sa_cf: d.cfAmministrazioneAppaltante ?? '',
        sa_denominazione: d.denominazioneAmministrazioneAppaltante ?? '', cdc_codice: d.idCentroCosto ?? '', cdc_denominazione: d.denominazioneCentroCosto ?? '',
        ufficio: d.ufficio, id_appalto_anac: d.numeroGara ?? null, stato_appalto: 'IMPORTATO', stato_richiesta: 'Richiesta', stato_lotto: 'CIG_ASSEGNATO',
        tipologia_procedura: d.tipoSceltaContraente ?? '', importo_complessivo: d.importoComplessivoGara ?? null, valore: d.importoLotto ?? '0', rup_cf: '', rup_nome: '',
        creato_da: 'Open data ANAC', data_creazione: e.data.il, data_invio_richiesta: e.data.il, data_ultima_modifica: e.data.il, cig_utilizzato: false,
        cig_disponibile: false, data_scadenza_cig: null,
      });
      return true;
    }
    case 'CigPerfezionato':
      return aggiornaCig(batch, e.data.cig, { stato_richiesta: 'Perfezionata', stato_lotto: 'CIG_PERFEZIONATO', cig_disponibile: true, data_scadenza_cig: null, data_ultima_modifica: e.data.il });
    case 'CigCancellato':
      // A cancelled (or annulled) CIG has no perfection deadline left.
      return aggiornaCig(batch, e.data.cig, { stato_richiesta: 'Annullata', stato_lotto: 'CANCELLATO', cig_disponibile: false, data_scadenza_cig: null, data_ultima_modifica: e.data.il });
    case 'AnnullamentoRichiesto':
      return aggiornaCig(batch, e.data.cig, { stato_lotto: 'ANNULLAMENTO_RICHIESTO', data_ultima_modifica: e.data.il });
    case 'AnnullamentoRespinto':
      return aggiornaCig(batch, e.data.cig, { stato_lotto: 'CIG_PERFEZIONATO', data_ultima_modifica: e.data.il });
    case 'CigAnnullato':
      return aggiornaCig(batch, e.data.cig, { stato_richiesta: 'Annullata', stato_lotto: 'ANNULLATO', cig_disponibile: false, data_scadenza_cig: null, data_ultima_modifica: e.data.il });
    case 'CigScaduto':
      return aggiornaCig(batch, e.data.cig, { stato_richiesta: 'Scaduta', stato_lotto: 'SCADUTO', cig_disponibile: false, data_ultima_modifica: e.data.il });
    case 'CigComunicato':
      return aggiornaCig(batch, e.data.cig, {
        oggetto_procedura: e.data.dati.oggetto, oggetto_lotto: e.data.dati.oggetto, valore: e.data.dati.importo, tipologia_procedura: e.data.dati.procedura,
        stato_richiesta: 'Perfezionata', stato_lotto: 'COMUNICATO', cig_disponibile: true, data_ultima_modifica: e.data.il,
      });
    case 'CarnetRilasciato':
      codiciDelCarnet(batch, e.data);
      return true;
    case 'CigDelCarnetComunicato':
      aggiornaCig(batch, e.data.cig, {
        oggetto_lotto: e.data.dati.oggetto, valore: e.data.dati.importo, tipologia_procedura: e.data.dati.procedura, stato_richiesta: 'Perfezionata',
        stato_lotto: 'COMUNICATO', cig_utilizzato: true, data_ultima_modifica: e.data.il,
      });
      return true;
    case 'CigDelCarnetAnnullato':
      aggiornaCig(batch, e.data.cig, { stato_richiesta: 'Annullata', stato_lotto: 'ANNULLATO', cig_disponibile: false, data_ultima_modifica: e.data.il });
      return true;
    case 'CarnetScaduto':
      for (const riga of batch.lottiDelCarnet(e.data.numero)) batch.aggiornaLotto(riga, { stato_appalto: 'CARNET_SCADUTO', cig_disponibile: false });
      return true;
    case 'RendicontazioneScaduta':
      for (const cig of e.data.nonRendicontati) {
        for (const riga of batch.lottiConCig(cig)) {
          if (diRegimiStorici(riga) && riga.stato_lotto === 'NON_RENDICONTATO') batch.aggiornaLotto(riga, { stato_richiesta: 'Scaduta', stato_lotto: 'NON_RENDICONTATO' });
        }
      }
      return true;
    case 'CarnetRichiesto':
    case 'GaraSimogCreata':
    case 'LottoSimogAggiunto':
    case 'GaraSimogCancellata':
      // The rows come from each lot's CigAssegnato and from CarnetRilasciato.
      return true;
    default:
      return false;
  }
}

const giorno = (iso: string) => giornoItaliano(new Date(iso));

/** Upsert by (appalto, lot): a row already there keeps the columns these regimes do not set. */
function inserisci(batch: ListingBatch, riga: Riga): void {
  const esistente = batch.lotto(riga.appalto_id, riga.lot_identifier);
  if (esistente) batch.aggiornaLotto(esistente, riga);
  else batch.creaLotto({ ...VUOTI, ...riga });
}

/** Updates the rows of a code of these regimes; true when there was one (a PCP code is left to the projection). */
function aggiornaCig(batch: ListingBatch, cig: string, valori: Partial<Riga>): boolean {
  const righe = batch.lottiConCig(cig).filter(diRegimiStorici);
  for (const riga of righe) batch.aggiornaLotto(riga, valori);
  return righe.length > 0;
}

function codiciDelCarnet(batch: ListingBatch, d: Extract<CarnetEvent, { type: 'CarnetRilasciato' }>['data']): void {
  const t = d.titolare;
  for (const cig of d.codici) {
    inserisci(batch, {
      appalto_id: d.richiestaId, lot_identifier: cig, cig, modalita: 'SMARTCIG', regime: 'SMARTCIG', oggetto_procedura: `Carnet ${d.numero}`, oggetto_lotto: '-',
      sa_cf: t.stazioneAppaltante.codiceFiscale, sa_denominazione: t.stazioneAppaltante.denominazione, cdc_codice: t.centroDiCosto.codice,
      cdc_denominazione: t.centroDiCosto.denominazione, ufficio: t.ufficio, id_appalto_anac: d.numero, stato_appalto: 'CARNET_ATTIVO', stato_richiesta: 'Richiesta',
      stato_lotto: 'NON_RENDICONTATO', tipologia_procedura: 'CARNET', importo_complessivo: null, valore: '0', rup_cf: t.rup.codiceFiscale, rup_nome: t.rup.nome,
      creato_da: t.richiestoDa.nome, data_creazione: d.rilasciatoIl, data_invio_richiesta: d.rilasciatoIl, data_ultima_modifica: d.rilasciatoIl,
      cig_utilizzato: false, cig_disponibile: true, data_scadenza_cig: giorno(d.scadenzaIl),
    });
  }
}
