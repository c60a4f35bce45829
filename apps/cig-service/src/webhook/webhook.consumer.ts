import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import { corpoWebhook, EVENTI_WEBHOOK, instradamentoDichiarato, isEventoWebhook, PREFISSI_WEBHOOK, type Instradamento } from './eventi-webhook.js';
import { WebhookStore, type SottoscrizioneConSegreto } from './webhook.store.js';

export const NOME_OUTBOX = 'webhook-outbox';

/** Whether a subscription wants an event of this type and office ("offices see only their events"). */
export const vuole = (s: Pick<SottoscrizioneConSegreto, 'eventi' | 'ufficio'>, tipo: string, instradamento: Instradamento): boolean =>
  s.eventi.includes(tipo) && (s.ufficio === null || s.ufficio === instradamento.ufficio);

/** The appalto stream an event points to, whose routing it inherits (a CIG's appalto). */
function flussoCitato(event: RecordedEvent): string | undefined {
  const appaltoId = (event.data as { appaltoId?: unknown } | null)?.appaltoId;
  return typeof appaltoId === 'string' ? `appalto-${appaltoId}` : undefined;
}

/** Routing of each event of the batch, learning (and storing) what the events declare about their streams. */
export async function instrada(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<Instradamento[]> {
  const flussi = new Set<string>();
  for (const e of events) {
    flussi.add(e.streamId);
    const citato = flussoCitato(e);
    if (citato) flussi.add(citato);
  }
  const noti = await WebhookStore.flussi(tx, [...flussi]);
  const esito: Instradamento[] = [];
  const dichiarati = new Map<string, Instradamento>();
  for (const e of events) {
    const dichiarato = instradamentoDichiarato(e, (f) => noti.get(f));
    if (dichiarato) {
      noti.set(e.streamId, dichiarato);
      dichiarati.set(e.streamId, dichiarato);
    }
    esito.push(noti.get(e.streamId) ?? { ufficio: null, chiave: e.streamId });
  }
  // What the batch learnt, stored once per stream in the batch's transaction.
  await WebhookStore.salvaFlussi(tx, dichiarati);
  return esito;
}

/**
 * The outbox of webhooks: for every event an active subscription wants, one delivery row written
 * in the transaction of this consumer's checkpoint. A crash keeps both or neither, so no event is
 * lost and none is queued twice; the delivery worker sends the rows.
 */
export function webhookOutbox(adesso: () => Date, onQueued: () => void): Consumer {
  /** Deliveries the last batch queued: the worker is woken only for some (none: nothing new to send). */
  let accodate = 0;
  return {
    name: NOME_OUTBOX,
    filter: { streamPrefixes: [...PREFISSI_WEBHOOK], eventTypes: [...new Set<string>([...EVENTI_WEBHOOK, 'CigImportato'])] },
    batchSize: 500,
    // The worker marks a delivery sent with a synchronous commit, which makes the queued row
    // durable first; a row a crash loses before that is queued again from the log.
    asyncCommit: true,
    async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
      accodate = 0;
      const instradamenti = await instrada(events, tx);
      const sottoscrizioni = await WebhookStore.attive(tx);
      if (sottoscrizioni.length === 0) return;
      const righe = events.flatMap((e, i) =>
        isEventoWebhook(e.type)
          ? sottoscrizioni
              .filter((s) => vuole(s, e.type, instradamenti[i]!))
              .map((s) => ({ sottoscrizioneId: s.id, corpo: corpoWebhook(e, instradamenti[i]!), chiave: instradamenti[i]!.chiave, ripetizione: false }))
          : [],
      );
      accodate = await WebhookStore.accoda(tx, righe, adesso());
    },
    afterCommit: () => {
      if (accodate > 0) onQueued();
    },
  };
}
