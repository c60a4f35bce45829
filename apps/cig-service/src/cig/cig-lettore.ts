import { Inject, Injectable } from '@nestjs/common';
import { appaltoDecider, appaltoStream, cigDecider, cigStream, nonTrovato } from '#domain';
import type { Attore } from '#platform';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { autorizzaSuUfficio } from '../security/authorization.js';

/** What the CIG use cases read: a CIG and, for a PCP code, its appalto, once the caller may act on them. */
@Injectable()
export class CigLettore {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly consumers: ConsumerRegistry,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    readonly loader: CigLoader,
  ) {}

  /**
   * A code with no PCP appalto (SIMOG, SmartCIG, carnet, registered by hand, imported) is read
   * under the office of its request or import, as GET /simog/cig/:cig does; acting on it is a 404.
   */
  async carica(codice: string, attore: Attore, azione: 'cig.leggi' | 'cig.utilizza') {
    const cig = this.loader.codice(codice);
    // A CIG just assigned gets its stream from the registro-cig consumer: wait for it, bounded.
    await this.attendiRegistro(() => this.aggregates.load(cigStream(cig), cigDecider).then(({ state }) => state.esiste));
    const { state } = await this.aggregates.load(cigStream(cig), cigDecider);
    if (!state.esiste) throw nonTrovato('CIG_NON_TROVATO', `CIG ${cig} non trovato`);
    const { esiste: _e, ...stato } = state;
    if (azione === 'cig.leggi' && (state.richiesta || state.importato)) {
      autorizzaSuUfficio(attore, azione, await this.loader.ufficio(state));
      return { cig, stato, appalto: undefined };
    }
    const { state: appalto } = await this.aggregates.load(appaltoStream(state.appaltoId), appaltoDecider);
    if (!appalto.esiste) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto del CIG ${cig} non trovato`);
    autorizzaSuUfficio(attore, azione, appalto.ufficio);
    return { cig, stato, appalto };
  }

  /**
   * Waits, bounded, until `fatto` holds, for what the registro-cig consumer writes after an appalto
   * event. The log's head is read again each time: the appalto event may not be below the horizon yet.
   */
  async attendiRegistro(fatto: () => Promise<boolean>): Promise<void> {
    const entro = Date.now() + Math.min(this.runtime.config.READ_WAIT_MAX_MS, 1_500);
    while (!(await fatto()) && Date.now() < entro) {
      const head = await this.runtime.eventStore.headPosition();
      if (head) await this.consumers.waitForAll(head, Math.max(0, entro - Date.now()), ['registro-cig']);
      if (!(await fatto())) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
