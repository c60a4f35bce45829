import { carnetStream, cigStream, type CarnetEvent, type CigEvent } from '#domain';
import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import { ScadenzeStore, type TipoScadenza } from './scadenze.store.js';

interface ScadenzaAnnunciata {
  readonly tipo: TipoScadenza;
  readonly chiave: string;
  readonly streamId: string;
  readonly dovutaIl: string;
}

/**
 * The deadlines an event announces: a SIMOG CIG to perfect by its date (avviso AVCP-SIMOG 2011),
 * a carnet's expiry and its reporting term 30 days later (nota SMART CIG 2011).
 */
function scadenzeAnnunciate(event: RecordedEvent): ScadenzaAnnunciata[] {
  const e = { type: event.type, data: event.data } as CigEvent | CarnetEvent;
  if (e.type === 'CigAssegnato') {
    const entro = e.data.richiesta?.perfezionareEntro;
    return e.data.regime === 'SIMOG' && entro ? [{ tipo: 'CIG_PERFEZIONAMENTO', chiave: e.data.cig, streamId: cigStream(e.data.cig), dovutaIl: entro }] : [];
  }
  if (e.type === 'CarnetRilasciato') {
    const streamId = carnetStream(e.data.numero);
    return [
      { tipo: 'CARNET_SCADENZA', chiave: e.data.numero, streamId, dovutaIl: e.data.scadenzaIl },
      { tipo: 'RENDICONTAZIONE_SCADENZA', chiave: e.data.numero, streamId, dovutaIl: e.data.termineRendicontazione },
    ];
  }
  return [];
}

/**
 * Records the deadlines the events announce, in the transaction of its checkpoint (each exactly
 * once). A CIG perfected or cancelled no longer expires. The scheduler is woken after a batch
 * that recorded a deadline (one that only ends some has nothing new to fire).
 */
export function scadenzeConsumer(onRecorded: () => void): Consumer {
  return {
    name: 'scadenze',
    filter: { streamPrefixes: ['cig-', 'carnet-'], eventTypes: ['CigAssegnato', 'CigPerfezionato', 'CigCancellato', 'CigAnnullato', 'CarnetRilasciato'] },
    batchSize: 500,
    // The scheduler claims a deadline with a synchronous commit before firing it, and the
    // deciders ignore one already ended: a row a crash loses is recorded again from the log.
    asyncCommit: true,
    async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
      for (const event of events) {
        for (const s of scadenzeAnnunciate(event)) await ScadenzeStore.registra(tx, s.tipo, s.chiave, s.streamId, s.dovutaIl);
        const e = { type: event.type, data: event.data } as CigEvent | CarnetEvent;
        if (e.type === 'CigPerfezionato' || e.type === 'CigCancellato' || e.type === 'CigAnnullato') await ScadenzeStore.superata(tx, 'CIG_PERFEZIONAMENTO', e.data.cig);
      }
    },
    afterCommit: (events) => {
      if (events.some((e) => scadenzeAnnunciate(e).length > 0)) onRecorded();
    },
  };
}
