import { carnetStream, cigStream, type CarnetEvent, type CigEvent } from '#domain';
import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import { ScadenzeStore } from './scadenze.store.js';

/**
 * Records the deadlines the events announce, in the transaction of its checkpoint (each exactly
 * once): a SIMOG CIG to perfect by its date (avviso AVCP-SIMOG 2011), a carnet's expiry and its reporting term
 * 30 days later (nota SMART CIG 2011). A CIG perfected or cancelled no longer expires.
 */
export function scadenzeConsumer(onRecorded: () => void): Consumer {
  /** Whether the last batch recorded a deadline: only then is the scheduler woken (one that ends deadlines has nothing new to fire). */
  let registrate = false;
  return {
    name: 'scadenze',
    filter: { streamPrefixes: ['cig-', 'carnet-'], eventTypes: ['CigAssegnato', 'CigPerfezionato', 'CigCancellato', 'CigAnnullato', 'CarnetRilasciato'] },
    batchSize: 500,
    async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
      registrate = false;
      for (const event of events) {
        const e = { type: event.type, data: event.data } as CigEvent | CarnetEvent;
        switch (e.type) {
          case 'CigAssegnato': {
            const entro = e.data.richiesta?.perfezionareEntro;
            if (e.data.regime === 'SIMOG' && entro) {
              await ScadenzeStore.registra(tx, 'CIG_PERFEZIONAMENTO', e.data.cig, cigStream(e.data.cig), entro);
              registrate = true;
            }
            break;
          }
          case 'CigPerfezionato':
          case 'CigCancellato':
          case 'CigAnnullato':
            await ScadenzeStore.superata(tx, 'CIG_PERFEZIONAMENTO', e.data.cig);
            break;
          case 'CarnetRilasciato':
            await ScadenzeStore.registra(tx, 'CARNET_SCADENZA', e.data.numero, carnetStream(e.data.numero), e.data.scadenzaIl);
            await ScadenzeStore.registra(tx, 'RENDICONTAZIONE_SCADENZA', e.data.numero, carnetStream(e.data.numero), e.data.termineRendicontazione);
            registrate = true;
            break;
          default:
            break;
        }
      }
    },
    afterCommit: () => {
      if (registrate) onRecorded();
    },
  };
}
