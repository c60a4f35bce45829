import { Inject, Injectable } from '@nestjs/common';
import { isCigValido, validaCig } from '#anac';
import { appaltoDecider, appaltoStream, cigDecider, cigStream, nonTrovato, nonValido, type CigContext, type CigEsistente } from '#domain';
import { CLOCK, ID_GENERATOR, type Attore, type Clock, type IdGenerator } from '#platform';
import { AggregateStore, type Loaded } from '../infrastructure/aggregate-store.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import type { Azione } from '../security/policy.js';

/** Loads a CIG's stream and checks the caller may act on it (office scope of the policy). */
@Injectable()
export class CigLoader {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** 400 with the algorithm's reason when the code is not a valid CIG (libs/anac `validaCig`). */
  codice(input: string, campo = 'cig'): string {
    const v = validaCig(input);
    if (!v.valido) throw nonValido('CIG_NON_VALIDO', `Codice CIG non valido: ${v.motivo}`, [{ sezione: 'lotti', campo, messaggio: v.motivo, codice: 'CIG_NON_VALIDO' }]);
    return v.codice;
  }

  /** The CIG's stream, read once: a command decides and appends on it (AggregateStore.decideAndAppend). */
  async carica(input: string, attore: Attore, azione: Azione): Promise<Loaded<CigEsistente>> {
    const cig = this.codice(input);
    const loaded = await this.aggregates.load(cigStream(cig), cigDecider);
    const { state } = loaded;
    if (!state.esiste) throw nonTrovato('CIG_NON_TROVATO', `CIG ${cig} non trovato`);
    autorizzaSuUfficio(attore, azione, await this.ufficio(state));
    return { ...loaded, state };
  }

  /** The office a CIG belongs to: its request's (SIMOG, SmartCIG, manual), the import's, or its PCP appalto's. */
  async ufficio(s: CigEsistente): Promise<string> {
    if (s.richiesta) return s.richiesta.ufficio;
    if (s.importato) return s.importato.ufficio;
    const { state } = await this.aggregates.load(appaltoStream(s.appaltoId), appaltoDecider);
    return state.esiste ? state.ufficio : '';
  }

  /** What the CIG decider needs; `now` defaults to the business clock's. */
  contesto(now = this.clock.now()): CigContext {
    return { now, newId: () => this.ids.uuid(), cigValido: isCigValido };
  }
}
