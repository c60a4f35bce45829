import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  carnetDecider, carnetStream, nonRendicontati, registroCarnetDecider, registroCarnetStream, verificaNuovoCarnet, type CarnetCommand, type CarnetEsistente,
} from '#domain';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '#platform';
import type pg from 'pg';
import { Titolari } from '../../anagrafica/titolari.js';
import { AnacSimog } from '../../anac-simog/anac-simog.js';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { conLock } from '../carnet-lock.js';
import { Carnets } from '../carnets.js';
import { RichiediCarnet } from './richiedi-carnet.command.js';

/**
 * "Richiedi nuovo" → "genera": under a lock per RUP and CdC, the registry (read once) decides (at
 * most 2 active, no overdue data), ANAC issues the carnet, the carnet and the registry are appended.
 */
@CommandHandler(RichiediCarnet)
export class RichiediCarnetHandler implements ICommandHandler<RichiediCarnet> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly titolari: Titolari,
    private readonly carnets: Carnets,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute({ dati: dto, attore, meta }: RichiediCarnet) {
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const registro = registroCarnetStream(t.centroDiCosto.codice, t.rup.codiceFiscale);
    return conLock(this.pool, registro, async () => {
      const caricato = await this.aggregates.load(registro, registroCarnetDecider);
      const aperti = new Map<string, number>();
      for (const c of caricato.state.carnet) {
        const { state: k } = await this.aggregates.load(carnetStream(c.numero), carnetDecider);
        aperti.set(c.numero, k.esiste ? nonRendicontati(k).length : 0);
      }
      const ctxRegistro = { now: this.clock.now(), newId: () => this.ids.uuid(), nonRendicontati: (n: string) => aperti.get(n) ?? 0 };
      verificaNuovoCarnet(caricato.state, ctxRegistro);
      const richiestaId = meta.causationId;
      const ctx = this.anac.contesto(t);
      const emesso = await this.anac.chiama(richiestaId, ctx, meta, (g) => g.richiediCarnet(ctx, { idRichiesta: meta.idempotencyKey ?? richiestaId }));
      const comando: CarnetCommand = { type: 'RilasciaCarnet', richiestaId, numero: emesso.numero, codici: emesso.codici, ...t, richiestoDa: t.creatoDa };
      // The number is ANAC's: the carnet's stream is read once (a request repeated with its Idempotency-Key finds it there).
      const esito = await this.aggregates.execute(carnetStream(emesso.numero), carnetDecider, comando, await this.carnets.contesto(), meta);
      const k = esito.state as CarnetEsistente;
      const reg = await this.aggregates.decideAndAppend(registro, registroCarnetDecider, caricato,
        [{ type: 'RegistraCarnet', numero: k.numero, rilasciatoIl: k.rilasciatoIl, scadenzaIl: k.scadenzaIl, termineRendicontazione: k.termineRendicontazione }], ctxRegistro, meta, { retryOnConflict: 3 });
      return { ...this.carnets.vista(k), posizione: reg.position ?? esito.position };
    });
  }
}
