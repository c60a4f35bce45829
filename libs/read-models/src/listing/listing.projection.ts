import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import type { AppaltoEvent, CigEvent, Lotto, PraticaAnacEvent, StatoAppalto } from '#domain';

type Evento = AppaltoEvent | CigEvent | PraticaAnacEvent;

/** Request states of the START listing (seed 002) from the appalto's state (as `statoRichiesta` of the domain). */
const STATO_RICHIESTA: Record<StatoAppalto, string> = {
  BOZZA: 'Bozza',
  IN_LAV: 'Richiesta',
  CONF: 'Perfezionata',
  IN_ATT_PUBB: 'Perfezionata',
  PUBB: 'Perfezionata',
  IN_STOP_PUBB: 'Perfezionata',
  CANC: 'Annullata',
};

/** Columns copied from the appalto onto each of its lot rows (the listing is one row per lot). */
const COLONNE_APPALTO = [
  'regime', 'oggetto_procedura', 'sa_cf', 'sa_denominazione', 'cdc_codice', 'cdc_denominazione', 'ufficio', 'id_appalto_anac',
  'stato_appalto', 'stato_richiesta', 'tipologia_procedura', 'importo_complessivo', 'rup_cf', 'rup_nome', 'creato_da',
  'data_creazione', 'data_invio_richiesta', 'data_ultima_modifica', 'data_ultima_trasmissione',
];

/**
 * The CIG listing: `rm_appalti` (one row per request) and `rm_cig_listing` (one row per lot,
 * the request's columns copied onto it so that every filter reads one table). One consumer of
 * the appalto, CIG and ANAC-practice streams keeps the rows in event order.
 */
export const listingProjection: Consumer = {
  name: 'listing',
  filter: { streamPrefixes: ['appalto-', 'cig-', 'pratica-anac-'] },
  batchSize: 500,
  async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const event of events) {
      const id = event.streamId.startsWith('appalto-') ? event.streamId.slice('appalto-'.length) : '';
      await applica(id, { type: event.type, data: event.data } as Evento, tx);
    }
  },
};

async function applica(appaltoId: string, e: Evento, tx: SqlExecutor): Promise<void> {
  switch (e.type) {
    case 'AppaltoCreato':
    case 'AppaltoCopiato':
      await creaAppalto(e, tx);
      return;
    case 'AppaltoModificato':
      return aggiorna(tx, appaltoId, {
        oggetto_procedura: e.data.datiGara.oggetto,
        importo_complessivo: e.data.datiGara.importoComplessivo ?? null,
        rup_cf: e.data.rup.codiceFiscale,
        rup_nome: e.data.rup.nome,
        cdc_codice: e.data.centroDiCosto.codice,
        cdc_denominazione: e.data.centroDiCosto.denominazione,
        data_ultima_modifica: e.data.modificatoIl,
      });
    case 'LottoAggiunto':
      await inserisciLotto(tx, appaltoId, e.data.lotto);
      return aggiorna(tx, appaltoId, { data_ultima_modifica: e.data.il });
    case 'LottoModificato':
      await tx.query('UPDATE rm_cig_listing SET oggetto_lotto = $3, valore = $4 WHERE appalto_id = $1 AND lot_identifier = $2', [
        appaltoId, e.data.lotIdentifier, e.data.dati.oggetto, e.data.dati.importo,
      ]);
      return aggiorna(tx, appaltoId, { data_ultima_modifica: e.data.il });
    case 'LottoRimosso':
      await tx.query('DELETE FROM rm_cig_listing WHERE appalto_id = $1 AND lot_identifier = $2', [appaltoId, e.data.lotIdentifier]);
      return aggiorna(tx, appaltoId, { data_ultima_modifica: e.data.il });
    case 'ClassificazioneImpostata':
      return aggiorna(tx, appaltoId, { data_ultima_modifica: e.data.il });
    case 'ProceduraCollegata':
      await tx.query('UPDATE rm_appalti SET id_procedura = $2 WHERE appalto_id = $1', [appaltoId, e.data.idProcedura]);
      return;
    case 'AppaltoInviato':
      return aggiorna(tx, appaltoId, { data_invio_richiesta: e.data.il, stato_richiesta: 'Richiesta' });
    case 'CigRichiesto':
      await tx.query(`UPDATE rm_cig_listing SET stato_lotto = 'CIG_RICHIESTO' WHERE appalto_id = $1 AND lot_identifier = $2`, [appaltoId, e.data.lotIdentifier]);
      return;
    case 'AppaltoRegistratoAnac':
      return aggiorna(tx, appaltoId, { id_appalto_anac: e.data.idAppaltoAnac, stato_appalto: 'IN_LAV', stato_richiesta: STATO_RICHIESTA.IN_LAV });
    case 'AppaltoConfermato':
      await aggiorna(tx, appaltoId, { stato_appalto: 'CONF', stato_richiesta: STATO_RICHIESTA.CONF, id_appalto_anac: e.data.idAppaltoAnac });
      await tx.query('UPDATE rm_appalti SET data_conferma = $2 WHERE appalto_id = $1', [appaltoId, e.data.il]);
      for (const { lotIdentifier, cig } of e.data.cig) {
        await tx.query(
          `UPDATE rm_cig_listing SET cig = $3, stato_lotto = 'CIG_ASSEGNATO',
             cig_disponibile = (tipologia_procedura = 'AFFIDAMENTO_DIRETTO')
           WHERE appalto_id = $1 AND lot_identifier = $2`,
          [appaltoId, lotIdentifier, cig],
        );
      }
      return;
    case 'AppaltoRespinto':
      await tx.query(
        `UPDATE rm_cig_listing SET stato_lotto = CASE WHEN cig IS NULL THEN 'IN_BOZZA' ELSE stato_lotto END WHERE appalto_id = $1`,
        [appaltoId],
      );
      // Refused before ANAC knew the appalto: a draft again. Once known (IN_LAV) it stays "Richiesta".
      return aggiorna(tx, appaltoId, { stato_richiesta: 'Bozza' }, "stato_appalto = 'BOZZA'");
    case 'AppaltoInAttesaPubblicazione':
      return aggiorna(tx, appaltoId, { stato_appalto: 'IN_ATT_PUBB' });
    case 'AppaltoPubblicato':
      await aggiorna(tx, appaltoId, { stato_appalto: 'PUBB' });
      await tx.query('UPDATE rm_appalti SET data_pubblicazione = $2 WHERE appalto_id = $1', [appaltoId, e.data.il]);
      await tx.query('UPDATE rm_cig_listing SET cig_disponibile = true WHERE appalto_id = $1 AND cig IS NOT NULL', [appaltoId]);
      return;
    case 'AvvisoModificato':
      for (const { lotIdentifier, cig } of e.data.cig) {
        await tx.query('UPDATE rm_cig_listing SET cig = $3, cig_utilizzato = false WHERE appalto_id = $1 AND lot_identifier = $2', [appaltoId, lotIdentifier, cig]);
      }
      return;
    case 'AppaltoCancellato':
    case 'AppaltoEliminatoDaAnac':
      await aggiorna(tx, appaltoId, { stato_appalto: 'CANC', stato_richiesta: STATO_RICHIESTA.CANC });
      await tx.query(`UPDATE rm_cig_listing SET stato_lotto = 'CANCELLATO', cig_disponibile = false WHERE appalto_id = $1`, [appaltoId]);
      return;
    case 'CigUtilizzato':
      await tx.query('UPDATE rm_cig_listing SET cig_utilizzato = true WHERE cig = $1', [e.data.cig]);
      return;
    case 'TrasmissioneAnacEseguita':
      return aggiorna(tx, e.data.appaltoId, { data_ultima_trasmissione: e.data.chiamata.inizio }, 'data_ultima_trasmissione IS NULL OR data_ultima_trasmissione < $2');
    default:
      return;
  }
}

