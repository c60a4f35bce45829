import { isCigValido } from '#anac';
import { appaltoDecider, appaltoStream, cigDecider, cigStream, type AppaltoEsistente, type AppaltoEvent, type CigCommand, type CigState } from '#domain';
import type { Consumer, RecordedEvent } from '#event-store';
import type { Clock, IdGenerator } from '#platform';
import { caricatoDopo, type AggregateStore, type Loaded } from '../infrastructure/aggregate-store.js';
import { eseguiUnaVolta } from '../anac-simog/gia-applicato.js';

/**
 * Gives every CIG ANAC issued its own stream (`cig-<code>`): assigned at conferma; perfected when
 * it becomes available, that is at once for a direct award and at publication for open,
 * restricted and negotiated procedures (manual «Richiedi CIG», docs/fonti.md); superseded when
 * modifica-avviso replaces it; cancelled with its appalto. Each fact is dated as the appalto's
 * event that caused it. Idempotent: event ids derive from the appalto event, and an event whose
 * effect is already in the CIG's stream is done, whatever the checkpoint says (gia-applicato.ts).
 */
export function cigRegistrar(aggregates: AggregateStore, clock: Clock, ids: IdGenerator): Consumer {
  /**
   * The CIG's stream is read once for all the commands an event brings it (assigned and perfected
   * at once for a direct award): each is decided on what the one before appended. Each command
   * appends with its own ids, as when each was run on its own.
   */
  const esegui = async (origine: RecordedEvent, il: string, cig: string, comandi: readonly CigCommand[]) => {
    const contesto = { now: new Date(il), newId: () => ids.uuid(), cigValido: isCigValido };
    let stato: Loaded<CigState> | undefined;
    for (const [i, comando] of comandi.entries()) {
      const meta = {
        attore: { sistema: 'registro-cig' },
        correlationId: (origine.metadata.correlationId as string | undefined) ?? origine.id,
        causationId: origine.id,
        eventIdSeed: `registro-cig:${origine.id}:${cig}:${i}`,
        effectiveAt: il,
      };
      await eseguiUnaVolta(aggregates, cig, comando, async () => {
        try {
          stato ??= await aggregates.load(cigStream(cig), cigDecider);
          const eseguito = await aggregates.decideAndAppend(cigStream(cig), cigDecider, stato, [comando], contesto, meta, { retryOnConflict: 3 });
          stato = caricatoDopo(eseguito);
        } catch (error) {
          stato = undefined; // refused (its effect may be there already): the next command reads again
          throw error;
        }
      });
    }
  };
  return {
    name: 'registro-cig',
    filter: { streamPrefixes: ['appalto-'], eventTypes: ['AppaltoConfermato', 'AppaltoPubblicato', 'AvvisoModificato', 'AppaltoCancellato', 'AppaltoEliminatoDaAnac'] },
    async handle(events: readonly RecordedEvent[]): Promise<void> {
      for (const event of events) {
        const appaltoId = event.streamId.slice('appalto-'.length);
        const e = { type: event.type, data: event.data } as AppaltoEvent;
        const il = 'il' in e.data ? e.data.il : clock.now().toISOString();
        if (e.type === 'AppaltoConfermato') {
          const diretto = (await appalto(aggregates, appaltoId))?.tipoProcedura === 'AFFIDAMENTO_DIRETTO';
          for (const { cig, lotIdentifier } of e.data.cig) {
            const assegna: CigCommand = { type: 'AssegnaCig', cig, regime: 'PCP', appaltoId, lotIdentifier, idAppaltoAnac: e.data.idAppaltoAnac };
            await esegui(event, il, cig, diretto ? [assegna, { type: 'PerfezionaCig' }] : [assegna]);
          }
        } else if (e.type === 'AppaltoPubblicato') {
          for (const cig of (await appalto(aggregates, appaltoId))?.cig ?? []) await esegui(event, il, cig.cig, [{ type: 'PerfezionaCig' }]);
        } else if (e.type === 'AvvisoModificato') {
          // modifica-avviso replaces an avviso not yet published: the new codes too wait for the publication.
          for (const { cig, lotIdentifier, sostituisce } of e.data.cig) {
            await esegui(event, il, sostituisce, [{ type: 'SostituisciCig', sostituitoDa: cig }]);
            await esegui(event, il, cig, [{ type: 'AssegnaCig', cig, regime: 'PCP', appaltoId, lotIdentifier, sostituisce }]);
          }
        } else if (e.type === 'AppaltoCancellato' || e.type === 'AppaltoEliminatoDaAnac') {
          const motivo = e.type === 'AppaltoCancellato' ? e.data.motivo : 'Appalto eliminato da ANAC';
          for (const { cig } of (await appalto(aggregates, appaltoId))?.cig ?? []) await esegui(event, il, cig, [{ type: 'CancellaCigPerAppalto', motivo }]);
        }
      }
    },
  };
}

async function appalto(aggregates: AggregateStore, appaltoId: string): Promise<AppaltoEsistente | undefined> {
  const { state } = await aggregates.load(appaltoStream(appaltoId), appaltoDecider);
  return state.esiste ? state : undefined;
}
