import type { SqlExecutor } from '#event-store';
import { giornoItaliano, type CarnetEvent, type CigEvent, type GaraSimogEvent } from '#domain';

/**
 * SIMOG, SmartCIG, carnet codes and imported CIGs in the CIG listing (`rm_cig_listing`, manuale START Richiedi CIG).
 * Called by the listing projection for each event, in its transaction; answers true when the
 * event was one of these regimes' (then the projection need not look at it). The projection must
 * also subscribe to {@link PREFISSI_REGIMI_STORICI}. Rows:
 * - `appalto_id`: the gara's uuid (SIMOG), the SmartCIG's request uuid, the carnet's request id,
 *   the gara's (or code's) name-based uuid for imported rows; `lot_identifier`: the lot or the code;
 * - `modalita` CIG (SIMOG) or SMARTCIG (SmartCIG and carnet codes), `regime` SIMOG or SMARTCIG
 *   (imported rows: the regime of their date);
 * - `stato_richiesta` (manuale START Richiedi CIG): Richiesta until perfected / communicated, then Perfezionata;
 *   Annullata when cancelled or annulled; Scaduta when expired or left unreported.
 * Every write is an upsert or an idempotent update: replaying an event twice gives the same rows.
 */
export const PREFISSI_REGIMI_STORICI = ['cig-', 'carnet-', 'gara-simog-'] as const;

type Evento = CigEvent | CarnetEvent | GaraSimogEvent;

/** Rows of these regimes only: a PCP lot's row is never touched from here. */
const DI_REGIMI_STORICI = `(regime IN ('SIMOG', 'SMARTCIG') OR stato_appalto = 'IMPORTATO')`;

const COLONNE = [
  'appalto_id', 'lot_identifier', 'cig', 'modalita', 'regime', 'oggetto_procedura', 'oggetto_lotto', 'sa_cf', 'sa_denominazione', 'cdc_codice',
  'cdc_denominazione', 'ufficio', 'id_appalto_anac', 'stato_appalto', 'stato_richiesta', 'stato_lotto', 'tipologia_procedura', 'importo_complessivo',
  'valore', 'rup_cf', 'rup_nome', 'creato_da', 'data_creazione', 'data_invio_richiesta', 'data_ultima_modifica', 'cig_utilizzato', 'cig_disponibile',
  'data_scadenza_cig',
] as const;
type Riga = Record<(typeof COLONNE)[number], unknown>;

