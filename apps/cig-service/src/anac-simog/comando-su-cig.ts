import { Injectable } from '@nestjs/common';
import type { SimogCallContext, SimogGateway, SimogResult } from '#anac';
import { cigDecider, cigStream, type CigCommand, type CigEsistente } from '#domain';
import type { Position } from '#event-store';
import type { Attore } from '#platform';
import { AggregateStore, type CommandMeta } from '../infrastructure/aggregate-store.js';
import type { Azione } from '../security/policy.js';
import { AnacSimog } from './anac-simog.js';
import { CigLoader } from './cig-loader.js';

export interface EsitoSuCig {
  readonly cig: string;
  /** The CIG after the command (as loaded when there was nothing to do). */
  readonly stato: CigEsistente;
  readonly posizione: Position | undefined;
}

/**
 * A command on an existing SIMOG or SmartCIG code: the CIG's stream is read once and authorised
 * on, the command decided on it (the rules of its date refuse it without bothering ANAC), ANAC is
 * asked for codes it issued, and the events are appended on the state read. Codes registered by
 * hand are managed on SIMOG by the user: only their history is kept here.
 */
@Injectable()
export class ComandoSuCig {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly cigs: CigLoader,
  ) {}

  async esegui<T>(
    codice: string, attore: Attore, azione: Azione, meta: CommandMeta,
    comando: (s: CigEsistente, risposta?: T) => CigCommand,
    chiamata: (g: SimogGateway, ctx: SimogCallContext, s: CigEsistente) => Promise<SimogResult<T>>,
  ): Promise<EsitoSuCig> {
    const caricato = await this.cigs.carica(codice, attore, azione);
    const s = caricato.state;
    if (cigDecider.decide(comando(s), s, this.cigs.contesto()).length === 0) return { cig: s.cig, stato: s, posizione: undefined };
    let risposta: T | undefined;
    if (s.richiesta?.origine === 'ANAC') {
      const ctx = this.anac.contesto(s.richiesta);
      risposta = await this.anac.chiama(s.appaltoId, ctx, meta, (g) => chiamata(g, ctx, s));
    }
    // ANAC has answered: a change meanwhile (another command on the same code) is decided again, not refused.
    const esito = await this.aggregates.decideAndAppend(cigStream(s.cig), cigDecider, caricato, [comando(s, risposta)], this.cigs.contesto(), meta, { retryOnConflict: 3 });
    return { cig: s.cig, stato: esito.state as CigEsistente, posizione: esito.position };
  }
}
