import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { garaSimogDecider, garaSimogStream, type GaraSimogCommand } from '#domain';
import { ID_GENERATOR, type IdGenerator } from '#platform';
import { Titolari } from '../../anagrafica/titolari.js';
import { AnacSimog } from '../../anac-simog/anac-simog.js';
import { AggregateStore, streamNuovo } from '../../infrastructure/aggregate-store.js';
import { GareSimog } from '../gare-simog.js';
import { CreaGaraSimog } from './crea-gara.command.js';

/** Decided on the new gara before SIMOG is asked (the rules of its date refuse it without bothering ANAC), then with SIMOG's number. */
@CommandHandler(CreaGaraSimog)
export class CreaGaraSimogHandler implements ICommandHandler<CreaGaraSimog> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly titolari: Titolari,
    private readonly gare: GareSimog,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute({ dati: dto, attore, meta }: CreaGaraSimog) {
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const garaId = this.ids.uuid();
    const comando = (numeroGara: string): GaraSimogCommand => ({ type: 'CreaGaraSimog', garaId, numeroGara, oggetto: dto.oggetto, importoComplessivo: dto.importoComplessivo, ...t });
    const nuova = streamNuovo(garaSimogDecider);
    const ctx = await this.gare.contesto();
    garaSimogDecider.decide(comando('0'), nuova.state, ctx);
    const { numeroGara } = await this.anac.chiama(garaId, this.anac.contesto(t), meta, (g) =>
      g.creaGara(this.anac.contesto(t), { idRichiesta: meta.idempotencyKey ?? garaId, oggetto: dto.oggetto, ...(dto.importoComplessivo ? { importo: dto.importoComplessivo } : {}) }));
    const esito = await this.aggregates.decideAndAppend(garaSimogStream(garaId), garaSimogDecider, nuova, [comando(numeroGara)], ctx, meta);
    return { id: garaId, numeroGara, posizione: esito.position };
  }
}
