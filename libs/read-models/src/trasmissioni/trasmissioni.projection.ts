import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import type { PraticaAnacEvent } from '#domain';
import { esitoTrasmissione, NumeratoreTentativi } from './esito-trasmissione.js';

type Trasmissione = Extract<PraticaAnacEvent, { type: 'TrasmissioneAnacEseguita' }>['data'];

/**
 * LOG TRASMISSIONI (the START manual «Richiedi CIG», docs/fonti.md): one row per exchange with
 * ANAC, with what ANAC support asks for (request and response bodies, gateway message and
 * transaction ids, timings, on whose behalf). `esito` is ANAC's outcome as ANAC sent it (see
 * `esitoTrasmissione`); `tentativo` numbers the attempts of each ANAC operation of a practice.
 */
export const trasmissioniProjection: Consumer = {
  name: 'trasmissioni',
  filter: { streamPrefixes: ['pratica-anac-'], eventTypes: ['TrasmissioneAnacEseguita'] },
  batchSize: 500,
  // A read model: rebuilt from the log if a crash loses its last batches.
  asyncCommit: true,
  async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
    if (events.length === 0) return;
    const pratiche = [...new Set(events.map((e) => (e.data as Trasmissione).praticaId))];
    // In one round trip: the attempts already numbered, and the rows already there (a batch seen again writes nothing twice).
    const { rows } = await tx.query<{ praticaId: string | null; operazione: string | null; tentativo: number | null; id: string | null }>(
      `SELECT pratica_id::text AS "praticaId", operazione, max(tentativo) AS tentativo, NULL::text AS id FROM rm_trasmissioni WHERE pratica_id = ANY($1::uuid[]) GROUP BY 1, 2
       UNION ALL
       SELECT NULL, NULL, NULL, id::text FROM rm_trasmissioni WHERE id = ANY($2::uuid[])`,
      [pratiche, events.map((e) => e.id)],
    );
    const gia = new Set(rows.flatMap((r) => (r.id === null ? [] : [r.id])));
    const numeratore = new NumeratoreTentativi(
      rows.flatMap((r) => (r.id === null && r.praticaId !== null && r.operazione !== null && r.tentativo !== null ? [{ praticaId: r.praticaId, operazione: r.operazione, tentativo: r.tentativo }] : [])),
    );
    const righe = events.filter((event) => !gia.has(event.id)).map((event) => {
      const t = event.data as Trasmissione;
      const c = t.chiamata;
      const { messaggio, errori } = esitoTrasmissione(c);
      return {
        id: event.id, appalto_id: t.appaltoId, pratica_id: t.praticaId, il: c.inizio, operazione: c.operazione, contesto: c.contesto,
        esito: messaggio, descrizione: c.descrizione, http_status: c.httpStatus ?? null, request_id: c.requestId, durata_ms: c.durataMs,
        tentativo: numeratore.prossimo(t.praticaId, c.operazione, c.pagina), per_conto_di: t.perContoDi, message_id: c.messageId ?? null,
        transaction_id: c.transactionId ?? null, errori, richiesta: json(c.richiesta), risposta: json(c.risposta), posizione: event.position,
      };
    });
    if (righe.length === 0) return;
    // One statement per batch: a rebuild pays a few round trips per page of events.
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
