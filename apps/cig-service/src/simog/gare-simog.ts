import { Inject, Injectable } from '@nestjs/common';
import { isCigValido } from '#anac';
import { cigDecider, cigStream, garaSimogDecider, garaSimogStream, nonTrovato, type GaraSimogContext, type GaraSimogState, type StatoCig } from '#domain';
import { CLOCK, ID_GENERATOR, type Attore, type Clock, type IdGenerator } from '#platform';
import { Titolari } from '../anagrafica/titolari.js';
import { AggregateStore, type Loaded } from '../infrastructure/aggregate-store.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import type { Azione } from '../security/policy.js';

export type Gara = Extract<GaraSimogState, { esiste: true }>;

/** What the SIMOG use cases share: a gara's stream read once and authorised on, the decider's context. */
@Injectable()
export class GareSimog {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly titolari: Titolari,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async carica(garaId: string, attore: Attore, azione: Azione): Promise<Loaded<Gara>> {
    const caricata = await this.aggregates.load(garaSimogStream(garaId), garaSimogDecider);
    const { state } = caricata;
    if (!state.esiste) throw nonTrovato('GARA_NON_TROVATA', `Gara SIMOG ${garaId} non trovata`);
    autorizzaSuUfficio(attore, azione, state.ufficio);
    return { ...caricata, state };
  }

  /** The states of the gara's lot CIGs (each from its own stream). */
  async statiCig(gara: Gara): Promise<Record<string, StatoCig>> {
    const stati: Record<string, StatoCig> = {};
    for (const l of gara.lotti) {
      const { state } = await this.aggregates.load(cigStream(l.cig), cigDecider);
      if (state.esiste) stati[l.cig] = state.stato;
    }
    return stati;
  }

  async contesto(stati: Record<string, StatoCig> = {}): Promise<GaraSimogContext> {
    return {
      now: this.clock.now(), newId: () => this.ids.uuid(), cigValido: isCigValido,
      responsabileNelCdc: await this.titolari.responsabileNelCdc(), statoCig: (cig) => stati[cig],
    };
  }
}
