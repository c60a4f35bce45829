import { Inject, Injectable } from '@nestjs/common';
import { appaltoDecider, appaltoStream, cigDecider, cigStream, nonTrovato, type CigState } from '#domain';
import type { EventStore } from '#event-store';
import type { AppConfig, Attore } from '#platform';
import { AggregateStore, type Loaded } from '../infrastructure/aggregate-store.js';
import { ConsumerRegistry } from '../infrastructure/consumer-registry.js';
import { APP_CONFIG, EVENT_STORE } from '../infrastructure/tokens.js';
import { CigLoader } from '../anac-simog/cig-loader.js';
import { autorizzaSuUfficio } from '../security/authorization.js';

/** What the CIG use cases read: a CIG and, for a PCP code, its appalto, once the caller may act on them. */
@Injectable()
export class CigLettore {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly consumers: ConsumerRegistry,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    readonly loader: CigLoader,
  ) {}

  /** The CIG's stream, read once. */
  leggi(cig: string): Promise<Loaded<CigState>> {
    return this.aggregates.load(cigStream(cig), cigDecider);
  }

  /**
   * A code with no PCP appalto (SIMOG, SmartCIG, carnet, registered by hand, imported) is read
   * under the office of its request or import, as GET /simog/cig/:cig does; acting on it is a 404.
   * `letto`: the CIG's stream if the caller already read it (each stream is read once).
   */
  async carica(codice: string, attore: Attore, azione: 'cig.leggi' | 'cig.utilizza', letto?: Loaded<CigState>) {
    const cig = this.loader.codice(codice);
    // A CIG just assigned gets its stream from the registro-cig consumer: wait for it, bounded
    // (the stream is read again only while the code is missing).
    const caricato = await this.attendiRegistro(letto ?? (await this.leggi(cig)), (l) => l.state.esiste, () => this.leggi(cig));
    const { state } = caricato;
    if (!state.esiste) throw nonTrovato('CIG_NON_TROVATO', `CIG ${cig} non trovato`);
    const { esiste: _e, ...stato } = state;
    if (azione === 'cig.leggi' && (state.richiesta || state.importato)) {
      autorizzaSuUfficio(attore, azione, await this.loader.ufficio(state));
      return { cig, stato, appalto: undefined, letto: caricato };
    }
    const { state: appalto } = await this.aggregates.load(appaltoStream(state.appaltoId), appaltoDecider);
    if (!appalto.esiste) throw nonTrovato('APPALTO_NON_TROVATO', `Appalto del CIG ${cig} non trovato`);
    autorizzaSuUfficio(attore, azione, appalto.ufficio);
    return { cig, stato, appalto, letto: caricato };
  }

  /**
   * Waits, bounded, until what was read is `pronto`, for what the registro-cig consumer writes
   * after an appalto event, reading again with `rileggi` after each wait. The log's head is read
   * again each time: the appalto event may not be below the horizon yet.
   */
  async attendiRegistro<T>(letto: T, pronto: (letto: T) => boolean, rileggi: () => Promise<T>): Promise<T> {
    const entro = Date.now() + Math.min(this.config.READ_WAIT_MAX_MS, 1_500);
    let ultimo = letto;
    while (!pronto(ultimo) && Date.now() < entro) {
      const head = await this.eventStore.headPosition();
      if (head) await this.consumers.waitForAll(head, Math.max(0, entro - Date.now()), ['registro-cig']);
      ultimo = await rileggi();
      if (!pronto(ultimo)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return ultimo;
  }
}
