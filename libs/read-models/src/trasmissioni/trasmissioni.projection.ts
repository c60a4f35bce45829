import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import type { PraticaAnacEvent } from '#domain';

type Trasmissione = Extract<PraticaAnacEvent, { type: 'TrasmissioneAnacEseguita' }>['data'];

/**
 * LOG TRASMISSIONI (seed 002): one row per exchange with ANAC, with what ANAC support asks for
 * (request and response bodies, gateway message and transaction ids, timings, on whose behalf).
 */
export const trasmissioniProjection: Consumer = {
  name: 'trasmissioni',
  filter: { streamPrefixes: ['pratica-anac-'], eventTypes: ['TrasmissioneAnacEseguita'] },
  batchSize: 500,
  async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    for (const event of events) {
      const t = event.data as Trasmissione;
      const c = t.chiamata;
      await tx.query(
        `INSERT INTO rm_trasmissioni (id, appalto_id, pratica_id, il, operazione, contesto, esito, descrizione, http_status,
           request_id, durata_ms, tentativo, per_conto_di, message_id, transaction_id, errori, richiesta, risposta, posizione)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)
         ON CONFLICT (id) DO NOTHING`,
        [
          event.id, t.appaltoId, t.praticaId, c.inizio, c.operazione, c.contesto, c.esito, c.descrizione, c.httpStatus ?? null,
          c.requestId, c.durataMs, t.tentativo, t.perContoDi, c.messageId ?? null, c.transactionId ?? null,
          JSON.stringify(c.errori), json(c.richiesta), json(c.risposta), event.position,
        ],
      );
    }
  },
};

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
