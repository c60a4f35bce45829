import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { validaCig } from '#anac';
import { nonTrovato } from '#domain';
import type { EventStore } from '#event-store';
import { documentoInclusione, LettoreParametri, ProvaNonDisponibile, storiaCig, storiaCigDelCarnet, type BaseTemporale } from '#read-models';
import { EVENT_STORE, PG_POOL } from '../../infrastructure/tokens.js';
import { CarnetDelCig } from '../../carnet/carnet-del-cig.js';
import { autorizzaRuolo, autorizzaSuUfficio, leggeTutto, OperazioneNonConsentita } from '../../security/authorization.js';
import { StoriaCig } from './storia-cig.query.js';

/** Computed by folding the CIG's and its appalto's events up to the instant, never read from a read model (auditors replay it). */
@QueryHandler(StoriaCig)
export class StoriaCigHandler implements IQueryHandler<StoriaCig> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    private readonly carnets: CarnetDelCig,
  ) {}

  async execute({ codice, parametri, attore }: StoriaCig): Promise<object> {
    const p = new LettoreParametri(parametri, ['asOf', 'base', 'prove'], 'storia');
    const valido = validaCig(codice);
    if (!valido.valido) p.errore('cig', `codice CIG non valido: ${valido.motivo}`, 'CIG_NON_VALIDO');
    const asOf = p.istanteOFineGiorno('asOf');
    const base = p.scelta<BaseTemporale>('base', ['effettiva', 'registrazione']) ?? 'effettiva';
    const prove = p.siNo('prove') ?? false;
    p.verifica();
    // The records carry who acted (tax code included): the audit trail's readers only.
    if (prove) autorizzaRuolo(attore, 'audit.leggi');
    const storia = (await storiaCig(this.eventStore, valido.codice, { asOf, base })) ?? (await this.delCarnet(valido.codice, { asOf, base }));
    if (!storia) throw nonTrovato('CIG_NON_TROVATO', `CIG ${valido.codice} non trovato`);
    if (storia.ufficio !== null) autorizzaSuUfficio(attore, 'cig.leggi', storia.ufficio);
    else if (!leggeTutto(attore)) throw new OperazioneNonConsentita('Il CIG non appartiene a una richiesta del tuo ufficio');
    return prove ? { ...storia, prove: await this.prove(storia.eventi.map((e) => e.posizione)) } : storia;
  }

  /**
   * The inclusion proofs of the events shown, against the latest signed head: the events the head
   * does not cover yet (recorded after it) are listed in `nonCoperti`.
   */
  private async prove(posizioni: string[]) {
    try {
      const doc = await documentoInclusione(this.pool, { posizioni });
      const coperte = new Set(doc.prove.map((x) => x.record.posizione));
      return { ...doc, nonCoperti: posizioni.filter((x) => !coperte.has(x)) };
    } catch (error) {
      if (error instanceof ProvaNonDisponibile) return { formato: null, motivo: error.message, nonCoperti: posizioni };
      throw error;
    }
  }

  /** A code of a carnet has no stream of its own: its history is in the carnet's, under the carnet's office. */
  private async delCarnet(cig: string, opzioni: { asOf?: Date; base: BaseTemporale }) {
    const carnet = await this.carnets.trova(cig);
    return carnet ? storiaCigDelCarnet(this.eventStore, carnet.numero, cig, opzioni) : undefined;
  }
}
