import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generaCig } from '#anac';
import { cigDecider, cigStream, type CigCommand, type CigEsistente } from '#domain';
import { ID_GENERATOR, type IdGenerator } from '#platform';
import { Titolari } from '../../anagrafica/titolari.js';
import { AnacSimog } from '../../anac-simog/anac-simog.js';
import { CigLoader } from '../../anac-simog/cig-loader.js';
import { AggregateStore } from '../../infrastructure/aggregate-store.js';
import { datiSmartCig } from '../dati-smart-cig.js';
import { RichiediSmartCig } from './richiedi-smart-cig.command.js';

/** Decided before SmartCIG is asked (the rules of its date refuse it without bothering ANAC), then on the code's stream with the code issued. */
@CommandHandler(RichiediSmartCig)
export class RichiediSmartCigHandler implements ICommandHandler<RichiediSmartCig> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly anac: AnacSimog,
    private readonly titolari: Titolari,
    private readonly cigs: CigLoader,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute({ dati: dto, attore, meta }: RichiediSmartCig) {
    const t = await this.titolari.risolvi(attore, dto.centroDiCosto, dto.rup);
    const appaltoId = this.ids.uuid();
    const dati = datiSmartCig({ ...dto.dati });
    const richiesta = { ...t, oggettoProcedura: dati.oggetto, oggetto: dati.oggetto, importo: dati.importo, origine: 'ANAC' as const };
    const comando = (cig: string): CigCommand => ({ type: 'RegistraSmartCig', cig, appaltoId, richiesta, dati });
    cigDecider.decide(comando(generaCig('SMART_CIG', 1, 'X')), cigDecider.initialState, this.cigs.contesto());
    const ctx = this.anac.contesto(t);
    const { cig } = await this.anac.chiama(appaltoId, ctx, meta, (g) => g.richiediSmartCig(ctx, { idRichiesta: meta.idempotencyKey ?? appaltoId, dati }));
    // The code is ANAC's: its stream is read once (a request repeated with its Idempotency-Key finds it there).
    const esito = await this.aggregates.execute(cigStream(cig), cigDecider, comando(cig), this.cigs.contesto(), meta);
    return { cig, id: appaltoId, stato: (esito.state as CigEsistente).stato, posizione: esito.position };
  }
}
