import { Inject, Injectable } from '@nestjs/common';
import { isCigValido, validaCig } from '#anac';
import { appaltoDecider, appaltoStream, cigDecider, cigStream, nonTrovato, nonValido, type CigContext, type CigEsistente } from '#domain';
import type { Attore } from '#platform';
import { AggregateStore } from '../infrastructure/aggregate-store.js';
import type { Runtime } from '../infrastructure/runtime.js';
import { RUNTIME } from '../infrastructure/tokens.js';
import { autorizzaSuUfficio } from '../security/authorization.js';
import type { Azione } from '../security/policy.js';

/** Loads a CIG's stream and checks the caller may act on it (office scope of the policy). */
@Injectable()
export class CigLoader {
  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** 400 with the algorithm's reason when the code is not a valid CIG (libs/anac `validaCig`). */
  codice(input: string, campo = 'cig'): string {
    const v = validaCig(input);
    if (!v.valido) throw nonValido('CIG_NON_VALIDO', `Codice CIG non valido: ${v.motivo}`, [{ sezione: 'lotti', campo, messaggio: v.motivo, codice: 'CIG_NON_VALIDO' }]);
    return v.codice;
  }

  async carica(input: string, attore: Attore, azione: Azione): Promise<CigEsistente> {
    const cig = this.codice(input);
    const { state } = await this.aggregates.load(cigStream(cig), cigDecider);
    if (!state.esiste) throw nonTrovato('CIG_NON_TROVATO', `CIG ${cig} non trovato`);
    autorizzaSuUfficio(attore, azione, await this.ufficio(state));
    return state;
  }

  /** The office a CIG belongs to: its request's (SIMOG, SmartCIG, manual), the import's, or its PCP appalto's. */
  async ufficio(s: CigEsistente): Promise<string> {
    if (s.richiesta) return s.richiesta.ufficio;
    if (s.importato) return s.importato.ufficio;
    const { state } = await this.aggregates.load(appaltoStream(s.appaltoId), appaltoDecider);
    return state.esiste ? state.ufficio : '';
  }

  /** What the CIG decider needs; `now` defaults to the business clock's. */
  contesto(now = this.runtime.clock.now()): CigContext {
    return { now, newId: () => this.runtime.ids.uuid(), cigValido: isCigValido };
  }
}
