import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import type { CarnetEvent } from '#domain';

/**
 * Carnet list and detail (nota SMART CIG 2011): numero, data creazione, data scadenza, dimensione, stato;
 * counts of codes non rendicontati / comunicati / annullati; each code with oggetto and stato.
 * Counts are recomputed from the code rows, so replaying any event twice gives the same rows.
 */
export const carnetProjection: Consumer = {
  name: 'carnet',
  filter: { streamPrefixes: ['carnet-'] },
  batchSize: 500,
  // A read model: rebuilt from the log if a crash loses its last batches.
  asyncCommit: true,
  async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const event of events) await applica({ type: event.type, data: event.data } as CarnetEvent, tx);
  },
};

async function applica(e: CarnetEvent, tx: SqlExecutor): Promise<void> {
  switch (e.type) {
    case 'CarnetRichiesto':
      return;
    case 'CarnetRilasciato': {
      const d = e.data;
      const t = d.titolare;
      await tx.query(
        `INSERT INTO rm_carnet (numero, richiesta_id, stato, data_creazione, data_scadenza, termine_rendicontazione, dimensione, sa_cf, sa_denominazione,
           cdc_codice, cdc_denominazione, ufficio, rup_cf, rup_nome, richiesto_da)
         VALUES ($1,$2,'ATTIVO',$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14) ON CONFLICT (numero) DO NOTHING`,
        [d.numero, d.richiestaId, d.rilasciatoIl, d.scadenzaIl, d.termineRendicontazione, d.codici.length, t.stazioneAppaltante.codiceFiscale,
          t.stazioneAppaltante.denominazione, t.centroDiCosto.codice, t.centroDiCosto.denominazione, t.ufficio, t.rup.codiceFiscale, t.rup.nome, t.richiestoDa.nome],
      );
      await tx.query(
        `INSERT INTO rm_carnet_cig (numero, ordine, cig, stato)
         SELECT $1, ordine, cig, 'NON_RENDICONTATO' FROM unnest($2::text[]) WITH ORDINALITY AS c(cig, ordine)
         ON CONFLICT (numero, cig) DO NOTHING`,
        [d.numero, d.codici],
      );
      return conta(tx, d.numero);
    }
    case 'CigDelCarnetComunicato':
      await tx.query(
        `UPDATE rm_carnet_cig SET stato = 'COMUNICATO', oggetto = $3, importo = $4, comunicato_il = $5, tardiva = $6 WHERE numero = $1 AND cig = $2`,
        [e.data.numero, e.data.cig, e.data.dati.oggetto, e.data.dati.importo, e.data.il, e.data.tardiva],
      );
      return conta(tx, e.data.numero);
    case 'CigDelCarnetAnnullato':
      await tx.query(`UPDATE rm_carnet_cig SET stato = 'ANNULLATO', comunicato_il = $3, tardiva = $4 WHERE numero = $1 AND cig = $2`, [e.data.numero, e.data.cig, e.data.il, e.data.tardiva]);
      return conta(tx, e.data.numero);
    case 'CarnetScaduto':
      await tx.query(`UPDATE rm_carnet SET stato = 'SCADUTO' WHERE numero = $1 AND stato = 'ATTIVO'`, [e.data.numero]);
      return;
    case 'RendicontazioneScaduta':
      await tx.query(`UPDATE rm_carnet SET stato = 'RENDICONTAZIONE_SCADUTA' WHERE numero = $1`, [e.data.numero]);
      return;
    default: {
      const _: never = e;
      return;
    }
  }
}

async function conta(tx: SqlExecutor, numero: string): Promise<void> {
  await tx.query(
    `UPDATE rm_carnet k SET
       non_rendicontati = (SELECT count(*) FROM rm_carnet_cig c WHERE c.numero = k.numero AND c.stato = 'NON_RENDICONTATO'),
       comunicati = (SELECT count(*) FROM rm_carnet_cig c WHERE c.numero = k.numero AND c.stato = 'COMUNICATO'),
       annullati = (SELECT count(*) FROM rm_carnet_cig c WHERE c.numero = k.numero AND c.stato = 'ANNULLATO')
     WHERE k.numero = $1`,
    [numero],
  );
}
