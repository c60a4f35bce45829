import { isCigValido } from '#anac';
import { appaltoDecider, appaltoStream, cigDecider, cigStream, type AppaltoEvent, type CigCommand } from '#domain';
import type { Consumer, RecordedEvent } from '#event-store';
import type { Clock, IdGenerator } from '#platform';
import type { AggregateStore } from '../infrastructure/aggregate-store.js';

/**
 * Gives every CIG ANAC issued its own stream (`cig-<code>`): assigned and, for PCP, perfected at
 * once; superseded when modifica-avviso replaces it; cancelled with its appalto. Idempotent:
 * event ids derive from the appalto event, so a replay after a crash appends nothing new.
 */
export function cigRegistrar(aggregates: AggregateStore, clock: Clock, ids: IdGenerator): Consumer {
  const esegui = async (origine: RecordedEvent, cig: string, comandi: readonly CigCommand[]) => {
    const contesto = { now: clock.now(), newId: () => ids.uuid(), cigValido: isCigValido };
    for (const [i, comando] of comandi.entries()) {
      await aggregates.execute(cigStream(cig), cigDecider, comando, contesto, {
        attore: { sistema: 'registro-cig' },
        correlationId: (origine.metadata.correlationId as string | undefined) ?? origine.id,
        causationId: origine.id,
        eventIdSeed: `registro-cig:${origine.id}:${cig}:${i}`,
      }, { retryOnConflict: 3 });
    }
  };
  return {
    name: 'registro-cig',
    filter: { streamPrefixes: ['appalto-'], eventTypes: ['AppaltoConfermato', 'AvvisoModificato', 'AppaltoCancellato', 'AppaltoEliminatoDaAnac'] },
    async handle(events: readonly RecordedEvent[]): Promise<void> {
      for (const event of events) {
        const appaltoId = event.streamId.slice('appalto-'.length);
        const e = { type: event.type, data: event.data } as AppaltoEvent;
        if (e.type === 'AppaltoConfermato') {
          for (const { cig, lotIdentifier } of e.data.cig) {
            await esegui(event, cig, [
              { type: 'AssegnaCig', cig, regime: 'PCP', appaltoId, lotIdentifier, idAppaltoAnac: e.data.idAppaltoAnac },
              { type: 'PerfezionaCig' },
            ]);
          }
        } else if (e.type === 'AvvisoModificato') {
          for (const { cig, lotIdentifier, sostituisce } of e.data.cig) {
            await esegui(event, sostituisce, [{ type: 'SostituisciCig', sostituitoDa: cig }]);
            await esegui(event, cig, [{ type: 'AssegnaCig', cig, regime: 'PCP', appaltoId, lotIdentifier, sostituisce }, { type: 'PerfezionaCig' }]);
          }
        } else if (e.type === 'AppaltoCancellato' || e.type === 'AppaltoEliminatoDaAnac') {
          const motivo = e.type === 'AppaltoCancellato' ? e.data.motivo : 'Appalto eliminato da ANAC';
          for (const cig of await cigDellAppalto(aggregates, appaltoId)) await esegui(event, cig, [{ type: 'CancellaCigPerAppalto', motivo }]);
        }
      }
    },
  };
}

async function cigDellAppalto(aggregates: AggregateStore, appaltoId: string): Promise<string[]> {
  const { state } = await aggregates.load(appaltoStream(appaltoId), appaltoDecider);
  return state.esiste ? state.cig.map((c) => c.cig) : [];
}
