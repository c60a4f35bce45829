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
    const righe = events.map((event) => {
      const t = event.data as Trasmissione;
      const c = t.chiamata;
      return {
        id: event.id, appalto_id: t.appaltoId, pratica_id: t.praticaId, il: c.inizio, operazione: c.operazione, contesto: c.contesto,
        esito: c.esito, descrizione: c.descrizione, http_status: c.httpStatus ?? null, request_id: c.requestId, durata_ms: c.durataMs,
        tentativo: t.tentativo, per_conto_di: t.perContoDi, message_id: c.messageId ?? null, transaction_id: c.transactionId ?? null,
        errori: c.errori, richiesta: json(c.richiesta), risposta: json(c.risposta), posizione: event.position,
      };
    });
    if (righe.length === 0) return;
    // One statement per batch: a rebuild pays one round trip per page of events.
    await tx.query(
      `INSERT INTO rm_trasmissioni (${COLONNE}) SELECT ${COLONNE} FROM jsonb_populate_recordset(NULL::rm_trasmissioni, $1::jsonb)
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(righe)],
    );
  },
};

const COLONNE = 'id, appalto_id, pratica_id, il, operazione, contesto, esito, descrizione, http_status, request_id, durata_ms, tentativo, per_conto_di, message_id, transaction_id, errori, richiesta, risposta, posizione';

/** jsonb columns: an absent body stays SQL NULL (not JSON null). */
const json = (value: unknown) => (value === undefined ? null : value);
