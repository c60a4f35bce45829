import type { Consumer, RecordedEvent, SqlExecutor } from '#event-store';
import type { AppaltoEvent } from '#domain';
import { PraticheStore } from './pratiche.store.js';

/**
 * Opens an ANAC practice for every request the appalto records (sent, publish, replace the
 * avviso, cancel, verify at ANAC), in the transaction of its checkpoint: each request exactly once. A withdrawal
 * brings the conferma's next step forward. Redelivered or older requests change nothing (see
 * PraticheStore.apri).
 */
export function praticheConsumer(onOpened: () => void): Consumer {
  return {
    name: 'anac-pratiche',
    filter: {
      streamPrefixes: ['appalto-'],
      eventTypes: ['AppaltoInviato', 'PubblicazioneRichiesta', 'ModificaAvvisoRichiesta', 'CancellazioneRichiesta', 'RitiroRichiesto', 'VerificaAnacRichiesta'],
    },
    // The worker claims a practice and records its step with synchronous commits before calling
    // ANAC: a practice a crash loses before that is opened again from the log.
    asyncCommit: true,
    // The worker waits on these batches: each practice is opened as soon as its request is read.
    immediate: true,
    async handle(events: readonly RecordedEvent[], tx: SqlExecutor): Promise<void> {
      for (const event of events) {
        const appaltoId = event.streamId.slice('appalto-'.length);
        const e = { type: event.type, data: event.data } as AppaltoEvent;
        switch (e.type) {
          case 'AppaltoInviato':
            await PraticheStore.apri(tx, appaltoId, 'CONFERMA', e.data.richiestaId, {}, e.data.il, event.revision);
            break;
          case 'PubblicazioneRichiesta':
            await PraticheStore.apri(tx, appaltoId, 'PUBBLICAZIONE', e.data.richiestaId, {}, e.data.il, event.revision);
            break;
          case 'ModificaAvvisoRichiesta':
            await PraticheStore.apri(tx, appaltoId, 'MODIFICA_AVVISO', e.data.richiestaId, {}, e.data.il, event.revision);
            break;
          case 'CancellazioneRichiesta':
            await PraticheStore.apri(tx, appaltoId, 'CANCELLAZIONE', e.data.richiestaId, { motivo: e.data.motivo }, e.data.il, event.revision);
            break;
          case 'VerificaAnacRichiesta':
            await PraticheStore.apri(tx, appaltoId, 'VERIFICA', e.data.richiestaId, {}, e.data.il, event.revision);
            break;
          case 'RitiroRichiesto':
            // A conferma waiting for a retry is looked at now: if it never reached ANAC, it is not sent.
            await PraticheStore.anticipa(tx, appaltoId, 'CONFERMA');
            break;
          default:
            break;
        }
      }
    },
    afterCommit: () => onOpened(),
  };
}