export async function applicaRegimiStorici(_streamId: string, event: { type: string; data: unknown }, tx: SqlExecutor): Promise<boolean> {
  const e = event as Evento;
  switch (e.type) {
    case 'CigAssegnato': {
      const { richiesta: r, regime } = e.data;
      if (!r || regime === 'PCP') return false;
      await inserisci(tx, {
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
      await inserisci(tx, {
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
      return aggiornaCig(tx, e.data.cig, { stato_richiesta: 'Perfezionata', stato_lotto: 'CIG_PERFEZIONATO', cig_disponibile: true, data_scadenza_cig: null, data_ultima_modifica: e.data.il });
    case 'CigCancellato':
      // A cancelled (or annulled) CIG has no perfection deadline left.
      return aggiornaCig(tx, e.data.cig, { stato_richiesta: 'Annullata', stato_lotto: 'CANCELLATO', cig_disponibile: false, data_scadenza_cig: null, data_ultima_modifica: e.data.il });
    case 'AnnullamentoRichiesto':
      return aggiornaCig(tx, e.data.cig, { stato_lotto: 'ANNULLAMENTO_RICHIESTO', data_ultima_modifica: e.data.il });
    case 'AnnullamentoRespinto':
      return aggiornaCig(tx, e.data.cig, { stato_lotto: 'CIG_PERFEZIONATO', data_ultima_modifica: e.data.il });
    case 'CigAnnullato':
      return aggiornaCig(tx, e.data.cig, { stato_richiesta: 'Annullata', stato_lotto: 'ANNULLATO', cig_disponibile: false, data_scadenza_cig: null, data_ultima_modifica: e.data.il });
    case 'CigScaduto':
      return aggiornaCig(tx, e.data.cig, { stato_richiesta: 'Scaduta', stato_lotto: 'SCADUTO', cig_disponibile: false, data_ultima_modifica: e.data.il });
    case 'CigComunicato':
      return aggiornaCig(tx, e.data.cig, {
        oggetto_procedura: e.data.dati.oggetto, oggetto_lotto: e.data.dati.oggetto, valore: e.data.dati.importo, tipologia_procedura: e.data.dati.procedura,
        stato_richiesta: 'Perfezionata', stato_lotto: 'COMUNICATO', cig_disponibile: true, data_ultima_modifica: e.data.il,
      });
    case 'CarnetRilasciato':
      await codiciDelCarnet(tx, e.data);
      return true;
    case 'CigDelCarnetComunicato':
      await aggiornaCig(tx, e.data.cig, {
        oggetto_lotto: e.data.dati.oggetto, valore: e.data.dati.importo, tipologia_procedura: e.data.dati.procedura, stato_richiesta: 'Perfezionata',
        stato_lotto: 'COMUNICATO', cig_utilizzato: true, data_ultima_modifica: e.data.il,
      });
      return true;
    case 'CigDelCarnetAnnullato':
      await aggiornaCig(tx, e.data.cig, { stato_richiesta: 'Annullata', stato_lotto: 'ANNULLATO', cig_disponibile: false, data_ultima_modifica: e.data.il });
      return true;
    case 'CarnetScaduto':
      await tx.query(
        `UPDATE rm_cig_listing SET stato_appalto = 'CARNET_SCADUTO', cig_disponibile = false WHERE id_appalto_anac = $1 AND modalita = 'SMARTCIG' AND regime = 'SMARTCIG'`,
        [e.data.numero],
      );
      return true;
    case 'RendicontazioneScaduta':
      await tx.query(
        `UPDATE rm_cig_listing SET stato_richiesta = 'Scaduta', stato_lotto = 'NON_RENDICONTATO' WHERE cig = ANY($1::text[]) AND ${DI_REGIMI_STORICI} AND stato_lotto = 'NON_RENDICONTATO'`,
        [e.data.nonRendicontati],
      );
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

async function inserisci(tx: SqlExecutor, riga: Riga): Promise<void> {
  const valori = COLONNE.map((c) => riga[c]);
  const aggiorna = COLONNE.filter((c) => c !== 'appalto_id' && c !== 'lot_identifier').map((c) => `${c} = EXCLUDED.${c}`);
  await tx.query(
    `INSERT INTO rm_cig_listing (${COLONNE.join(', ')}) VALUES (${COLONNE.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (appalto_id, lot_identifier) DO UPDATE SET ${aggiorna.join(', ')}`,
    valori,
  );
}

/** Updates the row of a code of these regimes; true when there was one (a PCP code is left to the projection). */
async function aggiornaCig(tx: SqlExecutor, cig: string, valori: Partial<Riga>): Promise<boolean> {
  const colonne = Object.keys(valori);
  const set = colonne.map((c, i) => `${c} = $${i + 2}`).join(', ');
  const r = await tx.query(`UPDATE rm_cig_listing SET ${set} WHERE cig = $1 AND ${DI_REGIMI_STORICI}`, [cig, ...colonne.map((c) => valori[c as keyof Riga])]);
  return (r.rowCount ?? 0) > 0;
}

async function codiciDelCarnet(tx: SqlExecutor, d: Extract<CarnetEvent, { type: 'CarnetRilasciato' }>['data']): Promise<void> {
  const t = d.titolare;
  for (const cig of d.codici) {
    await inserisci(tx, {
      appalto_id: d.richiestaId, lot_identifier: cig, cig, modalita: 'SMARTCIG', regime: 'SMARTCIG', oggetto_procedura: `Carnet ${d.numero}`, oggetto_lotto: '-',
      sa_cf: t.stazioneAppaltante.codiceFiscale, sa_denominazione: t.stazioneAppaltante.denominazione, cdc_codice: t.centroDiCosto.codice,
      cdc_denominazione: t.centroDiCosto.denominazione, ufficio: t.ufficio, id_appalto_anac: d.numero, stato_appalto: 'CARNET_ATTIVO', stato_richiesta: 'Richiesta',
      stato_lotto: 'NON_RENDICONTATO', tipologia_procedura: 'CARNET', importo_complessivo: null, valore: '0', rup_cf: t.rup.codiceFiscale, rup_nome: t.rup.nome,
      creato_da: t.richiestoDa.nome, data_creazione: d.rilasciatoIl, data_invio_richiesta: d.rilasciatoIl, data_ultima_modifica: d.rilasciatoIl,
      cig_utilizzato: false, cig_disponibile: true, data_scadenza_cig: giorno(d.scadenzaIl),
    });
  }
}
