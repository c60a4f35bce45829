import { cigDecider, cigStream, garaSimogDecider, garaSimogStream, piuGiorni, type CigCommand, type GaraSimogEvent, type LottoSimog } from '#domain';
import type { Consumer, RecordedEvent } from '#event-store';
import { eseguiUnaVolta } from '../anac-simog/gia-applicato.js';
import type { AggregateStore } from '../infrastructure/aggregate-store.js';
import type { CigLoader } from '../anac-simog/cig-loader.js';
import type { Gara } from './gare-simog.js';

/**
 * The assignment of a SIMOG lot's CIG to its own stream, from the gara and the lot's time `il`:
 * the same whether the request does it or the registro-cig-simog consumer repairs it.
 */
export function assegnaCigDelLotto(gara: Gara, lotto: LottoSimog, il: string, giorniPerfezionamento: number): Extract<CigCommand, { type: 'AssegnaCig' }> {
  // Avviso AVCP-SIMOG 2011: "un CIG creato ma non perfezionato in pratica è come se non esistesse": it must be perfected in time.
  const perfezionareEntro = piuGiorni(new Date(il), giorniPerfezionamento).toISOString();
  const richiesta = {
    stazioneAppaltante: gara.stazioneAppaltante, centroDiCosto: gara.centroDiCosto, ufficio: gara.ufficio, rup: gara.rup, creatoDa: gara.creatoDa,
    oggettoProcedura: gara.oggetto, oggetto: lotto.oggetto, importo: lotto.importo, numeroGara: gara.numeroGara, origine: 'ANAC' as const, perfezionareEntro,
  };
  return { type: 'AssegnaCig', cig: lotto.cig, regime: 'SIMOG', appaltoId: gara.garaId, lotIdentifier: lotto.lotIdentifier, richiesta };
}

/**
 * Makes sure every CIG SIMOG issued for a lot has its own stream (`cig-<code>`), as the PCP
 * registrar does for appalti. The request that adds a lot also assigns its CIG right away; this
 * consumer repairs the case where the service stopped between the two appends. Idempotent: an
 * assignment already there with the same data appends nothing.
 */
export function registroCigSimog(aggregates: AggregateStore, cigs: CigLoader, giorniPerfezionamento: () => number): Consumer {
  return {
    name: 'registro-cig-simog',
    filter: { streamPrefixes: ['gara-simog-'], eventTypes: ['LottoSimogAggiunto'] },
    async handle(events: readonly RecordedEvent[]): Promise<void> {
      for (const event of events) {
        const e = { type: event.type, data: event.data } as GaraSimogEvent;
        if (e.type !== 'LottoSimogAggiunto') continue;
        const { state: gara } = await aggregates.load(garaSimogStream(e.data.garaId), garaSimogDecider);
        if (!gara.esiste) continue;
        const comando = assegnaCigDelLotto(gara, e.data.lotto, e.data.il, giorniPerfezionamento());
        await eseguiUnaVolta(aggregates, e.data.lotto.cig, comando, () =>
          aggregates.execute(cigStream(e.data.lotto.cig), cigDecider, comando, cigs.contesto(new Date(e.data.il)), {
            attore: { sistema: 'registro-cig' },
            correlationId: (event.metadata.correlationId as string | undefined) ?? event.id,
            causationId: event.id,
            eventIdSeed: `registro-cig-simog:${event.id}`,
          }, { retryOnConflict: 3 }));
      }
    },
  };
}