async function creaAppalto(e: Extract<Evento, { type: 'AppaltoCreato' | 'AppaltoCopiato' }>, tx: SqlExecutor): Promise<void> {
  const d = e.data;
  await tx.query(
    `INSERT INTO rm_appalti (appalto_id, regime, scheda, tipologia_procedura, oggetto_procedura, sa_cf, sa_denominazione, cdc_codice,
       cdc_denominazione, ufficio, rup_cf, rup_nome, creato_da, id_procedura, stato_appalto, stato_richiesta, importo_complessivo,
       data_creazione, data_ultima_modifica)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,'BOZZA','Bozza',$15,$16,$16) ON CONFLICT (appalto_id) DO NOTHING`,
    [d.appaltoId, d.regime, d.scheda, d.tipoProcedura, d.datiGara.oggetto, d.stazioneAppaltante.codiceFiscale, d.stazioneAppaltante.denominazione,
      d.centroDiCosto.codice, d.centroDiCosto.denominazione, d.ufficio, d.rup.codiceFiscale, d.rup.nome, d.creatoDa.nome,
      d.datiGara.idProcedura ?? null, d.datiGara.importoComplessivo ?? null, d.creatoIl],
  );
  if (e.type === 'AppaltoCopiato') for (const lotto of e.data.lotti) await inserisciLotto(tx, d.appaltoId, lotto);
}

async function inserisciLotto(tx: SqlExecutor, appaltoId: string, lotto: Lotto): Promise<void> {
  await tx.query(
    `INSERT INTO rm_cig_listing (appalto_id, lot_identifier, oggetto_lotto, valore, stato_lotto, ${COLONNE_APPALTO.join(', ')})
     SELECT a.appalto_id, $2, $3, $4, 'IN_BOZZA', ${COLONNE_APPALTO.map((c) => `a.${c}`).join(', ')}
       FROM rm_appalti a WHERE a.appalto_id = $1
     ON CONFLICT (appalto_id, lot_identifier) DO NOTHING`,
    [appaltoId, lotto.lotIdentifier, lotto.oggetto, lotto.importo],
  );
}

/** Updates the appalto row and the same columns on each of its lot rows. */
async function aggiorna(tx: SqlExecutor, appaltoId: string, valori: Record<string, unknown>, condizione?: string): Promise<void> {
  const colonne = Object.keys(valori);
  const set = colonne.map((c, i) => `${c} = $${i + 2}`).join(', ');
  const where = `appalto_id = $1${condizione ? ` AND (${condizione})` : ''}`;
  const params = [appaltoId, ...colonne.map((c) => valori[c])];
  await tx.query(`UPDATE rm_appalti SET ${set} WHERE ${where}`, params);
  await tx.query(`UPDATE rm_cig_listing SET ${set} WHERE ${where}`, params);
}
